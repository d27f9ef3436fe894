/**
 * The shown run's events, gathered once for the views that replay them (timeline, status meter): one
 * subscription per shown run, events appended in place (never copied), and views told at most once a frame.
 */
import type { Agents } from '../../api/types';
import type { RunEvent } from '../../core';
import { RunMeter } from '../status/meter';

/** The shown run's event log and meter, as runes that change at most once a frame. */
export class ShownRun {
  /** The run's events so far: a new array per run, appended in place; read `length` to follow it. */
  events = $state.raw<RunEvent[]>([]);
  /** How many events the views may read (bumped once a frame). */
  length = $state.raw(0);
  /** The status meter's figures folded from the events (read `length` to follow it). */
  meter = $state.raw(new RunMeter());
  readonly #subscribe: Agents['subscribe'];
  #id: string | undefined;
  #stop: (() => void) | undefined;
  #frame = 0;

  constructor(subscribe: Agents['subscribe']) {
    this.#subscribe = subscribe;
  }

  /** Show this run (undefined: none). Showing the same run again changes nothing. */
  show(id: string | undefined): void {
    if (id === this.#id) return;
    this.dispose();
    this.#id = id;
    const events: RunEvent[] = [];
    const meter = new RunMeter();
    this.events = events;
    this.meter = meter;
    this.length = 0;
    if (!id) return;
    this.#stop = this.#subscribe(id, (event) => {
      events.push(event);
      meter.add(event);
      this.#frame ||= requestAnimationFrame(() => {
        this.#frame = 0;
        if (this.events === events) this.length = events.length;
      });
    });
  }

  dispose(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#id = undefined;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }
}
