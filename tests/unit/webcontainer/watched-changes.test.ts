import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, type WorkdirSnapshot } from '../../../src/core/workdir';
import { WORKDIR } from '../../../src/sandbox/sandbox';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { FakeWebContainer } from './fake-container';

type Listener = (event: 'rename' | 'change', filename: string) => void;

/**
 * The stand-in's fs.watch: every mutation of its file system is reported after a macrotask (as a real watcher
 * reports on its own time), named relative to the work dir — or, with `bareNames`, by its last segment only.
 */
function watchable(container: FakeWebContainer, options: { bareNames?: boolean } = {}): void {
  const listeners = new Set<Listener>();
  const tell = (path: string) => {
    if (!path.startsWith(`${WORKDIR}/`)) return;
    const relative = path.slice(WORKDIR.length + 1);
    const name = options.bareNames ? relative.slice(relative.lastIndexOf('/') + 1) : relative;
    setTimeout(() => listeners.forEach((listener) => listener('rename', name)), 1);
  };
  const memfs = container.memfs as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [method, paths] of [['writeFile', [0]], ['appendFile', [0]], ['mkdir', [0]], ['rm', [0]], ['mv', [0, 1]], ['cp', [1]], ['chmod', [0]]] as const) {
    const original = memfs[method].bind(container.memfs);
    memfs[method] = async (...args: unknown[]) => {
      const existed = method === 'mkdir' && (await container.memfs.exists(String(args[0]))); // nothing made: no event
      const result = await original(...args);
      if (existed) return result;
      for (const index of paths) tell(String(args[index]));
      return result;
    };
  }
  container.fs.watch = (_path, _options, listener) => {
    listeners.add(listener as Listener);
    return { close: () => listeners.delete(listener as Listener) };
  };
}

const name = fc.constantFrom('a', 'b', 'a/c', 'a/d', 'a/c/e', 'node_modules/x');
type Operation = (sandbox: WebContainerSandbox) => Promise<unknown>;
/** One change through the port (the stand-in's jsh is too small for the shell's own file commands). */
const operation = fc.oneof(
  fc.tuple(name, fc.constantFrom('x', 'yy', '')).map(([path, text]): Operation => (sandbox) => sandbox.writeFile(path, text)),
  name.map((path): Operation => (sandbox) => sandbox.remove(path, { recursive: true })),
  fc.tuple(name, name).map(([from, to]): Operation => (sandbox) => sandbox.rename(from, to)),
);

describe('WebContainer checkpoints through fs.watch (stand-in)', () => {
  it('equal a full rescan after random command sequences, and read only what changed', async () => {
    const container = await new FakeWebContainer().init();
    watchable(container);
    const sandbox = await WebContainerSandbox.create(container);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(operation, { maxLength: 3 }), { minLength: 1, maxLength: 5 }), async (steps) => {
          await sandbox.restore({ files: [], dirs: [] });
          let read = await sandbox.snapshotSince({ excludes: ['node_modules'] });
          let state: WorkdirSnapshot = read;
          for (const step of steps) {
            for (const change of step) await change(sandbox).catch(() => undefined); // some cannot be done: fine
            read = await sandbox.snapshotSince({ since: read.cursor, excludes: ['node_modules'] });
            expect(read.roots).not.toContain('');
            state = applyDelta(state, read);
            expect(state).toEqual(await sandbox.snapshot({ excludes: ['node_modules'] }));
          }
        }),
        { numRuns: 15, seed: 15 },
      );
      await sandbox.writeFile('src/one.txt', 'one\n');
      await sandbox.writeFile('src/two.txt', 'two\n');
      const start = await sandbox.snapshotSince({});
      await sandbox.writeFile('src/two.txt', 'changed\n');
      const changes = await sandbox.snapshotSince({ since: start.cursor });
      expect({ roots: changes.roots, files: changes.files, dirs: changes.dirs }).toEqual({
        roots: ['src/two.txt'],
        files: [{ path: 'src/two.txt', data: new TextEncoder().encode('changed\n') }],
        dirs: ['src'],
      });
    } finally {
      await sandbox.dispose();
    }
  }, 30_000);

  it('reads everything when the container cannot watch, or reports names its barrier cannot match', async () => {
    for (const setup of [() => undefined, (container: FakeWebContainer) => watchable(container, { bareNames: true })]) {
      const container = await new FakeWebContainer().init();
      setup(container);
      const sandbox = await WebContainerSandbox.create(container);
      try {
        await sandbox.writeFile('src/one.txt', 'one\n');
        const start = await sandbox.snapshotSince({});
        await sandbox.writeFile('src/two.txt', 'two\n');
        const next = await sandbox.snapshotSince({ since: start.cursor });
        expect({ roots: next.roots, files: next.files.map((file) => file.path) }).toEqual({ roots: [''], files: ['src/one.txt', 'src/two.txt'] });
      } finally {
        await sandbox.dispose();
      }
    }
  }, 15_000);
});
