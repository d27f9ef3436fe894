/**
 * python3 and node in the lite sandbox side by side with this machine's python3 (3.11; Pyodide's is 3.14) and
 * node (20): the same corpus, the same files, compared on stdout and exit code (never on traceback text).
 * One warm lite sandbox for the file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

interface Case {
  name: string;
  files?: Record<string, string>;
  command: string;
}

const PYTHON: Case[] = [
  { name: 'print and arithmetic', command: `python3 -c "print(2 ** 100, 7 // 2, -7 % 3, round(2.675, 2), 1e-7, 10 / 4)"` },
  { name: 'data structures', command: `python3 -c "import collections, json; c = collections.Counter('mississippi'); print(sorted(c.items())); print(json.dumps({'b': [1, 2.5, None, True], 'a': 'x'}, sort_keys=True, indent=2))"` },
  { name: 'f-strings and formatting', command: `python3 -c "x = 3.14159; print(f'{x:.2f} {x!r} {42:08b} {\\"s\\":>5}|')"` },
  { name: 'exit code', command: `python3 -c "import sys; print('a'); sys.exit(5)"` },
  { name: 'exit with a message', command: `python3 -c "import sys; sys.exit('bad input')"` },
  { name: 'uncaught exception', command: `python3 -c "print('before'); {}['missing']"` },
  { name: 'stdin lines', command: `printf '3\\n1\\n2\\n' | python3 -c "import sys; print(sorted(int(l) for l in sys.stdin))"` },
  { name: 'script with argv and files', files: { 'wc.py': 'import sys\nfor name in sys.argv[1:]:\n    text = open(name).read()\n    print(name, len(text.split()))\nopen("out.txt", "w").write("done\\n")\n', 'a.txt': 'one two three\n' }, command: 'python3 wc.py a.txt && cat out.txt' },
  { name: 'imports a sibling module', files: { 'lib/util.py': 'def shout(s):\n    return s.upper() + "!"\n', 'lib/main.py': 'from util import shout\nprint(shout("hi"), __name__)\n' }, command: 'python3 lib/main.py' },
  { name: 'unittest with a failure', files: { 'test_x.py': 'import unittest\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertTrue(True)\n    def test_bad(self):\n        self.assertEqual(1, 2)\n' }, command: 'python3 -m unittest -q 2>/dev/null; echo "exit=$?"' },
  { name: 'json.tool', command: `echo '{"b":1,"a":[1,2]}' | python3 -m json.tool --sort-keys` },
  { name: 'regex, dates, itertools', command: `python3 -c "import re, datetime, itertools; print(re.findall(r'\\d+', 'a1b22c333')); print(datetime.date(2024, 2, 29) + datetime.timedelta(days=1)); print(list(itertools.combinations('abc', 2)))"` },
  { name: 'classes and dataclasses', command: `python3 -c "from dataclasses import dataclass
@dataclass
class P:
    x: int
    y: int = 0
print(P(1), P(1, 2) == P(1, 2), sorted([P(3), P(1)], key=lambda p: p.x))"` },
  { name: 'environment and cwd', command: `mkdir -p d && cd d && GREETING=hey python3 -c "import os; print(os.environ['GREETING'], os.path.basename(os.getcwd()))"` },
];

const NODE: Case[] = [
  { name: 'console.log of values', command: `node -e "console.log(1, 'two', [3, 'four'], { a: 1, 'b-c': [true, null, undefined] }, -0, 10n)"` },
  { name: 'nested objects, Map and Set', command: `node -e "console.log({ a: { b: { c: { d: 1 } } } }, new Map([['k', 1]]), new Set([1, 2]), [[1, [2, [3, [4]]]]])"` },
  { name: 'class instances, functions, errors as values', command: `node -e "class Foo { constructor() { this.x = 1; } } console.log(new Foo(), [function named() {}, () => 1], String(new Error('e')))"` },
  { name: 'util.format and JSON', command: `node -e "console.log('%s is %d years and %i%%', 'Al', 42.5, 7.9); console.log(JSON.stringify({ a: [1, { b: 2 }] }, null, 2))"` },
  { name: 'process.argv, env and cwd', command: `mkdir -p d && cd d && NAME=x node -e "console.log(process.argv.slice(1), process.env.NAME, require('path').basename(process.cwd()))" -- a b` },
  { name: 'exit codes', command: `node -e "process.exitCode = 3; console.log('set')"; echo "exit=$?"; node -e "process.exit(7)"; echo "exit=$?"` },
  { name: 'uncaught error', command: `node -e "console.log('before'); null.x"` },
  { name: 'failing assert', files: { 'test.js': "const assert = require('assert');\nassert.deepStrictEqual({ a: [1, 2] }, { a: [1, 2] });\nconsole.log('deep ok');\nassert.strictEqual(1 + 1, 3);\nconsole.log('not reached');\n" }, command: 'node test.js' },
  { name: 'fs and path', files: { 'in.txt': 'alpha\nbeta\n' }, command: `node -e "const fs = require('fs'), path = require('path'); const lines = fs.readFileSync('in.txt', 'utf8').trim().split('\\n'); fs.mkdirSync('out/x', { recursive: true }); fs.writeFileSync(path.join('out', 'x', 'n.txt'), String(lines.length)); console.log(fs.readdirSync('out'), fs.existsSync('out/x/n.txt'), path.relative('/a/b/c', '/a/d'), path.extname('f.tar.gz'))" && cat out/x/n.txt` },
  { name: 'require and module.exports', files: { 'src/math.js': 'module.exports = { sq: (n) => n * n };\n', 'src/data.json': '{"n": 4}\n', 'main.js': "const { sq } = require('./src/math');\nconst data = require('./src/data.json');\nconsole.log(sq(data.n), require.main === module, __filename.endsWith('main.js'));\n" }, command: 'node main.js' },
  { name: 'an ES module importing CommonJS and built-ins', files: { 'lib.cjs': 'exports.twice = (s) => s + s;\n', 'app.mjs': "import { twice } from './lib.cjs';\nimport { join } from 'node:path';\nimport * as fsp from 'node:fs/promises';\nawait fsp.writeFile('o.txt', twice('ab'));\nconsole.log(await fsp.readFile('o.txt', 'utf8'), join('a', '..', 'b'));\n" }, command: 'node app.mjs' },
  { name: 'timers and promise order', command: `node -e "setTimeout(() => console.log('timeout 20'), 20); setTimeout(() => console.log('timeout 0'), 0); Promise.resolve().then(() => console.log('micro')); process.nextTick(() => console.log('tick')); console.log('sync')"` },
  { name: 'stdin', command: `printf 'b\\na\\n' | node -e "console.log(require('fs').readFileSync(0, 'utf8').trim().split('\\n').sort().join(','))"` },
  { name: 'node -p', command: `node -p "[1, 2, 3].map((n) => n * 2)"` },
];

let sandbox: LiteSandbox;
let native: string;
beforeAll(async () => {
  sandbox = new LiteSandbox();
  native = await mkdtemp(join(tmpdir(), 'side-by-side-'));
  await sandbox.exec(`python3 -c pass; node -e 0`, { timeoutMs: 180_000 }); // warm both runtimes once
}, 200_000);
afterAll(async () => {
  await sandbox?.dispose();
  await rm(native, { recursive: true, force: true });
});

async function runNative(testCase: Case): Promise<{ stdout: string; exitCode: number }> {
  await rm(native, { recursive: true, force: true });
  await mkdir(native, { recursive: true });
  for (const [path, content] of Object.entries(testCase.files ?? {})) {
    await mkdir(dirname(join(native, path)), { recursive: true });
    await writeFile(join(native, path), content);
  }
  return new Promise((resolve) => {
    execFile('bash', ['-c', testCase.command], { cwd: native, timeout: 20_000 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, exitCode: code });
    });
  });
}

async function runLite(testCase: Case): Promise<{ stdout: string; exitCode: number }> {
  await sandbox.restore({ files: [], dirs: [] });
  for (const [path, content] of Object.entries(testCase.files ?? {})) await sandbox.writeFile(path, content);
  const result = await sandbox.exec(testCase.command, { timeoutMs: 30_000 });
  return { stdout: result.stdout ?? '', exitCode: result.exitCode };
}

describe('python3 in the lite sandbox beside the machine\'s python3', () => {
  for (const testCase of PYTHON) {
    it(testCase.name, async () => {
      expect(await runLite(testCase)).toEqual(await runNative(testCase));
    }, 60_000);
  }
});

describe('node in the lite sandbox beside the machine\'s node', () => {
  for (const testCase of NODE) {
    it(testCase.name, async () => {
      expect(await runLite(testCase)).toEqual(await runNative(testCase));
    }, 60_000);
  }
});
