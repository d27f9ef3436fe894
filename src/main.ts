/**
 * The composition root: the only place that builds concrete things. It reads the URL's presets, starts the
 * sandbox, opens the run history (marking runs a closed tab left as interrupted before any run starts here),
 * builds the in-page Agents API (present on window.autopilot before the UI), and mounts the UI.
 */
import { mount } from 'svelte';
import { createAgents } from './api/agents';
import { MemoryRunStore } from './api/memory-store';
import { ScrubbedRunStore } from './api/scrubbed-store';
import type { Agents, RunDefaults, RunStore } from './api/types';
import { WorkerDriver } from './bridge/worker-driver';
import { createWorkspace } from './api/workspace';
import { deskOver } from './shell/desk';
import type { Sandbox } from './sandbox/sandbox';
import { selectSandbox, type SandboxMode } from './sandbox/select';
import { notifyWhenNeeded } from './notify';
import { memoryStorage, Settings } from './settings/settings.svelte';
import type { SettingsStorage } from './settings/store';
import { pageSecrets } from './settings/page-secrets.svelte';
import { CheckArchive, defaultLocks, HistoryRunStore, HistoryStore, recoverRuns } from './store';
import App from './ui/App.svelte';
import { HistoryState } from './ui/history/history-state.svelte';
import { SandboxView } from './ui/sandbox/sandbox-view.svelte';
import { ModelChecks } from './ui/model-check/checks-state.svelte';
import { memoryArchive } from './evals/check-archive';
import { MODEL_CHECKS } from './ui/model-check/context';
import { GitHubPage } from './github/page';
import type { GitRemote } from './git/context';

declare global {
  interface Window {
    /** The in-page Agents API (DESIGN's contract). */
    autopilot: { agents: Agents };
  }
}

const settings = new Settings(location.search, pageStorage());
const secrets = pageSecrets(settings);
// execute()'s MCP header values, in memory for this page's life (never stored)
const mcpHeaders = new Map<string, string>();
const defaults = (): RunDefaults => ({
  ...settings.connection,
  max_steps: settings.maxSteps,
  human_intervention_threshold: settings.threshold,
  ask_file_changes: settings.askFileChanges,
  prices: settings.prices,
  ...settings.runOptions,
  mcp_servers: settings.mcp.runServers(),
  secrets,
  mcp_headers: mcpHeaders,
});

const sandboxView = new SandboxView();
const sandbox = startSandbox(settings.sandbox, settings.webcontainerApiKey, sandboxView);
const makeAgentWorker = () => new Worker(new URL('./bridge/agent-worker.ts', import.meta.url), { type: 'module', name: 'autopilot-agent' });
const driver = new WorkerDriver({ makeWorker: makeAgentWorker, sandbox });
const storeErrors: ((error: Error) => void)[] = [];
const history = await openHistory((error) => storeErrors.forEach((report) => report(error)));
// nothing stored keeps a secret: a key the model echoes is scrubbed before it reaches IndexedDB
const agents = createAgents({
  store: new ScrubbedRunStore(history.store, secrets),
  driver,
  sandbox,
  defaults,
  // execute({repo}) opens through the page's GitHub (built below, used once runs start)
  openRepository: async (repo, ref, signal) => {
    const { snapshot, report } = await github.fetch(ref ? `${repo}#${ref}` : repo, { signal });
    return { snapshot, message: report.message };
  },
  // a run records the repository its work dir came from; as it starts (resumed too) the sandbox's git
  // push/pull reach that repository, and only it, through the page's broker
  openedRepository: () => github.bound,
  bindRepository: (repository) => github.bind(repository),
  pullRequests: {
    create: async (request) => {
      const repository = (await github.repository()) ?? '';
      return { ...(await github.createPullRequest(request)), repository };
    },
  },
});
window.autopilot = { agents };
notifyWhenNeeded(agents, settings, secrets);
const workspace = createWorkspace(sandbox, agents);
const github = new GitHubPage({ access: () => settings.github.access, workdir: workspace, secrets });
// the lite sandbox's git clone/fetch/pull/push go through the page's broker (WebContainer has none)
void sandbox.then((started) => (started as { connectGit?: (remote: GitRemote) => void }).connectGit?.(github.gitBroker()), () => undefined);
const historyState = new HistoryState(history.history, agents, history.problem, secrets);
storeErrors.push((error) => historyState.report(error));
void history.history?.requestPersistent().then(
  (kept) => (historyState.persisted = kept),
  () => (historyState.persisted = false),
);

// "Check this model": its code loads when first asked for; each task's run lands in this page's Run history
const checkArchive = history.history ? new CheckArchive(history.history) : memoryArchive();
const checks = new ModelChecks({
  archive: checkArchive,
  model: () => settings.model,
  load: async () =>
    (await import('./evals/in-page')).pageChecks({
      store: history.store,
      archive: checkArchive,
      makeWorker: makeAgentWorker,
      makeSandbox: async () => new (await import('./bridge/lite-worker-sandbox')).LiteWorkerSandbox(),
      defaults,
      follow: (agents) => historyState.follow(agents),
    }),
});

mount(App, {
  context: new Map([[MODEL_CHECKS, checks]]),
  target: document.getElementById('app')!,
  props: {
    agents,
    workspace,
    sandbox: sandboxView,
    settings,
    desk: deskOver(sandbox),
    history: historyState,
    secrets,
    github,
  },
});

/**
 * RECONSTRUCTED (see the report of issue 7's session): the run history in IndexedDB, runs a closed tab left
 * marked first; when it cannot be opened, runs last for this tab only and the reason is shown.
 */
async function openHistory(
  onError: (error: Error) => void,
): Promise<{ store: RunStore; history: HistoryStore | undefined; problem: string }> {
  try {
    const store = await HistoryStore.open({ onClose: onError });
    const locks = defaultLocks();
    await recoverRuns(store, locks);
    const runStore = new HistoryRunStore(store, locks, { onError: (error) => onError(error as Error) });
    return { store: runStore, history: store, problem: '' };
  } catch (error) {
    const problem = `The run history could not be opened (${(error as Error).message}): runs are kept for this tab only.`;
    return { store: new MemoryRunStore(), history: undefined, problem };
  }
}

/** localStorage where the page may use it; else settings last for this page load only. */
function pageStorage(): SettingsStorage {
  try {
    localStorage.getItem('autopilot.probe');
    return localStorage;
  } catch {
    return memoryStorage();
  }
}

/** The sandbox Settings chose; a WebContainer API key (Settings, Advanced) is configured before its one boot. */
function startSandbox(mode: SandboxMode, apiKey: string, view: SandboxView): Promise<Sandbox> {
  const selected = selectSandbox({
    mode,
    makeLite: async () => new (await import('./bridge/lite-worker-sandbox')).LiteWorkerSandbox(),
    bootWebContainer: async (options) =>
      (await import('./sandbox/webcontainer')).realWebContainerStarter(apiKey ? { apiKey } : {})(options),
  });
  selected.then(
    ({ sandbox, fallbackReason }) => {
      view.current = { state: 'ready', kind: sandbox.kind, summary: sandbox.capabilities.summary, fallbackReason };
    },
    (error: unknown) => {
      view.current = { state: 'failed', message: `No sandbox could start: ${(error as Error).message}. Reload the page to try again.` };
    },
  );
  return selected.then(({ sandbox }) => sandbox);
}
