/** Booting the one WebContainer of the page: fast refusals, a bounded wait, and a reason when it fails. */
import type { WcBoot, WcInstance } from './port';
import { unreachableReason, type ProbeVerdict, type ReachabilityProbe } from './probe';

/** Where the page stands, as far as booting goes (`globalThis` in the app, a literal in tests). */
export interface BootEnvironment {
  crossOriginIsolated: boolean;
  /** `navigator.onLine`: false means certainly offline; true means nothing. */
  onLine: boolean;
}

/** Settings of the boot. */
export interface BootSettings {
  coep?: 'require-corp' | 'credentialless';
  /** Default 30 s, as StackBlitz's own harness allows. */
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
  /** Asked before booting (the app passes `probeStackBlitz` from probe.ts); absent: boot straight away. */
  probe?: ReachabilityProbe;
  /** Bound of the probe (default 3 s). */
  probeTimeoutMs?: number;
}

/** The booted container, or why there is none. */
export type BootOutcome = { ok: true; instance: WcInstance } | { ok: false; reason: string; retryable: boolean };

export const DEFAULT_BOOT_TIMEOUT_MS = 30_000;
export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;

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

/** The probe's verdict, given up on when the signal aborts even if the probe does not heed it. */
async function probeWithin(probe: ReachabilityProbe, signal: AbortSignal, coep: BootSettings['coep']): Promise<ProbeVerdict> {
  const late: ProbeVerdict = { kind: 'unreachable', reason: unreachableReason('no answer in time') };
  const gaveUp = new Promise<ProbeVerdict>((resolve) => {
    if (signal.aborted) resolve(late);
    signal.addEventListener('abort', () => resolve(late), { once: true });
  });
  try {
    return await Promise.race([probe(signal, { coep: coep ?? 'credentialless' }), gaveUp]);
  } catch (error) {
    return { kind: 'unreachable', reason: unreachableReason(`the check failed: ${(error as Error).message || String(error)}`) };
  }
}

/**
 * A booter that boots at most once per page: `boot()` never settles when StackBlitz is unreachable and a second
 * call waits on the first forever, so every later call gets the first outcome. Refusals made before `boot()`
 * (not isolated, offline, StackBlitz unreachable) are retryable: the next call checks again.
 */
export function createBooter(boot: WcBoot, options: BooterOptions = {}) {
  const env = options.env ?? pageEnvironment;
  let started: Promise<BootOutcome> | undefined;
  return (settings: BootSettings = {}): Promise<BootOutcome> => {
    if (started !== undefined) return started;
    const refusal = bootRefusal(env());
    if (refusal !== undefined) return Promise.resolve({ ok: false, reason: refusal, retryable: true });
    const attempt = probeThenBoot(boot, options, settings);
    started = attempt;
    const forget = (outcome?: BootOutcome) => {
      if (outcome && !outcome.ok && outcome.retryable && started === attempt) started = undefined;
    };
    attempt.then(forget, () => forget()); // the caller gets the outcome or the error; this only clears the slot
    return attempt;
  };
}

/**
 * Probe (bounded), apply the key, then boot: `boot()` is called once the probe has found StackBlitz, or could
 * not tell (the browser may have blocked its answers), never when it found StackBlitz unreachable.
 */
async function probeThenBoot(boot: WcBoot, options: BooterOptions, settings: BootSettings): Promise<BootOutcome> {
  let verdict: ProbeVerdict | undefined;
  if (options.probe) {
    const bound = AbortSignal.timeout(options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    const signal = settings.signal ? AbortSignal.any([settings.signal, bound]) : bound;
    verdict = await probeWithin(options.probe, signal, settings.coep);
    if (settings.signal?.aborted) return { ok: false, reason: 'WebContainer boot was cancelled.', retryable: true };
    if (verdict.kind === 'unreachable') return { ok: false, reason: verdict.reason, retryable: true };
  }
  const key = settings.apiKey?.trim();
  const keyError = key && options.configureKey ? options.configureKey(key) : undefined;
  if (keyError !== undefined) return { ok: false, reason: keyError, retryable: false };
  return race(boot, settings, verdict);
}

const TROUBLESHOOTING = 'See docs/webcontainer.md (Troubleshooting).';

/**
 * What a boot failure most likely means and what to do, from the error's words (the API gives no codes): a
 * refused API key, storage or cookies blocked for StackBlitz's frame, a second instance, or as it said.
 */
export function explainBootFailure(message: string): string {
  if (/api.?key|unauthori[sz]ed|forbidden|\b40[13]\b|not allowed|origin/i.test(message)) {
    return (
      `WebContainer refused to boot (${message}): the WebContainer API key was not accepted for this origin. ` +
      `Check the key under Settings → Advanced and the origins it allows. ${TROUBLESHOOTING}`
    );
  }
  if (/cookie|storage|SecurityError|third.?party|denied/i.test(message)) {
    return (
      `WebContainer failed to boot (${message}): the browser blocked the storage or cookies StackBlitz's frame needs ` +
      `(third-party cookies blocked, Brave shields, Safari, Firefox strict mode). Allow them for this page. ${TROUBLESHOOTING}`
    );
  }
  return `WebContainer failed to boot: ${message}.`;
}

/** Why a boot that never settled most likely hung, given what the probe found (undefined: no probe). */
function timeoutReason(seconds: number, probed: ProbeVerdict | undefined): string {
  if (probed?.kind === 'inconclusive') {
    return (
      `WebContainer did not finish booting in ${seconds} s, and the check before it could not tell whether StackBlitz ` +
      `answers: ${probed.why}. Either StackBlitz is unreachable (offline, a proxy or firewall), or it answered and the ` +
      `boot hung on a cold cache or a blocked frame (third-party cookies or storage). ${TROUBLESHOOTING}`
    );
  }
  if (probed) {
    return (
      `WebContainer did not finish booting in ${seconds} s although StackBlitz answered: a cold cache on a slow ` +
      `connection, or the browser blocking StackBlitz's frame (third-party cookies or storage, an extension). ${TROUBLESHOOTING}`
    );
  }
  return (
    `WebContainer boot timed out after ${seconds} s (StackBlitz unreachable, a cold cache on a slow connection, or ` +
    `third-party cookies blocked). ${TROUBLESHOOTING}`
  );
}

/** A function that boots the page's WebContainer at most once (see `createBooter`). */
export type Booter = ReturnType<typeof createBooter>;

async function race(boot: WcBoot, settings: BootSettings, probed: ProbeVerdict | undefined): Promise<BootOutcome> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const booting = boot({
    coep: settings.coep ?? 'credentialless',
    workdirName: 'project',
    forwardPreviewErrors: settings.forwardPreviewErrors ?? 'exceptions-only',
  }).then(
    (instance): BootOutcome => ({ ok: true, instance }),
    (error): BootOutcome => ({ ok: false, reason: `${explainBootFailure((error as Error).message)} ${RELOAD}`, retryable: false }),
  );
  const timedOut = new Promise<BootOutcome>((resolve) => {
    timer = setTimeout(() => {
      const seconds = timeoutMs / 1000;
      resolve({ ok: false, reason: `${timeoutReason(seconds, probed)} ${RELOAD}`, retryable: false });
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
