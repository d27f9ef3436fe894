/**
 * The agent loop behind the worker boundary: what the agent worker exposes. The page sends a run's job (model
 * settings included: the API key lives here only in memory, for the model requests), lends the sandbox as a
 * host, and receives events and questions through proxied hooks. `cancel` aborts the run's signal.
 */
import { resolveContextWindow } from '../agent/context';
import { runAgent, type RunOutcome } from '../agent/loop';
import { OpenAIModelClient } from '../agent/model';
import { createRiskAssessor } from '../risk';
import { mcpSecrets, openRunMcp, type RunMcp } from './mcp-run';
import { RemoteSandbox } from './remote-sandbox';
import { DeltaCoalescer } from './delta-coalescer';
import type { Remote } from './rpc';
import type { DriverOutcome, RunJob } from './run-driver';
import { settledWithin, type SandboxInfo } from './sandbox-calls';
import type { SandboxHost } from './sandbox-host';
import type { AgentWorkerApi, WorkerHooks } from './worker-driver';

/** run_command's timeout when the model gives none. */
const COMMAND_TIMEOUT_MS = 120_000;

/** The agent worker's API: starts runs of the agent loop and cancels them. */
export function createAgentWorkerApi(): AgentWorkerApi {
  const controllers = new Map<string, AbortController>();
  return {
    async start(given: RunJob, info: SandboxInfo, host: Remote<SandboxHost>, hooks: Remote<WorkerHooks>) {
      let job = given;
      const controller = new AbortController();
      controllers.set(job.run_id, controller);
      // deltas cross the boundary gathered (delta-coalescer.ts); every other call sends what is held first
      const events = new DeltaCoalescer((event) => void hooks.emit(event));
      const flushed = () => {
        events.flush();
        return hooks.flush();
      };
      // a tool call's event is stored before the call changes anything: a reload then shows it in flight
      const sandbox = new RemoteSandbox(host, info, { beforeChange: flushed });
      let mcp: RunMcp | undefined;
      try {
        const { baseURL, model: name, apiKey, reasoningEffort, idleTimeoutS } = job.model;
        const model = new OpenAIModelClient({
          baseURL,
          model: name,
          apiKey,
          ...(reasoningEffort && { reasoningEffort }),
          ...(idleTimeoutS && { idleTimeoutMs: idleTimeoutS * 1000 }),
        });
        // the setting wins, so the server is only asked when there is none
        const reported = job.context_window ? undefined : await model.reportedContextWindow(controller.signal);
        const contextWindow = resolveContextWindow(name, job.context_window, reported);
        if (contextWindow.notice) void hooks.emit({ type: 'notice', message: contextWindow.notice });
        // the MCP servers' sessions open before the loop: their tools are part of the first request
        mcp = await openRunMcp(job, { contextWindow: contextWindow.tokens, signal: controller.signal, emit: (event) => events.push(event) });
        if (mcp) job = mcp.told(job);
        const assessRisk = createRiskAssessor({ signal: controller.signal });
        const outcome = await runAgent(
          {
            instructions: job.instructions,
            max_steps: job.max_steps,
            timeout_s: job.timeout_s,
            max_tokens: job.max_tokens,
            max_cost_usd: job.max_cost_usd,
            command_timeout_ms: COMMAND_TIMEOUT_MS,
            tools: job.tools,
            threshold: job.human_intervention_threshold,
            ...(job.ask_file_changes && { askFileChanges: true }),
            ...(job.initial_messages && { initialMessages: job.initial_messages }),
            ...(job.start_step !== undefined && { startStep: job.start_step }),
            ...(job.initial_usage && { initialUsage: job.initial_usage }),
            ...(job.initial_active_ms !== undefined && { initialActiveMs: job.initial_active_ms }),
            ...(job.pending_turn && { pendingTurn: job.pending_turn }),
            ...(job.late_answer && { lateAnswer: job.late_answer }),
            ...(job.prices && { prices: job.prices }),
            context_window: contextWindow.tokens,
            // the key goes to the model server only, MCP tokens to their server only: scrubbed from every event
            secrets: [...(job.model.apiKey ? [job.model.apiKey] : []), ...mcpSecrets(job)],
          },
          {
            model,
            sandbox,
            emit: (event) => events.push(event),
            human: {
              ask: (request) => {
                events.flush();
                return hooks.ask(request);
              },
            },
            assessRisk: mcp ? mcp.assessor(assessRisk) : assessRisk,
            ...(mcp && { externalTools: mcp.tools }),
            onStepCommitted: (state) => {
              events.flush();
              return hooks.commit(state);
            },
          },
          controller.signal,
        );
        return toOutcome(outcome);
      } finally {
        controllers.delete(job.run_id);
        void sandbox.dispose();
        void mcp?.close();
        // events and the result travel on different channels: let every event land before the result does
        await settledWithin(flushed(), 1_000);
      }
    },
    cancel(runId: string) {
      controllers.get(runId)?.abort();
    },
  };
}

function toOutcome(outcome: RunOutcome): DriverOutcome {
  const { status, reason, summary, outputs, error } = outcome;
  return { status, outputs, ...(reason && { reason }), ...(summary !== undefined && { summary }), ...(error && { error }) };
}

