/**
 * Look-alike names: a right-to-left override (`a\u202etxt.exe` renders as "aexe.txt") and a composed/decomposed
 * pair (`café.txt` twice) must not pass for what they look like, in Files or in the dialog "Approval required".
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Files from '../../src/ui/files/Files.svelte';
import ApprovalDialog from '../../src/ui/human/ApprovalDialog.svelte';

const RTL = 'a\u202etxt.exe';
const COMPOSED = 'caf\u00e9.txt';
const DECOMPOSED = 'cafe\u0301.txt';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

const text = (element: Element) => element.textContent!.replace(/\s+/g, ' ').trim();

async function settle(): Promise<void> {
  for (let tick = 0; tick < 5; tick++) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

describe('look-alike names', () => {
  it('Files shows the override visibly and marks the normalisation twins, leaving plain names alone', async () => {
    const entries = [RTL, COMPOSED, DECOMPOSED, 'plain.txt'].map((path) => ({ path, type: 'file' as const, size: 1 }));
    component = mount(Files, { target: document.body, props: { list: async () => entries, read: async () => 'x' } });
    await settle();
    const rows = [...document.querySelectorAll('button.file')];
    expect(rows.map(text)).toEqual(['a⟨U+202E⟩txt.exe look-alike', `${COMPOSED} look-alike`, `${DECOMPOSED} look-alike`, 'plain.txt']);
    expect(rows.map((row) => row.querySelector('.lookalike')?.getAttribute('title') ?? '')).toEqual([
      'This name holds invisible or direction-changing characters (shown as ⟨U+…⟩).',
      'This name looks the same as another name here but differs in its Unicode form (composed/decomposed).',
      'This name looks the same as another name here but differs in its Unicode form (composed/decomposed).',
      '',
    ]);
    expect(document.body.textContent).not.toContain('\u202e');
  });

  it('the approval dialog shows hidden characters and a decomposed spelling of the action', () => {
    const verdict = { level: 'high' as const, reasons: ['writes a file'] };
    const request = { kind: 'approval' as const, call_id: 'c', tool: 'write_file', action: `write ${RTL} and ${DECOMPOSED}`, verdict };
    component = mount(ApprovalDialog, { target: document.body, props: { request, sending: false, problem: '', onanswer: () => {} } });
    flushSync();
    expect(text(document.querySelector('pre')!)).toBe(`write a⟨U+202E⟩txt.exe and ${DECOMPOSED}`);
    expect(text(document.querySelector('[role="alert"]')!)).toBe(
      'This action holds invisible or direction-changing characters (shown as ⟨U+…⟩), and is in decomposed Unicode form: it looks like, but is not, the usual spelling.',
    );
  });

  it('an editable command with an override is shown escaped beside the box', () => {
    const verdict = { level: 'high' as const, reasons: ['runs a program'] };
    const request = { kind: 'approval' as const, call_id: 'c', tool: 'run_command', action: `./${RTL}`, verdict };
    component = mount(ApprovalDialog, { target: document.body, props: { request, sending: false, problem: '', onanswer: () => {} } });
    flushSync();
    expect(text(document.querySelector('[role="alert"]')!)).toBe(
      'This action holds invisible or direction-changing characters (shown as ⟨U+…⟩). As written: ./a⟨U+202E⟩txt.exe',
    );
  });
});
