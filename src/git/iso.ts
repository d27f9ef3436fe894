/**
 * The one module that imports `isomorphic-git`. Everything else in src/git/ reaches git through `iso` from
 * here; the page loads this only when `git` is first used.
 */
import './buffer-shim'; // first: isomorphic-git needs the global Buffer
import * as git from 'isomorphic-git';

export const iso = git;
export const { Errors, TREE, WORKDIR, STAGE } = git;
export type { PromiseFsClient, HttpClient, ReadCommitResult, TreeEntry, WalkerEntry } from 'isomorphic-git';
