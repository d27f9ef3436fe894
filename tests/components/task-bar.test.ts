import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TaskBar from '../../src/ui/task/TaskBar.svelte';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

function render(props: { task: string; busy: boolean }) {
  const calls: string[] = [];
  component = mount(TaskBar, {
    target: document.body,
    props: { ...props, canDownload: true, onrun: () => calls.push('run'), onnote: () => calls.push('note'), onstop: () => calls.push('stop'), ondownload: () => calls.push('download') },
  });
  flushSync();
  const textarea = document.querySelector('textarea')!;
  const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;
  return { calls, textarea, button };
}

function press(target: Element, init: KeyboardEventInit) {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('TaskBar', () => {
  it('runs on Enter, keeps Shift+Enter for a new line, and names its controls as the contract says', () => {
    const { calls, textarea, button } = render({ task: 'make a file', busy: false });
    expect(textarea.labels?.[0]?.textContent).toBe('Task');
    expect([press(textarea, { key: 'Enter', shiftKey: true }), calls]).toEqual([false, []]);
    expect([press(textarea, { key: 'Enter' }), calls]).toEqual([true, ['run']]);
    expect(['Run', 'Stop', 'Download zip'].map((name) => button(name).disabled)).toEqual([false, true, false]);
  });

  it('cannot run an empty task, and Stop works while a run is busy', () => {
    const { calls, button } = render({ task: '   ', busy: true });
    expect([button('Run').disabled, button('Stop').disabled]).toEqual([true, false]);
    button('Stop').click();
    expect(calls).toEqual(['stop']);
  });

  it('while a run is live, Enter and "Send note" send the text to it as a note, and "Run" queues a new run', () => {
    const { calls, textarea, button } = render({ task: 'use tabs, not spaces', busy: true });
    expect(document.getElementById('task-mode')?.textContent).toBe('The run is working: Enter sends your text to it as a note. “Run” queues a new run instead.');
    expect(textarea.getAttribute('aria-describedby')).toBe('task-mode');
    expect([press(textarea, { key: 'Enter' }), calls]).toEqual([true, ['note']]);
    button('Send note').click();
    button('Run').click();
    expect(calls).toEqual(['note', 'note', 'run']);
  });
});
