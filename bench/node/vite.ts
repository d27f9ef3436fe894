/** Building and serving with Vite for the browser benchmarks: the app and the benchmark page, each in bench/.out. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../tests/e2e/harness/preview';

export const ROOT = resolve(import.meta.dirname, '../..');
export const APP_OUT = resolve(ROOT, 'bench/.out/app');
export const PAGE_CONFIG = resolve(ROOT, 'bench/vite.config.ts');
const VITE = resolve(ROOT, 'node_modules/vite/bin/vite.js');

/** Run `vite build` with these arguments; rejects with its output when it fails or passes `timeoutMs`. */
export function viteBuild(args: string[], timeoutMs = 180_000): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [VITE, 'build', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`vite build ${args.join(' ')} failed (${code}):\n${log.slice(-3000)}`));
    });
  });
}

/** A running `vite preview`. */
export interface Served {
  url: string;
  stop(): Promise<void>;
}

/** `vite preview` with these arguments on a free port; resolves once it answers (within `timeoutMs`). */
export async function vitePreview(args: string[], timeoutMs = 30_000): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [VITE, 'preview', ...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}): ${log}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`vite preview gave no answer on ${url} within ${timeoutMs} ms: ${log}`);
    }
    await new Promise((wake) => setTimeout(wake, 150));
  }
  return { url, stop: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
