/*
 * Cross-origin isolation where the host sets no headers (docs/deploy.md): registers coi-sw.js, which adds the
 * isolation headers to this origin's responses, and reloads the page once when it first takes control. Does
 * nothing where the page is isolated already, is not a secure context, or has no service workers (the lite
 * sandbox is used there). A classic script, first in <head>, so it runs before the app.
 */
(() => {
  const RELOADED = 'autopilot.coi-reloaded';
  const store = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return undefined;
    }
  })();
  if (window.crossOriginIsolated) {
    store?.removeItem(RELOADED);
    return;
  }
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return;
  const worker = new URL('coi-sw.js', document.currentScript.src);
  /** Reload once: if the page is still not isolated after that, stay (the lite sandbox), never loop. */
  const reloadOnce = () => {
    if (!store || store.getItem(RELOADED)) return;
    store.setItem(RELOADED, '1');
    window.location.reload();
  };
  navigator.serviceWorker.register(worker, { scope: new URL('./', worker).pathname }).then(
    () => {
      // controlled already (a worker from an earlier visit) yet not isolated: the page came from the network
      if (navigator.serviceWorker.controller) reloadOnce();
      else navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true });
    },
    (error) => console.warn(`Autopilot: no cross-origin isolation service worker (${error.message}); the lite sandbox is used.`),
  );
})();
