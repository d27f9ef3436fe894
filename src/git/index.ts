/** The git front end's public face: run `git` over a file system. Load it lazily (it pulls in isomorphic-git). */
export { runGit, SUPPORTED_COMMANDS } from './cli';
export { fromBashFs, type GitFs, type BashLikeFs } from './fs';
export type { GitContext, GitResult, GitRemote } from './context';
export { DEFAULT_AUTHOR } from './identity';
export { MemoryFs } from './memory-fs';
export { buildRepository, type RepositoryFile, type BuiltRepository } from './build';
export { localChanges, openedFrom, openedVersions, type LocalCommit, type LocalChanges, type FileChange } from './local-changes';
export { cloneRepository, type CloneOptions } from './clone';
export { pushBranch, type PushOptions } from './push';
