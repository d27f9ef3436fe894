import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** Cross-origin isolation: WebContainer needs SharedArrayBuffer, which needs COOP + COEP on every response. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  // credentialless, not require-corp: see docs/deploy.md (Test connection's no-cors probe)
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/**
 * The page's Content-Security-Policy (docs/security.md): only our own scripts run (no inline or foreign ones),
 * the model may live at any https origin or on this machine, frames only from StackBlitz/WebContainer, and
 * images only from us, data: or blob: (model markdown cannot load remote images). Dev adds `ws:` for Vite's
 * HMR socket; Vite's dev client is a module script from our origin, so script-src stays 'self'.
 */
export function contentSecurityPolicy(mode: 'dev' | 'build'): string {
  const local = 'http://127.0.0.1:* http://localhost:*';
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'worker-src': "'self' blob:",
    'style-src': "'self' 'unsafe-inline'",
    'connect-src': `'self' https: ${local} blob: wss:${mode === 'dev' ? ' ws:' : ''}`,
    'img-src': "'self' data: blob:",
    'font-src': "'self' data:",
    'frame-src': 'https://stackblitz.com https://*.stackblitz.com https://*.webcontainer.io https://*.webcontainer-api.io',
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The built index.html carries the policy as a meta tag, for hosts that cannot set headers. */
function cspMeta(): Plugin {
  return {
    name: 'autopilot-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy('build') }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  plugins: [svelte(), cspMeta()],
  server: {
    port: 5173,
    strictPort: true,
    headers: { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy('dev') },
  },
  preview: {
    port: 4173,
    strictPort: true,
    headers: { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy('build') },
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
