import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Unit and component files run in at least two workers: Vitest's default (cores − 1) is one worker on a 2-core
 * machine, and most of these files wait on child processes (bash, git, Node) or timers, so two share the cores
 * well (on 2 cores: 383 s in one worker, 213 s in two).
 */
const workers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      {
        plugins: [svelte()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        // Svelte components mounted in jsdom: the browser build of svelte, not its server build.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'components',
          include: ['tests/components/**/*.test.ts'],
          environment: 'jsdom',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // one file at a time: each drives Chromium, and their timings are real
          fileParallelism: false,
        },
      },
    ],
  },
});
