/**
 * The person's oversight of a run beyond single approvals: a reached limit (steps, tokens, cost, time) asks them
 * to raise it, a stuck run asks them whether to go on, and time spent waiting for them is not the run's own
 * time. With the threshold `never` (or no person) nobody is asked: a limit or being stuck ends the run.
 */
import type { AgentEvent, HumanRequest } from '../core/events';
import type { HumanAnswer, InterventionThreshold, Usage } from '../core/run';
import { failed, limitFailure, limitReached, raisedLimits, type LimitHit, type RunLimits } from './ending';
import type { HumanPort } from './human';
import { StuckDetector, type ActionRecord } from './stuck';

/** What oversight works with. */
export interface OversightDeps {
  emit(event: AgentEvent): void;
  human?: HumanPort;
  threshold: InterventionThreshold;
  limits: RunLimits;
  now(): number;
  /** The run's own time before this start (a resumed run), in ms. */
  usedMs?: number;
}

/** One run's limits, stuck detection and waits for a person. */
export class Oversight {
  readonly #deps: OversightDeps;
  readonly #started: number;
  readonly human: HumanPort | undefined;
  #limits: RunLimits;
  #stuck = new StuckDetector();
  #waitedMs = 0;
  /** Notes from the person for the model, sent before the next request. */
  #notes: string[] = [];

  constructor(deps: OversightDeps) {
    this.#deps = deps;
    this.#started = deps.now();
    this.#limits = { ...deps.limits };
    this.human = deps.human && this.#timed(deps.human);
  }

  /** The limits as raised so far. */
  get limits(): RunLimits {
    return this.#limits;
  }

  /** Whether a person may be asked about limits and a stuck run. */
  get canAsk(): boolean {
    return this.#deps.threshold !== 'never' && this.human !== undefined;
  }

  /** The run's own time so far: before a resume, and since it started without the waits for a person. */
  get activeMs(): number {
    return (this.#deps.usedMs ?? 0) + this.#deps.now() - this.#started - this.#waitedMs;
  }

  /** Before each model request: a reached limit ends the run (throws its ending), or asks the person to raise it. */
  async checkLimits(state: { step: number; usage: Usage }, signal: AbortSignal): Promise<void> {
    for (;;) {
      const hit = limitReached(this.#limits, { ...state, elapsedMs: this.activeMs });
      if (!hit) return;
      if (!this.canAsk) throw limitFailure(hit);
      await this.#askToRaise(hit, signal);
    }
  }

  /** Record an action; when the run is stuck, end it, or ask the person whether it may go on. */
  async recordAction(action: ActionRecord, signal: AbortSignal): Promise<void> {
    const why = this.#stuck.record(action);
    if (!why) return;
    const message = `The agent is stuck. ${why}`;
    if (!this.canAsk) throw failed('stuck', message);
    const request: HumanRequest = { kind: 'raise', limit: 'stuck', message: `${message} Let it go on (with a note, if you like), or end the run.` };
    const answer = await this.#ask(request, signal);
    if (!('reply' in answer) && !('approve' in answer && answer.approve) && !('raise' in answer)) throw failed('stuck', message);
    this.#stuck = new StuckDetector();
    const note = 'reply' in answer ? answer.reply.trim() : '';
    this.#notes.push(`You repeated the same action without progress, and the person let you go on.${note ? ` Their note: ${note}` : ''} Try something different.`);
  }

  /** A note the person sent to the working run (`respond(id, {note})`): told before the next request. */
  addPersonNote(note: string): void {
    this.#notes.push(`A note from the person, sent while you work: ${note}`);
  }

  /** Notes for the model, once each. */
  takeNotes(): string[] {
    return this.#notes.splice(0);
  }

  /** `{raise}` raises the limit; any other answer ends the run with that limit. */
  async #askToRaise(hit: LimitHit, signal: AbortSignal): Promise<void> {
    const { limit, current, used } = hit;
    const answer = await this.#ask({ kind: 'raise', limit, message: `${hit.message} Raise the limit to go on, or end the run.`, current, used }, signal);
    if (!('raise' in answer)) throw limitFailure(hit);
    const before = this.#limits;
    this.#limits = raisedLimits(before, answer.raise);
    const changes = (Object.keys(this.#limits) as (keyof RunLimits)[])
      .filter((key) => this.#limits[key] !== before[key])
      .map((key) => `${key} ${before[key] ?? 'none'} → ${this.#limits[key]}`);
    const message = changes.length ? `The person raised the limits: ${changes.join(', ')}.` : 'The answer raised no limit; the run asks again.';
    this.#deps.emit({ type: 'notice', message });
  }

  async #ask(request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer> {
    this.#deps.emit({ type: 'human_request', request });
    const answer = await this.human!.ask(request, signal);
    this.#deps.emit({ type: 'human_response', answer });
    return answer;
  }

  /** A person whose waits are timed: waiting for them is not the run's own time. */
  #timed(human: HumanPort): HumanPort {
    return {
      ask: async (request, signal) => {
        const asked = this.#deps.now();
        try {
          return await human.ask(request, signal);
        } finally {
          this.#waitedMs += this.#deps.now() - asked;
        }
      },
    };
  }
}
