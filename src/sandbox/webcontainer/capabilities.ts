import type { Capabilities } from '../sandbox';
import type { GitInstall } from './git-command';

const GIT_COMMANDS = 'init, status, add, commit, diff, log, show, branch, checkout, switch, restore, reset, rm, mv, stash, rev-parse, config, remote';

/** What the model is told about git, from what the install found at boot. */
export function gitSentence(git: GitInstall): string {
  const local =
    `local commands only (${GIT_COMMANDS}; output like real git). clone, fetch, pull and push cannot reach a ` +
    'remote from inside the container (no token ever enters it): to publish your work, commit it and use the ' +
    'create_pull_request tool when you have it.';
  if (git.kind === 'command') return `git is installed (Autopilot's git on isomorphic-git, not the real git): ${local}`;
  if (git.kind === 'node') {
    return (
      `git is not a command in jsh here, but Autopilot's git (on isomorphic-git) runs as \`node ${git.file} <args>\` ` +
      `(for example \`node ${git.file} status\`): ${local}`
    );
  }
  return `There is no git in this shell (${git.why}).`;
}

/** What the WebContainer sandbox can run, for the agent's system prompt and the banner. */
export function webcontainerCapabilities(git: GitInstall): Capabilities {
  return {
    summary:
      'A WebContainer: Node.js in the browser tab, with node, npm and npx (packages install from the npm registry). ' +
      'The shell is jsh, not bash: it runs simple commands, pipes, &&, ||, ; and redirections, with few builtins ' +
      '(cd, echo, export, pwd, ls, cat, cp, mkdir, rm, rmdir, ps, kill). There is no sleep, no python3 or pip (Python runs only in the lite sandbox, on Pyodide), ' +
      'and no sed, awk or grep unless installed from npm (run them through npx). jsh cannot do: `!` negation (`if ! command -v x` ' +
      'fails with "unsupported shell syntax"), shell functions, heredocs, ' +
      'or running a script by its shebang (`./x.js` fails with "spawn ./x.js ENOENT": run `node x.js`); `2>&1` and quoted strings over several lines may be refused too (the result then says what to do). ' +
      `${gitSentence(git)} ` +
      'Write files with write_file and do logic in node (`node -e` or a script file). Pass --yes to npx ' +
      '(`npx --yes create-vite@latest app -- --template react`) and options to create-* tools: a command that waits ' +
      'for an answer is interrupted. Start servers and watchers (npm run dev, vite, node server.js) with ' +
      'start_process, never with & or a blocking run_command: they start in your current directory with your exports, ' +
      'and their ports open a preview in the page (read the process output for the port actually used).',
    node: true,
    network: true,
    processes: true,
    servers: true,
  };
}
