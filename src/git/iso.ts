/**
 * The one module that imports `isomorphic-git` (and its `Buffer` shim for browsers). Everything else in
 * src/git/ reaches git through `iso` from here; the page loads this only when `git` is first used.
 */
import { Buffer } from 'buffer';
import * as git from 'isomorphic-git';

// isomorphic-git uses the global Buffer; browsers and workers have none.
const scope = globalThis as { Buffer?: unknown };
if (scope.Buffer === undefined) scope.Buffer = Buffer;

export const iso = git;
export const { Errors, TREE, WORKDIR, STAGE } = git;
export type { PromiseFsClient, HttpClient, ReadCommitResult, TreeEntry, WalkerEntry } from 'isomorphic-git';
