/**
 * Typed RPC between the page and its workers (the agent worker, the lite sandbox's worker) — the only `comlink`
 * import. Calls are promises, callbacks cross as proxies, errors come back as errors (name and message kept,
 * class lost: callers re-wrap them). `transfer(value, buffers)` hands buffers over instead of copying them.
 */
export { expose, proxy, releaseProxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
