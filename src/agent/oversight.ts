/**
 * The person's oversight of a run beyond single approvals: a reached limit (steps, tokens, cost, time) asks them
 * to raise it, a stuck run asks them whether to go on, and time spent waiting for them is not the run's own
 * time. With the threshold `never` (or no person) nobody is asked: a limit or being stuck ends the run.
 */
import type { AgentEvent, HumanRequest, RaisableLimit } from '../core/events';
import type { FailReason, HumanAnswer, InterventionThreshold, Limits, Usage } from '../core/run';
import { failed, limitFailure, limitMessage, limitReached, raisedLimits, type LimitHit, type RunEnded, type RunLimits } from './ending';
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

/** A request to raise a limit (or to let a stuck run go on). */
export type RaiseRequest = Extract<HumanRequest, { kind: 'raise' }>;

/** Why each limit a run may ask to raise ends it when the person does not. */
const LIMIT_REASONS: Record<RaisableLimit, FailReason> = {
  max_steps: 'max_steps',
  max_tokens: 'budget',
  max_cost_usd: 'budget',
  timeout_s: 'timeout',
  stuck: 'stuck',
};

/** What a person's answer to a raise request does: raise limits, let a stuck run go on (a note for the model), or end the run. */
export type RaiseOutcome = { raise: Partial<Limits> } | { goOn: string } | { end: RunEnded };

/**
 * The one rule for answers to a raise request, live or given after a reload: `{raise}` raises a limit; a stuck
 * run goes on after a reply, an approval or a raise; any other answer ends the run with what it asked about.
 */
export function raiseOutcome(request: RaiseRequest, answer: HumanAnswer): RaiseOutcome {
  const ending = () => ({ end: failed(LIMIT_REASONS[request.limit], endingMessage(request)) });
  if (request.limit !== 'stuck') return 'raise' in answer ? { raise: answer.raise } : ending();
  if (!('reply' in answer) && !('approve' in answer && answer.approve) && !('raise' in answer)) return ending();
  const note = 'reply' in answer ? answer.reply.trim() : '';
  return { goOn: `You repeated the same action without progress, and the person let you go on.${note ? ` Their note: ${note}` : ''} Try something different.` };
}

/** What a run ends with when the person does not raise the limit: said by the request, or as the loop says it. */
function endingMessage(request: RaiseRequest): string {
  if (request.ends_with !== undefined) return request.ends_with;
  const { limit, current, used } = request;
  if (limit === 'stuck' || current === undefined || used === undefined) return request.message;
  return limitMessage(limit, current, used);
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
    const request: RaiseRequest = { kind: 'raise', limit: 'stuck', message: `${message} Let it go on (with a note, if you like), or end the run.`, ends_with: message };
    this.#goOnOrEnd(request, await this.#ask(request, signal));
  }

  /**
   * A resumed run that was stuck when its page closed: the person's late answer lets it go on (with their note)
   * or ends it, as it would have live. (The detector's history is not stored, so it cannot ask again.)
   */
  resumeStuck(): void {
    const late = this.human?.takeLate?.({ kind: 'raise', limit: 'stuck' });
    if (late?.request.kind !== 'raise') return;
    this.#deps.emit({ type: 'human_response', answer: late.answer });
    this.#goOnOrEnd(late.request, late.answer);
  }

  #goOnOrEnd(request: RaiseRequest, answer: HumanAnswer): void {
    const outcome = raiseOutcome(request, answer);
    if ('end' in outcome) throw outcome.end;
    this.#stuck = new StuckDetector();
    if ('goOn' in outcome) this.#notes.push(outcome.goOn);
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
    const request: RaiseRequest = { kind: 'raise', limit, message: `${hit.message} Raise the limit to go on, or end the run.`, current, used };
    const outcome = raiseOutcome(request, await this.#ask(request, signal));
    if ('end' in outcome) throw outcome.end;
    if (!('raise' in outcome)) return;
    const before = this.#limits;
    this.#limits = raisedLimits(before, outcome.raise);
    const changes = (Object.keys(this.#limits) as (keyof RunLimits)[])
      .filter((key) => this.#limits[key] !== before[key])
      .map((key) => `${key} ${before[key] ?? 'none'} → ${this.#limits[key]}`);
    const message = changes.length ? `The person raised the limits: ${changes.join(', ')}.` : 'The answer raised no limit; the run asks again.';
    this.#deps.emit({ type: 'notice', message });
  }

  /** Ask the person, unless a late answer (a resumed run) already answers this request: its request is stored. */
  async #ask(request: RaiseRequest, signal: AbortSignal): Promise<HumanAnswer> {
    const late = this.human!.takeLate?.({ kind: 'raise', limit: request.limit });
    if (late) {
      this.#deps.emit({ type: 'human_response', answer: late.answer });
      return late.answer;
    }
    this.#deps.emit({ type: 'human_request', request });
    const answer = await this.human!.ask(request, signal);
    this.#deps.emit({ type: 'human_response', answer });
    return answer;
  }

  /** A person whose waits are timed: waiting for them is not the run's own time. */
  #timed(human: HumanPort): HumanPort {
    return {
      ...(human.takeLate && { takeLate: (match: Parameters<NonNullable<HumanPort['takeLate']>>[0]) => human.takeLate!(match) }),
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
