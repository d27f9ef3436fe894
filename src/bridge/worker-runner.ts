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
import { SecretRegistry } from '../core/secrets';
import { RemoteSandbox } from './remote-sandbox';
import { DeltaCoalescer } from './delta-coalescer';
import { agentConfigOf, modelSettingsOf } from './job-config';
import type { Remote } from './rpc';
import type { DriverOutcome, RunJob } from './run-driver';
import { settledWithin, type SandboxInfo } from './sandbox-calls';
import type { SandboxHost } from './sandbox-host';
import type { AgentWorkerApi, WorkerHooks } from './worker-driver';
import { CREATE_PULL_REQUEST } from '../core/builtin-tools';
import type { ToolResult } from '../core/tool-call';
import type { ExternalTool } from '../agent/loop';

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
        const model = new OpenAIModelClient(modelSettingsOf(job));
        const { spec } = job;
        // the setting wins, so the server is only asked when there is none
        const reported = spec.context_window ? undefined : await model.reportedContextWindow(controller.signal);
        const contextWindow = resolveContextWindow(spec.model, spec.context_window, reported);
        if (contextWindow.notice) void hooks.emit({ type: 'notice', message: contextWindow.notice, once: `context-window:${spec.model}` });
        // the MCP servers' sessions open before the loop: their tools are part of the first request
        mcp = await openRunMcp(job, { contextWindow: contextWindow.tokens, signal: controller.signal, emit: (event) => events.push(event) });
        if (mcp) job = mcp.told(job);
        const config = agentConfigOf(job, contextWindow.tokens);
        // an MCP token is scrubbed bare as well as in its header
        config.secrets = [...(config.secrets ?? []), ...mcpSecrets(job)];
        const assessRisk = createRiskAssessor({ signal: controller.signal, secrets: runSecrets(job) });
        const outcome = await runAgent(
          config,
          {
            model,
            sandbox,
            emit: (event) => events.push(event),
            // the page's tools (create_pull_request) and the MCP servers' side by side
            externalTools: [...pageTools(job, hooks, flushed), ...(mcp?.tools ?? [])],
            human: {
              ask: (request) => {
                events.flush();
                return hooks.ask(request);
              },
            },
            // a pull request or MCP call that carries the run's key is high, whatever the model was told
            assessRisk: mcp ? mcp.assessor(assessRisk) : assessRisk,
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

/** The secrets a run's job carries (by their page-registry names), as a registry the risk rater checks outbound calls against. */
function runSecrets(job: RunJob): SecretRegistry {
  const secrets = new SecretRegistry();
  for (const [name, value] of Object.entries(job.secrets)) secrets.set(name, value);
  return secrets;
}

/**
 * The tools the page runs for this job: create_pull_request when its group is on (the token stays on the page;
 * the call crosses back through the hooks, after the loop's gate asked the person).
 */
function pageTools(job: RunJob, hooks: Remote<WorkerHooks>, flushed: () => Promise<void>): ExternalTool[] {
  if (!job.spec.tools.includes('github')) return [];
  const tool: ExternalTool = {
    spec: CREATE_PULL_REQUEST,
    async run(args) {
      await flushed(); // the call's events are stored before the pull request exists
      // the page gives this hook whenever it gives the group (run-queue.ts); comlink types it as maybe-absent
      const call = hooks.pageTool as unknown as (name: string, args: Record<string, unknown>) => Promise<ToolResult>;
      return call(CREATE_PULL_REQUEST.name, args);
    },
  };
  return [tool];
}
