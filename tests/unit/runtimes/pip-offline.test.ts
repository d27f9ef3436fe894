/**
 * pip in the lite sandbox with no package CDN to reach: it says only the standard library is available and
 * exits 1, and Python keeps working. The CDN is pointed at a closed port on this machine, so the test never
 * leaves it (the live check with a real CDN is `npm run test:pip`).
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeSpawner } from '../../../src/runtimes/node-spawn';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

let sandbox: LiteSandbox;
beforeAll(() => {
  const spawn = nodeSpawner({ root: new URL('src/runtimes/', pathToFileURL(`${process.cwd()}/`)), packageBaseUrl: 'http://127.0.0.1:9/' });
  sandbox = new LiteSandbox({ runtimes: { spawn } });
});
afterAll(async () => {
  await sandbox.dispose();
});

it('pip install says offline, and python3 keeps working', async () => {
  const result = await sandbox.exec('pip install six; echo "exit=$?"; python3 -m pip install six 2>/dev/null; echo "exit=$?"; python3 -c "import json; print(json.dumps([1]))"', {
    timeoutMs: 180_000,
  });
  const stderr = (result.stderr ?? '').split('\n');
  expect({
    stdout: result.stdout,
    said: stderr.map((line) => line.slice(0, line.indexOf(' (micropip could not be loaded'))),
  }).toEqual({
    stdout: 'exit=1\nexit=1\n[1]\n',
    said: ['pip: offline: only the standard library is available', ''],
  });
}, 200_000);
