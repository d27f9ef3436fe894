/**
 * Python's only way out of its worker is the worker's `fetch` (through `pyodide.http` or the `js` module).
 * Only our own origin (Pyodide's files) and the package hosts micropip needs stay reachable.
 */
const ALLOWED = ['https://cdn.jsdelivr.net', 'https://pypi.org', 'https://files.pythonhosted.org'];

/** Refuse fetches to anything but our origin and the package hosts (and `packageBaseUrl`'s); drop the other network APIs. */
export function guardNetwork(packageBaseUrl?: string): void {
  const hosts = packageBaseUrl === undefined ? ALLOWED : [...ALLOWED, new URL(packageBaseUrl).origin];
  const scope = globalThis as { fetch?: typeof fetch; location?: { origin: string }; [key: string]: unknown };
  const original = scope.fetch?.bind(globalThis);
  if (original === undefined) return;
  const own = scope.location?.origin;
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, own ?? undefined);
    const allowed = url.protocol === 'file:' || url.origin === own || hosts.includes(url.origin);
    if (!allowed) {
      return Promise.reject(new TypeError(`network access to ${url.origin} is not allowed from Python in the lite sandbox`));
    }
    return original(input, init);
  };
  for (const name of ['XMLHttpRequest', 'WebSocket', 'EventSource']) delete scope[name];
}
