/**
 * The benchmark page's entry: exposes `window.bench`, whose functions the Node side calls one at a time through
 * Playwright. Each returns plain numbers (milliseconds and counts) for one repetition.
 */
import { diffClose, diffOpen } from './diff-render';
import { persistOnce } from './persist';
import { reopenOnce, reopenScroll, seedRun } from './reopen';
import { rpcOnce } from './rpc';
import { terminalOnce } from './terminal';
import { uiLongRunFeed, uiLongRunStart, uiLongRunStop } from './ui-long-run';

const bench = { rpcOnce, terminalOnce, persistOnce, seedRun, reopenOnce, reopenScroll, uiLongRunStart, uiLongRunFeed, uiLongRunStop, diffOpen, diffClose };

/** What the Node side can call. */
export type BenchPage = typeof bench;

declare global {
  interface Window {
    bench: BenchPage;
  }
}

window.bench = bench;
document.title = 'ready';
