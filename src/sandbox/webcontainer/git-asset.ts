/** The file name of the `git` program for Node, a build asset under the app's base (scripts/git-cli-bundle.ts). */
export const GIT_CLI_ASSET = 'autopilot-git.cjs';
