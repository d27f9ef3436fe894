/**
 * Bundles `git` for Node (src/git/node-main.ts, isomorphic-git included) into one CommonJS file, the program
 * the WebContainer sandbox writes into the container at boot. Used by vite.config.ts (an asset of the build,
 * served by the dev server) and by the tests. Vite's own build, so no bundler is added.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

/** Where the page fetches the bundle, under the app's base (src/sandbox/webcontainer/git-asset.ts says the same; a test checks). */
export const GIT_CLI_ASSET = 'autopilot-git.cjs';

const ENTRY = fileURLToPath(new URL('../src/git/node-main.ts', import.meta.url));

/** The bundle's text: a `#!/usr/bin/env node` line, then the program. */
export async function buildGitCli(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: ENTRY,
      write: false,
      minify: true,
      target: 'node18',
      sourcemap: false,
      copyPublicDir: false,
      rollupOptions: { output: { format: 'cjs', codeSplitting: false } as Rollup.OutputOptions },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`the git bundle came out as ${chunks.length} chunks, not one`);
  return `#!/usr/bin/env node\n${chunks[0].code.replace(/^#!.*\n/, '')}`;
}
