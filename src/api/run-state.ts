/** A run's state as a pure function of its events: what `retrieve` shows is what the events said. */
import {
  argsOf,
  describeCall,
  emptyUsage,
  isFinal,
  type AgentEvent,
  type ExecuteParams,
  type HumanAnswer,
  type HumanRequest,
  type LatestAction,
  type ParsedCall,
  type Run,
} from '../core';
import type { DriverOutcome } from './types';

/** A new run in `queued`, with the step limit it starts with. */
export function newRun(id: string, params: ExecuteParams, now: number, maxSteps?: number): Run {
  return {
    id,
    instructions: params.instructions,
    status: 'queued',
    created_at: now,
    updated_at: now,
    steps: 0,
    outputs: {},
    usage: emptyUsage(),
    ...(maxSteps !== undefined && { max_steps: maxSteps }),
  };
}

/** The new step limit an answer sets, as the loop applies it: a raise of a limit (not "stuck"), a positive number, floored. */
export function raisedStepLimit(asked: HumanRequest | undefined, answer: HumanAnswer | { note: string }): number | undefined {
  if (asked?.kind !== 'raise' || asked.limit === 'stuck' || !('raise' in answer)) return undefined;
  const steps = answer.raise.max_steps;
  return typeof steps === 'number' && Number.isFinite(steps) && steps >= 1 ? Math.floor(steps) : undefined;
}

/** The run after one event (`asked`: the request it waited on, for a response). A final run no longer changes. */
export function applyEvent(run: Run, event: AgentEvent, now: number, asked?: HumanRequest): Run {
  if (isFinal(run.status)) return run;
  const next: Run = { ...run, updated_at: now };
  switch (event.type) {
    case 'status':
      next.status = event.status;
      if (event.reason) next.reason = event.reason;
      if (event.error) next.error = event.error;
      return next;
    case 'step':
      next.steps = Math.max(run.steps, event.step);
      return next;
    case 'tool_call':
      next.latest_action = latestAction(event);
      if (event.call.name === 'finish') Object.assign(next, finishFields(event));
      return next;
    case 'usage':
      next.usage = { ...event.total };
      return next;
    case 'human_request':
      next.status = 'awaiting_human';
      return next;
    case 'human_response': {
      // a note to a working run (`respond(id, {note})`) answers no question
      if (next.status === 'awaiting_human' && ('approve' in event.answer || !('note' in event.answer))) next.status = 'in_progress';
      const steps = raisedStepLimit(asked, event.answer);
      if (steps !== undefined) next.max_steps = steps;
      return next;
    }
    default:
      return run;
  }
}

/** The run once the driver says how it ended (fills what the events did not say). */
export function applyOutcome(run: Run, outcome: DriverOutcome, now: number): Run {
  const next: Run = { ...run, status: outcome.status, updated_at: now };
  if (outcome.reason) next.reason = outcome.reason;
  if (outcome.summary !== undefined) next.summary = outcome.summary;
  if (outcome.outputs) next.outputs = outcome.outputs;
  if (outcome.error) next.error = outcome.error;
  if (outcome.status !== 'failed') delete next.reason;
  return next;
}

/** A glance at a tool call: its tool and what it does, in a line. */
export function latestAction(parsed: ParsedCall): LatestAction {
  return { type: parsed.call.name, description: describeCall(parsed) };
}

/** What a finish call says: its summary and outputs. */
function finishFields(parsed: ParsedCall): Partial<Run> {
  const args = argsOf(parsed) ?? {};
  const fields: Partial<Run> = {};
  if (typeof args.summary === 'string') fields.summary = args.summary;
  if (args.outputs && typeof args.outputs === 'object' && !Array.isArray(args.outputs)) {
    fields.outputs = args.outputs as Record<string, unknown>;
  }
  return fields;
}
