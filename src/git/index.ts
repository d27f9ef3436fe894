/** The git front end's public face: run `git` over a file system. Load it lazily (it pulls in isomorphic-git). */
export { runGit, SUPPORTED_COMMANDS } from './cli';
export { fromBashFs, type GitFs, type BashLikeFs } from './fs';
export type { GitContext, GitResult, GitRemote } from './context';
export { DEFAULT_AUTHOR } from './identity';
