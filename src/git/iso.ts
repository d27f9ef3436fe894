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
/**
 * Drop isomorphic-git's cached copy of the index. It decides staleness from the index file's stat, so a
 * rewrite of ours in the same timestamp tick with the same size would look unchanged, and its next write
 * would put back the entries we changed (a smudge, refreshed stat data).
 */
export function forgetCachedIndex(cache: object): void {
  for (const key of Object.getOwnPropertySymbols(cache)) {
    if (key.description === 'IndexCache') delete (cache as Record<symbol, unknown>)[key];
  }
}

export const { Errors, TREE, WORKDIR, STAGE } = git;
export type { PromiseFsClient, HttpClient, ReadCommitResult, TreeEntry, WalkerEntry } from 'isomorphic-git';
