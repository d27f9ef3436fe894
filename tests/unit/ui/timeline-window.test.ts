import { describe, expect, it } from 'vitest';
import { TimelineWindow } from '../../../src/ui/timeline/window';

describe('TimelineWindow', () => {
  it('opens a long list at its newest items and lets older ones in a page at a time', () => {
    const window = new TimelineWindow(100, 50);
    expect(window.update(3_000, true)).toBe(2_900);
    const starts: number[] = [];
    while (window.older()) starts.push(window.start);
    expect([starts.length, starts.slice(0, 3), starts.at(-1), window.older()]).toEqual([58, [2_850, 2_800, 2_750], 0, false]);
  });

  it('renders a short list whole', () => {
    const window = new TimelineWindow(100, 50);
    expect([window.update(0, true), window.update(3, true), window.update(80, true), window.hidden]).toEqual([0, 0, 0, 0]);
  });

  it('slides forward while following the end, once the slack of a page is used up', () => {
    const window = new TimelineWindow(100, 50);
    const starts = [120, 170, 171, 220, 222].map((total) => window.update(total, true));
    expect(starts).toEqual([20, 20, 71, 71, 122]);
  });

  it('slides by a smaller slack when given one, still letting older items in a page at a time', () => {
    const window = new TimelineWindow(100, 100, 25);
    // opens at the newest 100; once more than 125 are rendered, slides back to the newest 100
    const starts = [120, 145, 146, 170, 172].map((total) => window.update(total, true));
    expect([starts, window.older(), window.start]).toEqual([[20, 20, 46, 46, 72], true, 0]);
  });

  it('stays put while the person reads older items, however many new ones arrive', () => {
    const window = new TimelineWindow(100, 50);
    window.update(1_000, true);
    window.older();
    expect([window.update(1_500, false), window.update(2_000, false)]).toEqual([850, 850]);
  });

  it('starts over on a new list, shorter or restarted', () => {
    const window = new TimelineWindow(100, 50);
    window.update(1_000, false);
    window.older();
    expect([window.update(400, false), window.update(600, false, true), window.update(0, true), window.update(30, true)]).toEqual([300, 500, 0, 0]);
  });
});
