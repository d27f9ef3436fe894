/**
 * Which of the timeline's items are rendered: the newest `size` when a run opens, older ones a `page` at a
 * time as the person scrolls up. While the view follows the end the window slides forward (with some slack,
 * so it moves once per `slack` new items, not on every one), keeping the DOM small during a long live run.
 */

/** The first rendered index of a growing list of items. */
export class TimelineWindow {
  /** Index of the first rendered item. */
  start = 0;
  #total = 0;
  readonly size: number;
  readonly page: number;
  /** New items rendered beyond `size` before the window slides forward (the items it then lets go at once). */
  readonly slack: number;

  constructor(size = 100, page = 100, slack = page) {
    this.size = size;
    this.page = page;
    this.slack = slack;
  }

  /** How many older items are not rendered. */
  get hidden(): number {
    return this.start;
  }

  /**
   * The list now has `total` items (`restarted`: it is a new list); returns the first index to render. Only new
   * items slide the window, so older items let in while at the end stay.
   */
  update(total: number, following: boolean, restarted = false): number {
    const opening = restarted || this.#total === 0 || total < this.#total;
    const grew = total > this.#total;
    this.#total = total;
    if (opening || (following && grew && total - this.start > this.size + this.slack)) {
      this.start = Math.max(0, total - this.size);
    }
    this.start = Math.min(this.start, total);
    return this.start;
  }

  /** Render another page of older items; false when there are none. */
  older(): boolean {
    if (this.start === 0) return false;
    this.start = Math.max(0, this.start - this.page);
    return true;
  }
}
