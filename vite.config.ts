import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { buildGitCli, GIT_CLI_ASSET } from './scripts/git-cli-bundle.ts';

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
 * 'wasm-unsafe-eval' lets WebAssembly compile (Pyodide, QuickJS); it allows no JavaScript eval.
 */
export function contentSecurityPolicy(mode: 'dev' | 'build'): string {
  const local = 'http://127.0.0.1:* http://localhost:*';
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self' 'wasm-unsafe-eval'",
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

/**
 * The built index.html carries the policy as a meta tag, for hosts that cannot set headers; right after it,
 * coi.js (public/) registers the cross-origin isolation service worker for hosts that send no COOP/COEP
 * (docs/deploy.md). Build with AUTOPILOT_COI=off to leave the service worker out.
 */
function cspMeta(): Plugin {
  let base = '/';
  return {
    name: 'autopilot-csp-meta',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy('build') }, injectTo: 'head-prepend' },
      ...(process.env.AUTOPILOT_COI === 'off' ? [] : [{ tag: 'script', attrs: { src: `${base}coi.js` }, injectTo: 'head-prepend' as const }]),
    ],
  };
}

/** Pyodide's files that its loader fetches from its index URL: the runtime, its wasm, the standard library, the lock file. */
const PYODIDE_FILES: Record<string, string> = {
  'pyodide.asm.mjs': 'text/javascript',
  'pyodide.asm.wasm': 'application/wasm',
  'python_stdlib.zip': 'application/zip',
  'pyodide-lock.json': 'application/json',
};

/**
 * Serve Pyodide from our own origin under /pyodide/ (src/runtimes/browser-spawn.ts): copied from the npm
 * package into the build, and streamed from node_modules by the dev server. Loaded only when python3 runs.
 */
function pyodideAssets(): Plugin {
  const dir = dirname(createRequire(import.meta.url).resolve('pyodide'));
  return {
    name: 'autopilot-pyodide-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const name = request.url?.split('?')[0].match(/^\/pyodide\/([^/]+)$/)?.[1];
        const type = name === undefined ? undefined : PYODIDE_FILES[name];
        if (name === undefined || type === undefined) return next();
        response.setHeader('Content-Type', type);
        createReadStream(join(dir, name)).pipe(response);
      });
    },
    generateBundle() {
      for (const name of Object.keys(PYODIDE_FILES)) {
        this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(join(dir, name)) });
      }
    },
  };
}

/**
 * `git` for Node (src/git/node-main.ts in one file), which the WebContainer sandbox fetches at boot and writes
 * into the container (src/sandbox/webcontainer/git-command.ts): an asset of the build, built once on first
 * request by the dev server. Never part of the page's JS.
 */
function gitCliAsset(): Plugin {
  let built: Promise<string> | undefined;
  return {
    name: 'autopilot-git-cli',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url?.split('?')[0] !== `/${GIT_CLI_ASSET}`) return next();
        (built ??= buildGitCli()).then(
          (code) => {
            response.setHeader('Content-Type', 'text/javascript');
            response.end(code);
          },
          (error: Error) => {
            built = undefined;
            next(error);
          },
        );
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: GIT_CLI_ASSET, source: await buildGitCli() });
    },
  };
}

export default defineConfig({
  plugins: [svelte(), cspMeta(), pyodideAssets(), gitCliAsset()],
  optimizeDeps: { exclude: ['pyodide'] },
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
