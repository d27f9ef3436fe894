/*
 * Autopilot's cross-origin isolation service worker, for static hosts that cannot set headers (GitHub Pages).
 * It adds the headers cross-origin isolation needs — COOP same-origin, COEP credentialless (the same values
 * the dev and preview servers send: see docs/deploy.md) — to every response from this origin it serves: the
 * page, its scripts, workers and wasm. Requests to other origins (the model's API, CDNs) pass untouched.
 * Registered by coi.js.
 */
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  // a request the browser would only answer from its cache cannot be re-fetched here
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(isolated(request));
});

async function isolated(request) {
  const response = await fetch(request);
  // opaque or redirected answers cannot be rebuilt; they pass as they are
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
