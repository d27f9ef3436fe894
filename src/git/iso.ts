/**
 * The one module that imports `isomorphic-git`. Everything else in src/git/ reaches git through `iso` from
 * here; the page loads this only when `git` is first used.
 */
import './buffer-shim'; // first: isomorphic-git needs the global Buffer
import * as git from 'isomorphic-git';
import webHttp from 'isomorphic-git/http/web';

export const iso = git;
/** isomorphic-git's HTTP transport over `fetch` (browsers and Node alike). */
export const http = webHttp;
export const { Errors, TREE, WORKDIR, STAGE } = git;
export type { PromiseFsClient, HttpClient, ReadCommitResult, TreeEntry, WalkerEntry } from 'isomorphic-git';
