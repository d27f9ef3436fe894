/**
 * python_cold, python_warm and node_lite_warm: python3 and node in the lite sandbox (Node, worker threads)
 * against this machine's native python3 and node, interleaved.
 */
import { execFile } from 'node:child_process';
import { LiteSandbox } from '../../src/sandbox/lite/lite-sandbox';
import { fmt, median, rotated, row, timed, type Measured } from '../lib/stats';

const COLD_MS = 300_000;

function native(command: string, args: string[]): Promise<number> {
  return timed(
    () =>
      new Promise<void>((resolve, reject) => {
        execFile(command, args, (error) => (error ? reject(error) : resolve()));
      }),
  );
}

async function lite(sandbox: LiteSandbox, command: string): Promise<number> {
  let exitCode = 0;
  const ms = await timed(async () => {
    exitCode = (await sandbox.exec(command, { timeoutMs: COLD_MS })).exitCode;
  });
  if (exitCode !== 0) throw new Error(`\`${command}\` exited ${exitCode} in the lite sandbox`);
  return ms;
}

/** The first `python3 -c pass` in a fresh lite sandbox (worker start, Pyodide load, first run). */
export async function pythonColdRow(reps: number): Promise<Measured> {
  const samples: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < reps; i++) {
    const sandbox = new LiteSandbox();
    try {
      samples.push(await lite(sandbox, 'python3 -c pass'));
    } finally {
      await sandbox.dispose();
    }
    baseline.push(await native('python3', ['-c', 'pass']));
  }
  const value = median(samples);
  return {
    name: 'python_cold',
    row: row(value, median(baseline), 'ms first python3 -c pass', 'reported', true),
    details: [fmt(`first \`python3 -c pass\` in a fresh LiteSandbox (a worker thread started, Pyodide loaded from the npm package, the run): median of ${reps} runs, {} ms; native python3 -c pass {} ms`, value, median(baseline))],
  };
}

/** The next runs on a warm runtime, against native, rotated. */
export async function warmRows(reps: number): Promise<Measured[]> {
  const sandbox = new LiteSandbox();
  try {
    await lite(sandbox, 'python3 -c pass');
    await lite(sandbox, 'node -e 0');
    const samples = await rotated(
      reps,
      {
        python: () => lite(sandbox, 'python3 -c pass'),
        nativePython: () => native('python3', ['-c', 'pass']),
        node: () => lite(sandbox, 'node -e 0'),
        nativeNode: () => native('node', ['-e', '0']),
      },
      2,
    );
    const python = median(samples.python);
    const node = median(samples.node);
    const task = `median of ${reps} repetitions, rotated with the native command (2 warm-up repetitions dropped); the work dir is empty`;
    return [
      {
        name: 'python_warm',
        row: row(python, median(samples.nativePython), 'ms python3 -c pass', '≤ 50 ms', python <= 50),
        details: [task, fmt('lite (warm Pyodide) {} ms; native python3 {} ms', python, median(samples.nativePython))],
      },
      {
        name: 'node_lite_warm',
        row: row(node, median(samples.nativeNode), 'ms node -e 0', '≤ 50 ms', node <= 50),
        details: [task, fmt('lite (QuickJS, a fresh QuickJS runtime per run) {} ms; native node {} ms', node, median(samples.nativeNode))],
      },
    ];
  } finally {
    await sandbox.dispose();
  }
}
