/** Booting the one WebContainer of the page: fast refusals, a bounded wait, and a reason when it fails. */
import type { WcBoot, WcInstance } from './port';

/** Where the page stands, as far as booting goes (`globalThis` in the app, a literal in tests). */
export interface BootEnvironment {
  crossOriginIsolated: boolean;
  /** `navigator.onLine`: false means certainly offline; true means nothing. */
  onLine: boolean;
}

/** Settings of the boot. */
export interface BootSettings {
  coep?: 'require-corp' | 'credentialless';
  /** Default 20 s. */
  timeoutMs?: number;
  forwardPreviewErrors?: boolean | 'exceptions-only';
  /** A WebContainer API key, for origins other than localhost (see docs/webcontainer.md). */
  apiKey?: string;
  signal?: AbortSignal;
}

/** How the booter reaches the page and the API. */
export interface BooterOptions {
  env?: () => BootEnvironment;
  /** Applies an API key before the boot; returns an error message when it could not. */
  configureKey?: (key: string) => string | undefined;
}

/** The booted container, or why there is none. */
export type BootOutcome = { ok: true; instance: WcInstance } | { ok: false; reason: string; retryable: boolean };

export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;

const RELOAD = 'A started boot cannot be retried on this page: reload it to try again.';

/** Why booting is plainly impossible here, or undefined when it is worth trying. */
export function bootRefusal(env: BootEnvironment): string | undefined {
  if (!env.crossOriginIsolated) {
    return (
      'WebContainer needs a cross-origin isolated page, and this one is not (not cross-origin isolated): ' +
      'serve it with the COOP/COEP headers described in docs/deploy.md.'
    );
  }
  if (!env.onLine) return 'WebContainer cannot boot offline: the browser reports no network connection (offline).';
  return undefined;
}

/** The environment of the current page. */
export function pageEnvironment(): BootEnvironment {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return {
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    onLine: nav?.onLine !== false,
  };
}

/**
 * A booter that boots at most once per page: `boot()` never settles when StackBlitz is unreachable and a second
 * call waits on the first forever, so every later call gets the first outcome.
 */
export function createBooter(boot: WcBoot, options: BooterOptions = {}) {
  const env = options.env ?? pageEnvironment;
  let started: Promise<BootOutcome> | undefined;
  return (settings: BootSettings = {}): Promise<BootOutcome> => {
    if (started !== undefined) return started;
    const refusal = bootRefusal(env());
    if (refusal !== undefined) return Promise.resolve({ ok: false, reason: refusal, retryable: true });
    const key = settings.apiKey?.trim();
    const keyError = key && options.configureKey ? options.configureKey(key) : undefined;
    if (keyError !== undefined) return Promise.resolve({ ok: false, reason: keyError, retryable: false });
    started = race(boot, settings);
    return started;
  };
}

/** A function that boots the page's WebContainer at most once (see `createBooter`). */
export type Booter = ReturnType<typeof createBooter>;

async function race(boot: WcBoot, settings: BootSettings): Promise<BootOutcome> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const booting = boot({
    coep: settings.coep ?? 'credentialless',
    workdirName: 'project',
    forwardPreviewErrors: settings.forwardPreviewErrors ?? true,
  }).then(
    (instance): BootOutcome => ({ ok: true, instance }),
    (error): BootOutcome => ({ ok: false, reason: `WebContainer failed to boot: ${(error as Error).message}. ${RELOAD}`, retryable: false }),
  );
  const timedOut = new Promise<BootOutcome>((resolve) => {
    timer = setTimeout(() => {
      const seconds = timeoutMs / 1000;
      resolve({ ok: false, reason: `WebContainer boot timed out after ${seconds} s (StackBlitz unreachable?). ${RELOAD}`, retryable: false });
    }, timeoutMs);
    onAbort = () => resolve({ ok: false, reason: `WebContainer boot was cancelled. ${RELOAD}`, retryable: false });
    settings.signal?.addEventListener('abort', onAbort, { once: true });
  });
  const outcome = await Promise.race([booting, timedOut]);
  clearTimeout(timer);
  if (onAbort) settings.signal?.removeEventListener('abort', onAbort);
  if (!outcome.ok) void booting.then((late) => late.ok && late.instance.teardown());
  return outcome;
}
