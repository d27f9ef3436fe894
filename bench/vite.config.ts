/** The benchmark page: a separate Vite entry (bench/browser/index.html), built to bench/.out/page. */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = import.meta.dirname;

export default defineConfig({
  root: resolve(here, 'browser'),
  plugins: [svelte()],
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: resolve(here, '.out/page'), emptyOutDir: true, reportCompressedSize: false },
  preview: {
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
});
