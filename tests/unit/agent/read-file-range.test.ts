import { afterAll, describe, expect, it } from 'vitest';
import { runSandboxTool, validateCall, type ToolEnv } from '../../../src/agent/tools';
import { BUILTIN_TOOLS } from '../../../src/core';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

const sandbox = new LiteSandbox();
afterAll(() => sandbox.dispose());
const env: ToolEnv = { sandbox, signal: new AbortController().signal, commandTimeoutMs: 10_000, onOutput: () => {} };
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`).join('\n');

async function read(args: Record<string, unknown>) {
  const checked = validateCall({ id: 'r', name: 'read_file', arguments: JSON.stringify(args) }, BUILTIN_TOOLS.inGroups(['files']));
  if (!checked.ok) return checked.message;
  return (await runSandboxTool('read_file', checked.args, env)).observation;
}

describe('read_file with a range of lines', () => {
  it('reads lines from offset, at most limit of them, and says how many remain', async () => {
    await sandbox.exec('seq 1 5000 | sed "s/^/line /" > long.txt');
    expect(await read({ path: 'long.txt', offset: 10, limit: 3 })).toEqual(`${numbered(10, 12)}\n[lines 10–12 of 5000; 4988 more: read_file with offset 13]`);
    expect(await read({ path: 'long.txt', offset: 4999 })).toEqual(`${numbered(4999, 5000)}\n[lines 4999–5000 of 5000]`);
    expect(await read({ path: 'long.txt', limit: 2 })).toEqual(`${numbered(1, 2)}\n[lines 1–2 of 5000; 4998 more: read_file with offset 3]`);
    expect(await read({ path: 'long.txt', offset: 6000 })).toEqual('[long.txt has 5000 lines: offset 6000 is past its end]');
  });

  it('reads a short file whole, as before, and tells how to read ranges when a long one is cut', async () => {
    await sandbox.writeFile('short.txt', 'a\nb\n');
    expect(await read({ path: 'short.txt' })).toEqual('a\nb\n');
    const whole = await read({ path: 'long.txt' });
    expect(whole.endsWith('\n[long.txt has 5000 lines and was cut in the middle: read_file with offset and limit reads a range of lines]')).toEqual(true);
  });

  it('refuses a bad range with a message the model can act on', async () => {
    expect(await read({ path: 'long.txt', offset: 0 })).toEqual('read_file: offset and limit must be 1 or more (offset is the 1-based first line).');
    expect(await read({ path: 'long.txt', offset: '3' })).toEqual(
      'Invalid call to read_file: "offset" must be an integer, not "3". Expected arguments: {"path": string, "offset"?: integer, "limit"?: integer}.',
    );
  });
});
