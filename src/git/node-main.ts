/**
 * `git` as a Node program: the front end over Node's `fs`, in the process's cwd and env, run as
 * `node git.cjs <args…>`. Bundled into one file at build time (scripts/git-cli-bundle.ts) and written into the
 * WebContainer at boot, where jsh finds it on PATH (src/sandbox/webcontainer/git-command.ts). No remote is
 * connected there, so clone/fetch/pull/push say so. Never imported by the page.
 */
import * as fs from 'node:fs';
import { runGit } from './cli';

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => (text ? stream.write(text, () => resolve()) : resolve()));
}

async function main(): Promise<number> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  const result = await runGit(process.argv.slice(2), { fs, cwd: process.cwd(), env });
  await write(process.stdout, result.stdout);
  await write(process.stderr, result.stderr);
  return result.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fatal: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 128;
  },
);
