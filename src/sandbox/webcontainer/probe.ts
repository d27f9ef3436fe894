/**
 * The reachability check made before `boot()` (which never settles, and cannot be retried on the page, when
 * StackBlitz is unreachable). Two browser mechanisms can turn a real answer into a network error: Opaque
 * Response Blocking (an HTML or non-ok answer to a `no-cors` request) and COEP `require-corp` (a cross-origin
 * `no-cors` answer without `Cross-Origin-Resource-Policy`). So the check asks for two kinds of answer and reads
 * a network error as "unreachable" only where neither mechanism can have caused it; otherwise it says it
 * could not tell, and the boot is tried anyway.
 */

/** What the check found. */
export type ProbeVerdict =
  | { kind: 'reachable' }
  | { kind: 'unreachable'; reason: string }
  /** Every request failed, but the browser may have blocked answers that did come: boot anyway. */
  | { kind: 'inconclusive'; why: string };

/** The page the check runs in, as far as blocking goes: the COEP it is served with (the boot's `coep`). */
export interface ProbePage {
  coep: 'require-corp' | 'credentialless';
}

/** A check of StackBlitz, bounded by `signal`. */
export type ReachabilityProbe = (signal: AbortSignal, page: ProbePage) => Promise<ProbeVerdict>;

/** The page `boot()` loads in its iframe (HTML: ORB blocks it where ORB errors). */
export const STACKBLITZ_HEADLESS_URL = 'https://stackblitz.com/headless';
/** An image on the same host: ORB lets images through; `require-corp` blocks it unless it sends CORP. */
export const STACKBLITZ_ICON_URL = 'https://stackblitz.com/favicon.ico';
/** What the app asks, in parallel: any answer is enough. */
export const STACKBLITZ_PROBE_URLS: readonly string[] = [STACKBLITZ_HEADLESS_URL, STACKBLITZ_ICON_URL];

/** Why StackBlitz is unreachable, as the fallback banner says it. */
export function unreachableReason(why: string, url = STACKBLITZ_HEADLESS_URL): string {
  return `StackBlitz unreachable (offline?): ${url} did not answer (${why}). Reload the page to try again once it is reachable.`;
}

/** Options of `fetchProbe`. */
export interface FetchProbeOptions {
  /** The page's `fetch` (tests pass one that plays the browser's blocking). */
  fetch?: typeof fetch;
}

/**
 * A check by `no-cors` fetches of `urls` in parallel: any answer, opaque or empty included, means reachable.
 * When all fail: silence until the signal's bound means unreachable; network errors mean unreachable on a
 * `credentialless` page (the image cannot be blocked there), and "could not tell" on a `require-corp` page.
 */
export function fetchProbe(urls: readonly string[] = STACKBLITZ_PROBE_URLS, options: FetchProbeOptions = {}): ReachabilityProbe {
  const get = options.fetch ?? ((input, init) => fetch(input, init));
  return async (signal, page) => {
    const attempts = urls.map((url) => get(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal }));
    try {
      await Promise.any(attempts);
      return { kind: 'reachable' };
    } catch (error) {
      if (signal.aborted) return { kind: 'unreachable', reason: unreachableReason('no answer in time', urls[0]) };
      const why = failures(error);
      if (page.coep === 'require-corp') {
        return {
          kind: 'inconclusive',
          why:
            `every check of StackBlitz failed (${why}), which on this page (COEP require-corp) may be the browser ` +
            'blocking answers that did come (a missing Cross-Origin-Resource-Policy, or opaque-response blocking)',
        };
      }
      return { kind: 'unreachable', reason: unreachableReason(why, urls[0]) };
    }
  };
}

/** The distinct messages of the failed requests. */
function failures(error: unknown): string {
  const errors = error instanceof AggregateError ? error.errors : [error];
  const messages = errors.map((e) => (e instanceof Error ? e.message : String(e)) || 'network error');
  return [...new Set(messages)].join('; ');
}

/** The check the app uses. */
export const probeStackBlitz: ReachabilityProbe = fetchProbe();
