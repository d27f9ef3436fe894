/**
 * diff_render: one file's 5 000-line change opened in the app's own diff view (the DiffView component, which
 * loads CodeMirror's merge view on first use), until its text is on screen and painted; vs the same 5 000 new
 * lines put into a bare <pre> as plain text. The Node side traces the page's main thread meanwhile (its longest
 * task); the page says how long each took and how many lines the view drew.
 */
import { flushSync, mount, unmount } from 'svelte';
import DiffView from '../../src/ui/changes/DiffView.svelte';
import type { DiffLayout } from '../../src/ui/changes/codemirror';
import type { ShownChange } from '../../src/ui/changes/format';
import { painted, stage } from './stage';

/** The changes measured: every line of a 5 000-line file rewritten, a new 5 000-line file, and 5 000 of 10 000 lines changed in 10-line blocks (every other block). */
export type DiffShape = 'rewritten' | 'added' | 'scattered';

const LINES = 5_000;
const encoder = new TextEncoder();

/** Line `i` of a TypeScript-looking file; `edited` gives the changed version of it. */
function line(i: number, edited: boolean): string {
  const name = `value_${i}`;
  return edited
    ? `export const ${name} = compute(${i}, { scale: ${(i * 7) % 13}, label: 'item ${i}' }); // changed`
    : `export const ${name} = compute(${i}, { scale: ${(i * 3) % 11} });`;
}

function text(count: number, edited: (i: number) => boolean): string {
  return `${Array.from({ length: count }, (_, i) => line(i, edited(i))).join('\n')}\n`;
}

const cache = new Map<DiffShape, ShownChange>();

/** The change of this shape, as the Changes dialog hands it to the diff view. */
export function diffChange(shape: DiffShape): ShownChange {
  const cached = cache.get(shape);
  if (cached) return cached;
  const [before, after] =
    shape === 'rewritten'
      ? [text(LINES, () => false), text(LINES, () => true)]
      : shape === 'added'
        ? [undefined, text(LINES, () => false)]
        : [text(LINES * 2, () => false), text(LINES * 2, (i) => Math.floor(i / 10) % 2 === 0)];
  const change: ShownChange = {
    kind: before === undefined ? 'added' : 'modified',
    path: 'src/values.ts',
    binary: false,
    additions: LINES,
    deletions: shape === 'added' ? 0 : LINES,
    old_size: before?.length ?? 0,
    new_size: after.length,
    before: before === undefined ? undefined : encoder.encode(before),
    after: encoder.encode(after),
  };
  cache.set(shape, change);
  return change;
}

/** What one opening did: ms until painted, and the lines of text drawn in the page. */
export interface Opened {
  ms: number;
  drawnLines: number;
}

let shown: { destroy(): Promise<void> } | undefined;

/** Takes down what the last opening left on the stage (untimed). */
export async function diffClose(): Promise<void> {
  await shown?.destroy();
  shown = undefined;
  stage();
  await painted();
}

/** Opens the change in the diff view (`ours`) or puts its new text in a <pre> (`raw`); resolves once painted. */
export async function diffOpen(shape: DiffShape, which: 'ours' | 'raw', layout: DiffLayout = 'unified'): Promise<Opened> {
  const change = diffChange(shape);
  const host = stage();
  host.style.height = '480px';
  const started = performance.now();
  if (which === 'raw') {
    const pre = document.createElement('pre');
    pre.style.cssText = 'margin:0;height:100%;overflow:auto;font:12.5px monospace';
    pre.textContent = new TextDecoder().decode(change.after);
    host.append(pre);
    await painted();
    shown = { destroy: async () => pre.remove() };
    return { ms: performance.now() - started, drawnLines: LINES };
  }
  const component = mount(DiffView, { target: host, props: { change, layout } });
  flushSync();
  await until(() => host.querySelector('.cm-line') !== null, 10_000);
  await painted();
  shown = { destroy: () => unmount(component) };
  return { ms: performance.now() - started, drawnLines: host.querySelectorAll('.cm-line, .cm-deletedLine').length };
}

/** Waits, a frame at a time, for `ready` (at most `ms`). */
async function until(ready: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error(`diff_render: the diff view drew nothing within ${ms} ms`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
