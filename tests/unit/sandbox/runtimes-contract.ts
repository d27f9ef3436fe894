/**
 * The Sandbox contract's cases for the runtimes: python3 and node. One sandbox per adapter and file (so one
 * warm runtime: Pyodide's cold start is paid once, plus once after the Stop case), the work dir emptied
 * between cases. A lite sandbox must pass every case; another adapter skips, saying why, what its probe
 * shows it cannot run (the WebContainer stand-in replays recorded transcripts; WebContainer has no python3).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import type { ExecResult } from '../../../src/core/exec';
import type { Sandbox } from '../../../src/sandbox/sandbox';

function core(result: ExecResult): Pick<ExecResult, 'exitCode' | 'output' | 'timedOut'> {
  return { exitCode: result.exitCode, output: result.output, timedOut: result.timedOut };
}

const ok = (output: string) => ({ exitCode: 0, output, timedOut: false });

/** A warm case's bound (generous: the test machine is shared and busy). */
const CASE_MS = 60_000;

/** Cold starts (Pyodide in a worker on a busy machine) get this long. */
export const RUNTIME_START_MS = 180_000;

interface Runtimes {
  sandbox: Sandbox;
  python?: string;
  node?: string;
}

async function probe(sandbox: Sandbox, command: string, expected: string): Promise<string | undefined> {
  const result = await sandbox.exec(command, { timeoutMs: RUNTIME_START_MS });
  if (result.exitCode === 0 && result.output === expected) return undefined;
  if (sandbox.kind === 'lite') throw new Error(`the lite sandbox must run \`${command}\`; it gave ${JSON.stringify(core(result))}`);
  return `this ${sandbox.kind} sandbox cannot: \`${command}\` gave exit ${result.exitCode}: ${result.output.slice(0, 200)}`;
}

/** The runtime cases, against one sandbox made by `make` (a fresh, empty one). */
export function describeRuntimeContract(name: string, make: () => Promise<Sandbox>): void {
  describe(`Sandbox contract (runtimes): ${name}`, () => {
    const state: Partial<Runtimes> & { skipPython?: string; skipNode?: string } = {};
    beforeAll(async () => {
      state.sandbox = await make();
      state.skipPython = await probe(state.sandbox, `python3 -c "print('ready')"`, 'ready\n');
      state.skipNode = await probe(state.sandbox, `node -e "console.log('ready')"`, 'ready\n');
    }, RUNTIME_START_MS * 2);
    afterAll(async () => {
      await state.sandbox?.dispose();
    });
    beforeEach(async () => {
      await state.sandbox?.restore({ files: [], dirs: [] });
    });
    const python = (context: TestContext): Sandbox => {
      if (state.skipPython) context.skip(state.skipPython);
      return state.sandbox as Sandbox;
    };
    const node = (context: TestContext): Sandbox => {
      if (state.skipNode) context.skip(state.skipNode);
      return state.sandbox as Sandbox;
    };
    describePython(python);
    describeNode(node);
  });
}

function describePython(get: (context: TestContext) => Sandbox): void {
  it('python3: hello world, stdout and stderr apart', { timeout: CASE_MS }, async (context) => {
    const result = await get(context).exec(`python3 -c "import sys; print('hello'); print('warn', file=sys.stderr)"`);
    expect({ ...core(result), stdout: result.stdout ?? 'hello\n' }).toEqual({ ...ok('hello\nwarn\n'), stdout: 'hello\n' });
  });

  it('python3: shares files both ways with bash, in the shell\'s cwd and env', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    await sandbox.exec('mkdir -p work && cd work && printf "3\\n4\\n" > in.txt && export SCALE=10');
    const script = [
      'import os, json',
      'nums = [int(line) for line in open("in.txt")]',
      'os.makedirs("out", exist_ok=True)',
      'json.dump({"sum": sum(nums) * int(os.environ["SCALE"]), "cwd": os.getcwd()}, open("out/result.json", "w"))',
    ].join('\n');
    await sandbox.writeFile('work/sum.py', script);
    expect(core(await sandbox.exec('python3 sum.py && cat out/result.json'))).toEqual(ok('{"sum": 70, "cwd": "/home/project/work"}'));
    expect(await sandbox.readTextFile('work/out/result.json')).toEqual('{"sum": 70, "cwd": "/home/project/work"}');
    await sandbox.exec('rm in.txt && printf "1\\n" > in.txt');
    expect(core(await sandbox.exec('python3 sum.py && cat out/result.json'))).toEqual(ok('{"sum": 10, "cwd": "/home/project/work"}'));
    expect(core(await sandbox.exec(`python3 -c "import os; os.remove('in.txt')" && ls`))).toEqual(ok('out\nsum.py\n'));
  });

  it('python3: stdin from a pipe, file arguments in sys.argv', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    expect(core(await sandbox.exec(`echo 3 | python3 -c 'print(int(input())*2)'`))).toEqual(ok('6\n'));
    await sandbox.writeFile('args.py', 'import sys\nprint(sys.argv[1:], sys.stdin.read().upper(), end="")\n');
    expect(core(await sandbox.exec(`printf 'abc\\n' | python3 args.py one "two words"`))).toEqual(ok("['one', 'two words'] ABC\n"));
  });

  it('python3: exit codes, and an uncaught exception\'s traceback on stderr with exit 1', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    expect(core(await sandbox.exec(`python3 -c 'import sys; sys.exit(3)'; echo "exit=$?"`))).toEqual(ok('exit=3\n'));
    await sandbox.writeFile('boom.py', 'def f():\n    raise ValueError("boom")\nprint("before")\nf()\n');
    const result = await sandbox.exec('python3 boom.py');
    const traceback =
      'Traceback (most recent call last):\n' +
      '  File "/home/project/boom.py", line 4, in <module>\n    f()\n    ~^^\n' +
      '  File "/home/project/boom.py", line 2, in f\n    raise ValueError("boom")\n' +
      'ValueError: boom\n';
    expect(core(result)).toEqual({ exitCode: 1, output: `before\n${traceback}`, timedOut: false });
    if (result.stderr !== undefined) expect({ stdout: result.stdout, stderr: result.stderr }).toEqual({ stdout: 'before\n', stderr: traceback });
  });

  it('python3 -m unittest finds and runs a test file; an edited module is imported anew', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    await sandbox.writeFile('calc.py', 'def add(a, b):\n    return a - b\n');
    await sandbox.writeFile(
      'test_calc.py',
      'import unittest\nfrom calc import add\n\nclass AddTest(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n\n    def test_zero(self):\n        self.assertEqual(add(0, 0), 0)\n',
    );
    const failing = await sandbox.exec('python3 -m unittest');
    expect({ exitCode: failing.exitCode, ran: /Ran 2 tests/.test(failing.output), failed: failing.output.includes('FAILED (failures=1)') })
      .toEqual({ exitCode: 1, ran: true, failed: true });
    await sandbox.writeFile('calc.py', 'def add(a, b):\n    return a + b\n');
    const passing = await sandbox.exec('python3 -m unittest -v');
    expect({ exitCode: passing.exitCode, tail: passing.output.split('\n').slice(-3) }).toEqual({ exitCode: 0, tail: ['', 'OK', ''] });
  });

  it('python3 -m http.server says it cannot serve here', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    if (sandbox.kind !== 'lite') context.skip('only the lite sandbox has no ports');
    expect(core(await sandbox.exec('python3 -m http.server 8000'))).toEqual({
      exitCode: 1,
      output:
        'python3: http.server cannot serve in the lite sandbox: it has no network ports. ' +
        'Test the code behind a server directly, or use the WebContainer sandbox for servers.\n',
      timedOut: false,
    });
  });

  it('python3: a timeout stops a busy loop and the next command works', async (context) => {
    const sandbox = get(context);
    const result = await sandbox.exec(`python3 -c 'while True: pass'`, { timeoutMs: 1500 });
    expect({ timedOut: result.timedOut, exitCode: result.exitCode }).toEqual({ timedOut: true, exitCode: 124 });
    expect(core(await sandbox.exec(`python3 -c "print('next')"`, { timeoutMs: RUNTIME_START_MS }))).toEqual(ok('next\n'));
  }, RUNTIME_START_MS);

  it('python3: Stop during a long command keeps the files written before it, and the next command works', async (context) => {
    const sandbox = get(context);
    const controller = new AbortController();
    const script = `import time\nopen('before.txt', 'w').write('kept')\nprint('started', flush=True)\ntime.sleep(3600)\n`;
    await sandbox.writeFile('long.py', script);
    setTimeout(() => controller.abort(), 1500);
    const result = await sandbox.exec('python3 long.py', { signal: controller.signal });
    expect({ timedOut: result.timedOut, exitCode: result.exitCode }).toEqual({ timedOut: false, exitCode: 130 });
    expect(await sandbox.readTextFile('before.txt')).toEqual('kept');
    const next = await sandbox.exec(`python3 -c "print(open('before.txt').read())"`, { timeoutMs: RUNTIME_START_MS });
    expect(core(next)).toEqual(ok('kept\n'));
  }, RUNTIME_START_MS);
}

function describeNode(get: (context: TestContext) => Sandbox): void {
  it('node: hello world, stdout and stderr apart', { timeout: CASE_MS }, async (context) => {
    const result = await get(context).exec(`node -e "console.log('hello', {a: [1, 2]}); console.error('warn')"`);
    expect({ ...core(result), stdout: result.stdout ?? 'hello { a: [ 1, 2 ] }\n' }).toEqual({
      ...ok('hello { a: [ 1, 2 ] }\nwarn\n'),
      stdout: 'hello { a: [ 1, 2 ] }\n',
    });
  });

  it('node: shares files both ways with bash; relative require and import', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    await sandbox.exec('mkdir -p app && cd app && echo 20 > in.txt && export SCALE=2');
    await sandbox.writeFile('app/lib/math.js', 'exports.double = (n) => n * 2;\n');
    await sandbox.writeFile(
      'app/main.js',
      "const fs = require('fs');\nconst { double } = require('./lib/math');\nconst n = Number(fs.readFileSync('in.txt', 'utf8')) * Number(process.env.SCALE);\nfs.mkdirSync('out', { recursive: true });\nfs.writeFileSync('out/n.txt', String(double(n)));\nconsole.log(process.argv.slice(2).join(','), process.cwd());\n",
    );
    expect(core(await sandbox.exec('node main.js a b && cat out/n.txt'))).toEqual(ok('a,b /home/project/app\n80'));
    await sandbox.writeFile('app/esm.mjs', "import { readFileSync } from 'node:fs';\nimport path from 'path';\nimport { double } from './lib/math.js';\nconsole.log(double(Number(readFileSync('out/n.txt', 'utf8'))), path.basename(import.meta.url ?? 'x'));\n");
    expect(core(await sandbox.exec('node esm.mjs'))).toEqual(ok('160 esm.mjs\n'));
  });

  it('node: stdin from a pipe', { timeout: CASE_MS }, async (context) => {
    const result = await get(context).exec(`echo 21 | node -e "console.log(Number(require('fs').readFileSync(0, 'utf8')) * 2)"`);
    expect(core(result)).toEqual(ok('42\n'));
  });

  it('node: exit codes; an uncaught error exits 1 with the error on stderr', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    expect(core(await sandbox.exec(`node -e "process.exitCode = 2"; echo "exit=$?"; node -e "process.exit(4); console.log('no')"; echo "exit=$?"`))).toEqual(
      ok('exit=2\nexit=4\n'),
    );
    const result = await sandbox.exec(`node -e "console.log('before'); throw new TypeError('boom')"`);
    expect({ exitCode: result.exitCode, stdout: result.output.startsWith('before\n'), error: result.output.includes('TypeError: boom') }).toEqual({
      exitCode: 1,
      stdout: true,
      error: true,
    });
  });

  it('node test.js with a failing assert exits 1', { timeout: CASE_MS }, async (context) => {
    const sandbox = get(context);
    await sandbox.writeFile('sum.js', 'module.exports = (a, b) => a - b;\n');
    await sandbox.writeFile('test.js', "const assert = require('assert');\nconst sum = require('./sum');\nassert.strictEqual(sum(1, 2), 3);\nconsole.log('ok');\n");
    const failing = await sandbox.exec('node test.js');
    expect({ exitCode: failing.exitCode, assertion: failing.output.includes('AssertionError [ERR_ASSERTION]'), printed: failing.output.includes('ok\n') }).toEqual({
      exitCode: 1,
      assertion: true,
      printed: false,
    });
    await sandbox.writeFile('sum.js', 'module.exports = (a, b) => a + b;\n');
    expect(core(await sandbox.exec('node test.js'))).toEqual(ok('ok\n'));
  });

  it('node: a timeout stops a busy loop and the next command works', async (context) => {
    const sandbox = get(context);
    const result = await sandbox.exec(`node -e "while (true) {}"`, { timeoutMs: 1500 });
    expect({ timedOut: result.timedOut, exitCode: result.exitCode }).toEqual({ timedOut: true, exitCode: 124 });
    expect(core(await sandbox.exec(`node -e "console.log('next')"`, { timeoutMs: RUNTIME_START_MS }))).toEqual(ok('next\n'));
  }, RUNTIME_START_MS);
}
