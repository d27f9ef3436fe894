/**
 * What happens on the page around a run's loop: its stored configuration, the files given to execute(),
 * the work dir and conversation a follow-up or a resumed run starts from, and stopping its processes.
 */
import { ALL_TOOL_GROUPS, resolveToolGroups, emptyUsage, type AgentEvent, type ExecuteParams, type Run, type RunConfig, type RunSpec } from '../core';
import { stopAllProcesses } from '../agent/process-watch';
import { writeFiles } from '../sandbox/import';
import type { Sandbox, WorkdirSnapshot } from '../sandbox/sandbox';
import { followUpMessages, restoredNote, resumeFrom, type LateAnswer } from './continuation';
import { mcpSecretsFor, storedMcpServers } from './mcp-servers';
import { runTakesImages } from '../models/images';
import type { DriverOutcome, RunDefaults, RunJob, RunStore, StepState } from './types';

/** How a queued run starts: afresh, as a follow-up of an ended run, or resumed from its last committed step. */
export type RunStart =
  | { kind: 'fresh' }
  | { kind: 'follow_up'; parent_id: string }
  | { kind: 'fork'; parent_id: string; step: number }
  | { kind: 'resume'; late?: LateAnswer };

/** What a run starts with beyond its job, or how it ended before it began. */
export type Prepared = { job: Partial<RunJob>; events: AgentEvent[] } | { outcome: DriverOutcome };

/** The name the model API's key goes by in the page's secrets (SecretRegistry). */
export const API_KEY_SECRET = 'api_key';

/**
 * A new run's spec, resolved once: execute()'s arguments over the page's settings, the seed's tool names
 * resolved to groups. Stored with the run and posted as it is when it starts and when it resumes. Never the key:
 * only the name of the secret that holds it.
 */
export function specOf(params: ExecuteParams, defaults: RunDefaults): RunSpec {
  const { instructions: _instructions, files: _files, repo: _repo, ref: _ref, tools, mcp_servers: givenServers, ...rest } = params;
  const given = Object.fromEntries(Object.entries(structuredClone(rest)).filter(([, value]) => value !== undefined));
  // header values (tokens) are registered as the page's secrets and stored by name only
  const mcpServers = storedMcpServers(givenServers, defaults);
  // the MCP servers' tools come by default when the run has servers
  const defaultGroups = mcpServers.length ? [...ALL_TOOL_GROUPS, 'mcp' as const] : [...ALL_TOOL_GROUPS];
  return {
    spec: 1,
    model: defaults.model,
    base_url: defaults.baseURL,
    max_steps: defaults.max_steps,
    human_intervention_threshold: defaults.human_intervention_threshold,
    ...budgetsOf(defaults),
    ...given,
    // execute() checked the names (validate.ts): the seed's (ubuntu_terminal …) become the groups they stand for
    tools: tools ? (resolveToolGroups(tools) ?? []) : defaultGroups,
    ...(tools && { tools_named: true as const }),
    ...settingsOf(defaults),
    ...(runTakesImages((given.model as string | undefined) ?? defaults.model, defaults.model_images, defaults.model) && { model_images: true }),
    ...(mcpServers.length && { mcp_servers: mcpServers }),
  };
}

/** What the page's settings add to a run beyond execute()'s arguments. */
function settingsOf(defaults: RunDefaults): Partial<RunSpec> {
  const settings: Partial<RunSpec> = {};
  if (defaults.reasoningEffort) settings.reasoning_effort = defaults.reasoningEffort;
  if (defaults.idleTimeoutS) settings.idle_timeout_s = defaults.idleTimeoutS;
  if (defaults.context_window) settings.context_window = defaults.context_window;
  if (defaults.prices && Object.keys(defaults.prices).length) settings.prices = structuredClone(defaults.prices);
  if (defaults.ask_file_changes) settings.ask_file_changes = true;
  if (defaults.apiKey) settings.secrets = { api_key: API_KEY_SECRET };
  return settings;
}

/** The budgets Settings give (execute()'s own win over them). */
function budgetsOf(defaults: RunDefaults): Pick<RunSpec, 'max_tokens' | 'max_cost_usd' | 'timeout_s'> {
  const budgets: Pick<RunSpec, 'max_tokens' | 'max_cost_usd' | 'timeout_s'> = {};
  for (const key of ['max_tokens', 'max_cost_usd', 'timeout_s'] as const) {
    if (defaults[key] !== undefined) budgets[key] = defaults[key];
  }
  return budgets;
}

/**
 * A stored run's spec as it goes on: as stored. Only records from before the spec was resolved with the run (no
 * `spec`) take what they lack from today's settings; any record's tools are groups (older ones may name aliases).
 */
export function storedSpec(stored: RunConfig, defaults: RunDefaults): RunSpec {
  const base: RunSpec = stored.spec === 1 ? (stored as RunSpec) : { ...specOf({ instructions: '' }, defaults), ...(stored as Partial<RunSpec>), spec: 1 };
  return { ...base, tools: stored.tools ? (resolveToolGroups(stored.tools) ?? []) : [...ALL_TOOL_GROUPS] };
}

/**
 * The values of the secrets a run names, by name, as the page supplies them when it starts: the key only when
 * the page's key was saved for the run's base URL's origin; MCP tokens as mcp-servers.ts allows.
 */
export function secretsFor(spec: RunSpec, defaults: RunDefaults): Record<string, string> {
  const mcp = mcpSecretsFor(spec, defaults);
  const name = spec.secrets?.api_key;
  if (!name || !defaults.apiKey || originOf(spec.base_url) !== originOf(defaults.baseURL)) return mcp;
  return { [name]: defaults.apiKey, ...mcp };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The job of a run: its spec as it is, and the values of the secrets it names. */
export function jobOf(id: string, instructions: string, spec: RunSpec, secrets: Record<string, string>): RunJob {
  return { run_id: id, instructions, spec, secrets };
}

/** Write `execute({files})` before the first step; a failure ends the run with what to do. */
export async function writeExecuteFiles(
  sandbox: Sandbox,
  files: Record<string, string | Uint8Array>,
  signal: AbortSignal,
): Promise<Prepared> {
  try {
    const summary = await writeFiles(sandbox, files, { signal });
    const notes = [...summary.refused, ...summary.skipped].map((note) => `${note.path} (${note.why})`);
    const events: AgentEvent[] = notes.length ? [{ type: 'notice', message: `Some files were not written: ${notes.join('; ')}` }] : [];
    return { job: {}, events };
  } catch (error) {
    if (signal.aborted) return { outcome: { status: 'cancelled' } };
    const message = `The files given to execute() could not be written: ${(error as Error).message}`;
    return { outcome: { status: 'failed', reason: 'sandbox_error', error: { code: 'files_not_written', message } } };
  }
}

/** Opens a GitHub repository as a work dir snapshot (the page's GitHub, with the token of Settings). */
export type RepositoryOpener = (repo: string, ref: string | undefined, signal: AbortSignal) => Promise<{ snapshot: WorkdirSnapshot; message: string }>;

/** Open `execute({repo, ref})` into the work dir before the first step; a failure ends the run with GitHub's reason. */
export async function openExecuteRepository(sandbox: Sandbox, open: RepositoryOpener | undefined, params: ExecuteParams, signal: AbortSignal): Promise<Prepared> {
  const fail = (message: string): Prepared => ({ outcome: { status: 'failed', reason: 'sandbox_error', error: { code: 'repo_not_opened', message } } });
  if (!open) return fail(`The repository ${params.repo} could not be opened: this page has no GitHub connection.`);
  try {
    const { snapshot, message } = await open(params.repo!, params.ref, signal);
    await sandbox.restore(snapshot);
    return { job: {}, events: [{ type: 'notice', message }] };
  } catch (error) {
    if (signal.aborted) return { outcome: { status: 'cancelled' } };
    return fail(`The repository ${params.repo} could not be opened: ${(error as Error).message}`);
  }
}

/** What a follow-up or resume needs of the page: the store, the sandbox, and how to commit a step. */
export interface SetupDeps {
  store: RunStore;
  sandbox: Sandbox;
  /** The run whose work dir the sandbox holds now. */
  workdirRunId: string | undefined;
  /** Store a step of this run with the sandbox's work dir. */
  commit(state: StepState): Promise<void>;
}

/**
 * A follow-up: the work dir goes on from the earlier run (restored from the store when the sandbox holds
 * another one, e.g. after a reload), and the conversation from its last checkpoint plus the new task.
 */
export async function prepareFollowUp(deps: SetupDeps, parentId: string, instructions: string): Promise<Prepared> {
  const restored = deps.workdirRunId === parentId ? undefined : await restore(deps, await deps.store.workdirAt(parentId));
  const checkpoint = (await deps.store.resumePoint(parentId)).checkpoint;
  if (!checkpoint || checkpoint.messages.length === 0) return { job: {}, events: [] };
  const messages = followUpMessages(checkpoint.messages, instructions, restoredNote(restored, deps.sandbox.capabilities));
  await deps.commit({ step: 0, messages, usage: emptyUsage() });
  const events: AgentEvent[] = [{ type: 'notice', message: 'This run follows up on an earlier one: it goes on from its work dir and conversation.' }];
  return { job: { initial_messages: messages, start_step: 0 }, events };
}

/** A resume: the work dir as of the last committed step, the stored conversation, what the open step did. */
export async function prepareResume(deps: SetupDeps, run: Run, late?: LateAnswer): Promise<Prepared> {
  const point = await deps.store.resumePoint(run.id);
  const step = point.checkpoint?.step ?? 0;
  const restored = await restore(deps, (await deps.store.workdirAt(run.id, step)) ?? { files: [], dirs: [] });
  const continuation = resumeFrom(point, late, restoredNote(restored, deps.sandbox.capabilities));
  if (!continuation) return { job: {}, events: [] };
  const notice: AgentEvent = {
    type: 'notice',
    message: `Resumed after step ${step}: the work dir was restored as it was then; shell state and processes were lost.`,
  };
  const { messages, startStep, pendingTurn } = continuation;
  // the time limit counts the run's own time before the reload too (older checkpoints lack it: none)
  const activeMs = point.checkpoint?.active_ms ?? 0;
  // with calls still to answer, the loop stores the step once they are
  if (startStep > step && !pendingTurn) await deps.commit({ step: startStep, messages, usage: run.usage, active_ms: activeMs });
  return {
    job: {
      initial_messages: messages,
      start_step: startStep,
      initial_usage: run.usage,
      initial_active_ms: activeMs,
      ...(pendingTurn && { pending_turn: pendingTurn }),
      ...(late && { late_answer: late }),
    },
    events: [...continuation.events, notice],
  };
}

/** Restores the snapshot, if any, and gives it back. */
async function restore(deps: SetupDeps, snapshot: WorkdirSnapshot | undefined): Promise<WorkdirSnapshot | undefined> {
  if (snapshot) await deps.sandbox.restore(snapshot);
  return snapshot;
}

/** Stop: background processes the run started end with it; what could not be stopped is said. */
export async function stopProcesses(sandbox: Sandbox): Promise<AgentEvent | undefined> {
  try {
    const { failures } = await stopAllProcesses(sandbox);
    return failures.length ? { type: 'notice', message: `Some processes could not be stopped: ${failures.join('; ')}` } : undefined;
  } catch (error) {
    return { type: 'notice', message: `The run's processes could not be listed to stop them: ${(error as Error).message}` };
  }
}

/** The promise's value, or undefined as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
