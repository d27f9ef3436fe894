/**
 * "Check this model" on the page: the quick set (bundled), its estimate, and a check whose every task is a run
 * of the page — created through the Agents API over a fresh lite sandbox of its own (never the person's work
 * dir) and stored in the same run history — with the check itself kept in the history database. Loaded lazily.
 */
import { createAgents } from '../api/agents';
import type { Agents, RunDefaults, RunStore } from '../api/types';
import { WorkerDriver } from '../bridge/worker-driver';
import type { Sandbox } from '../sandbox/sandbox';
import { agentsDrive } from './agents-drive';
import { quickTasks } from './bundled-tasks';
import type { CheckArchivePort } from './check-archive';
import type { CheckRecord } from './check-record';
import { estimateCheck, type CheckEstimate } from './estimate';
import { runCheck } from './model-check';
import type { EvalTask } from './task';

/** What the page gives the check. */
export interface PageCheckDeps {
  /** The page's run store: each task's run lands in Run history. */
  store: RunStore;
  archive: CheckArchivePort;
  /** The agent worker (main.ts writes Vite's worker literal). */
  makeWorker(): Worker;
  /** A fresh lite sandbox. */
  makeSandbox(): Promise<Sandbox>;
  /** The page's run settings (model, base URL, key, prices, budgets). */
  defaults(): RunDefaults;
  /** Run history follows each task's Agents API as it follows the page's own (returns the unfollow). */
  follow?(agents: Agents): () => void;
}

/** What "Check this model" can do on the page. */
export interface PageChecks {
  /** The quick set's size and what it should cost with the configured model. */
  estimate(): { tasks: number; model: string; estimate: CheckEstimate };
  /** Run a check with the configured model; the record is stored as it goes. */
  run(signal: AbortSignal, hooks: CheckHooks): Promise<CheckRecord>;
}

/** What a running check tells the page. */
export interface CheckHooks {
  onProgress(check: CheckRecord, current?: { task: string; step: number }): void;
  /** The check could not be stored (it goes on; the page says so). */
  onStoreError(error: Error): void;
}

/** A fresh id for a check. */
function checkId(): string {
  return `check_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** The page's checks over its store and archive. */
export function pageChecks(deps: PageCheckDeps): PageChecks {
  let tasks: EvalTask[] | undefined;
  const quick = () => (tasks ??= quickTasks());
  // a check's runs never wait for a file review: nobody is there to give it
  const defaults = (): RunDefaults => ({ ...deps.defaults(), ask_file_changes: false });
  const open = (sandbox: Sandbox) => {
    const driver = new WorkerDriver({ makeWorker: () => deps.makeWorker(), sandbox: Promise.resolve(sandbox) });
    const agents: Agents = createAgents({ store: deps.store, driver, sandbox: Promise.resolve(sandbox), defaults });
    const unfollow = deps.follow?.(agents);
    return { agents, dispose: () => (unfollow?.(), driver.dispose()) };
  };
  const estimate = () => {
    const { model, prices } = deps.defaults();
    return { tasks: quick().length, model, estimate: estimateCheck(quick(), model, prices) };
  };
  return {
    estimate,
    async run(signal, hooks) {
      const { model, baseURL } = deps.defaults();
      let saving = Promise.resolve();
      const save = (check: CheckRecord) => {
        saving = saving.then(() => deps.archive.put(check)).catch((error: unknown) => hooks.onStoreError(error as Error));
        return saving;
      };
      let lastDone = -1;
      const check = await runCheck(quick(), {
        id: checkId(),
        model,
        base_url: baseURL,
        estimate_usd: estimate().estimate.typical.usd,
        drive: agentsDrive(open),
        makeSandbox: () => deps.makeSandbox(),
        signal,
        onProgress: (state, current) => {
          hooks.onProgress(state, current);
          // stored when it starts and after each task, not at every step
          if (state.results.length !== lastDone) void save(state);
          lastDone = state.results.length;
        },
      });
      await save(check);
      return check;
    },
  };
}
