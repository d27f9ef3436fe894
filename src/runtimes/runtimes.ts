/** The runtimes a lite sandbox offers beside bash: Python (Pyodide) and JavaScript (QuickJS), each warm in a worker. */
import { RuntimeHost } from './host';
import { defaultSpawner, type SpawnRuntime } from './spawn';

/** How the runtimes are started and bounded. */
export interface RuntimesOptions {
  /** Directories shared with the shell (the work dir and /tmp). */
  roots: readonly string[];
  /** Starts the workers; default: Web Workers in browsers, worker threads in Node. */
  spawn?: SpawnRuntime;
  /** Characters kept of one run's stdout and of its stderr (default 1 000 000). */
  maxOutputChars?: number;
}

/** Python and JavaScript hosts; loaded on first use only. */
export class Runtimes {
  readonly python: RuntimeHost;
  readonly js: RuntimeHost;

  constructor(options: RuntimesOptions) {
    const spawner = (): Promise<SpawnRuntime> => (options.spawn ? Promise.resolve(options.spawn) : defaultSpawner());
    const common = { roots: options.roots, maxOutputChars: options.maxOutputChars ?? 1_000_000 };
    this.python = new RuntimeHost('python', spawner, { ...common, name: 'python3' });
    this.js = new RuntimeHost('js', spawner, { ...common, name: 'node' });
  }

  /** Terminate both workers. */
  dispose(): void {
    this.python.dispose();
    this.js.dispose();
  }
}
