/**
 * The Drive of the in-app model check: each attempt is a run through the page's Agents API (the same queue,
 * agent worker and run store as a run typed in the Task box), over the attempt's own fresh sandbox, so it lands
 * in Run history like any run. Nobody watches a check: a run that asks a person (a limit reached, a stuck run)
 * is answered "no" at once, which ends it the way it would end unattended.
 */
import { isFinal, type AgentEvent, type Run, type RunEvent } from '../core';
import type { AgentsApi } from '../api/types';
import type { Sandbox } from '../sandbox/sandbox';
import type { Drive, Driven } from './attempt';

/** The page's runs over one sandbox: the API, and how to let go of what it started (its agent worker). */
export interface SandboxRuns {
  agents: AgentsApi;
  dispose(): void;
}

/** How long a stopped run may take to end before the attempt gives up waiting (it is cancelled regardless). */
const CANCEL_WAIT_MS = 5_000;

export const UNATTENDED_NOTE = 'This run is part of a model check: nobody is watching to answer, so the answer is no.';

/** A Drive that runs each attempt as a page run over the attempt's sandbox (`open` builds the API over it). */
export function agentsDrive(open: (sandbox: Sandbox) => SandboxRuns): Drive {
  return async (job, sandbox, hooks) => {
    const { agents, dispose } = open(sandbox);
    try {
      hooks.signal.throwIfAborted();
      const run = await agents.execute({
        instructions: job.instructions,
        tools: job.tools,
        max_steps: job.max_steps,
        timeout_s: job.timeout_s,
        human_intervention_threshold: 'never',
      });
      const ended = await untilFinal(agents, run.id, hooks.emit, hooks.signal);
      return drivenOf(ended);
    } finally {
      dispose();
    }
  };
}

function drivenOf(run: Run): Driven {
  const status = run.status === 'completed' || run.status === 'failed' ? run.status : 'cancelled';
  return { status, ...(run.reason && { reason: run.reason }), steps: run.steps, usage: run.usage, run_id: run.id };
}

/** Follows the run's events until it is final; Stop cancels it (and rejects with the signal's reason once it ended). */
function untilFinal(agents: AgentsApi, id: string, emit: (event: AgentEvent) => void, signal: AbortSignal): Promise<Run> {
  return new Promise<Run>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      action();
    };
    const onEvent = (event: RunEvent) => {
      emit(event);
      if (event.type === 'human_request') void agents.respond(id, { approve: false, note: UNATTENDED_NOTE }).catch(() => undefined);
      if (event.type === 'status' && isFinal(event.status)) {
        agents.retrieve(id).then(
          (run) => finish(() => resolve(run)),
          (error: unknown) => finish(() => reject(error)),
        );
      }
    };
    const onAbort = () => {
      const cancelled = agents.cancel(id).catch(() => undefined);
      const bound = new Promise((done) => setTimeout(done, CANCEL_WAIT_MS));
      void Promise.race([cancelled, bound]).then(() => finish(() => reject(signal.reason)));
    };
    const unsubscribe = agents.subscribe(id, onEvent);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
