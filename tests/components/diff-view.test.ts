/**
 * The diff view: unified, kept, deleted and added lines as lines of one document; side by side, the two files
 * kept level by blank lines; long unchanged stretches folded behind a button that shows them.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import DiffView from '../../src/ui/changes/DiffView.svelte';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

const numbered = (count: number, changed: number) =>
  Array.from({ length: count }, (_, i) => (i + 1 === changed ? `line ${i + 1} changed\n` : `line ${i + 1}\n`)).join('');

/** Waits (a macrotask at a time, 2 s at most) until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 2_000; !ready(); ) {
    if (Date.now() > deadline) throw new Error('the diff view did not appear within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
    flushSync();
  }
}

const encode = (text: string) => new TextEncoder().encode(text);
const modified = (before: string, after: string) => ({
  kind: 'modified' as const,
  path: 'notes.txt',
  binary: false,
  additions: 1,
  deletions: 1,
  old_size: before.length,
  new_size: after.length,
  before: encode(before),
  after: encode(after),
});
const folds = () => [...document.querySelectorAll('button.cm-collapsedLines')].map((button) => button.textContent);

describe('DiffView', () => {
  it('folds unchanged lines behind a button and shows them on click', async () => {
    component = mount(DiffView, { target: document.body, props: { change: modified(numbered(40, 0), numbered(40, 20)), layout: 'unified' } });
    const lines = () => [...document.querySelectorAll('.cm-line')].map((line) => `${line.className.includes('cm-deletedLine') ? '-' : line.className.includes('cm-insertedLine') ? '+' : ' '}${line.textContent}`);
    await until(() => folds().length > 0);
    const folded = { folds: folds(), lines: lines() };
    document.querySelector<HTMLButtonElement>('button.cm-collapsedLines')!.click();
    flushSync();
    expect({ folded, opened: { folds: folds(), first: lines().slice(0, 2) } }).toEqual({
      folded: {
        folds: ['16 unchanged lines', '17 unchanged lines'],
        lines: [' line 17', ' line 18', ' line 19', '-line 20', '+line 20 changed', ' line 21', ' line 22', ' line 23'],
      },
      opened: { folds: ['17 unchanged lines'], first: [' line 1', ' line 2'] },
    });
  });
});

describe('DiffView side by side', () => {
  it('shows both files level, with the same folds on both sides, opened together', async () => {
    const before = numbered(40, 0);
    const after = before.replace('line 20\nline 21\nline 22\n', 'line 20 and 21 and 22\n');
    component = mount(DiffView, { target: document.body, props: { change: modified(before, after), layout: 'split' } });
    await until(() => folds().length > 0);
    const sides = () => [...document.querySelectorAll('.cm-splitDiff .cm-editor')].map((editor) => [...editor.querySelectorAll('.cm-line')].map((line) => `${line.className.includes('cm-deletedLine') ? '-' : line.className.includes('cm-insertedLine') ? '+' : ' '}${line.textContent}`));
    const spacers = () => [...document.querySelectorAll('.cm-splitDiff .cm-editor')].map((editor) => editor.querySelectorAll('.cm-diffSpacer').length);
    const folded = { folds: folds(), sides: sides(), spacers: spacers() };
    document.querySelector<HTMLButtonElement>('button.cm-collapsedLines')!.click();
    flushSync();
    expect({ folded, opened: folds() }).toEqual({
      folded: {
        folds: ['16 unchanged lines', '15 unchanged lines', '16 unchanged lines', '15 unchanged lines'],
        sides: [
          [' line 17', ' line 18', ' line 19', '-line 20', '-line 21', '-line 22', ' line 23', ' line 24', ' line 25', ' '],
          [' line 17', ' line 18', ' line 19', '+line 20 and 21 and 22', ' line 23', ' line 24', ' line 25', ' '],
        ],
        spacers: [0, 1],
      },
      opened: ['15 unchanged lines', '15 unchanged lines'],
    });
  });
});
