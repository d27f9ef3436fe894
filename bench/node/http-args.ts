/**
 * step_overhead_http_100k: one turn that writes a 100 KB file (its arguments streamed in 4-character deltas,
 * sent by the scripted server in one write, as a fast server sends them), then a finishing turn — our loop
 * through OpenAIModelClient, vs a bare fetch of the same request bodies read to their end plus the same
 * sandbox write. What it shows: the cost of a streamed delta in Node, from the socket to the loop.
 */
import { runAgent } from '../../src/agent/loop';
import { OpenAIModelClient } from '../../src/agent/model';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../tests/fixtures/scripted-server';
import { fmt, median, rotated, row, type Measured } from '../lib/stats';
import { benchConfig, freshSandbox } from './loops';

const FILE_KB = 100;

function fileOf(kb: number): string {
  const line = `${'abcdefghij'.repeat(8).slice(0, 79)}\n`;
  return line.repeat(Math.ceil((kb * 1024) / line.length)).slice(0, kb * 1024);
}

const content = fileOf(FILE_KB);
const WRITE: ScriptedTurn = { burst: true, tool_calls: [{ id: 'w', name: 'write_file', arguments: { path: 'big.txt', content } }] };
const FINISH: ScriptedTurn = { burst: true, tool_calls: [{ id: 'f', name: 'finish', arguments: { summary: 'written' } }] };

function script(server: ScriptedServer): void {
  server.setScript((req) => ((req.body?.messages ?? []).some((m: { role: string }) => m.role === 'tool') ? FINISH : WRITE));
  server.requests.length = 0;
}

async function ours(server: ScriptedServer): Promise<{ ms: number; bodies: unknown[] }> {
  script(server);
  const sandbox = await freshSandbox();
  const model = new OpenAIModelClient({ baseURL: server.baseURL, model: 'scripted-model' });
  const started = performance.now();
  const outcome = await runAgent(benchConfig(2), { model, sandbox, emit: () => {} }, AbortSignal.timeout(120_000));
  const ms = performance.now() - started;
  const written = new TextDecoder().decode(await sandbox.readFile('big.txt'));
  await sandbox.dispose();
  if (outcome.status !== 'completed' || written !== content) throw new Error(`step_overhead_http_100k: the run ended ${outcome.status}, the file ${written === content ? 'whole' : 'wrong'}`);
  return { ms, bodies: server.requests.map((request) => request.body) };
}

async function bare(server: ScriptedServer, bodies: unknown[]): Promise<number> {
  script(server);
  const sandbox = await freshSandbox();
  const started = performance.now();
  for (const body of bodies) {
    const response = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    if (!text.includes('[DONE]')) throw new Error('step_overhead_http_100k: a bare answer did not end');
    if (text.includes('write_file')) await sandbox.writeFile('big.txt', content);
  }
  const ms = performance.now() - started;
  await sandbox.dispose();
  return ms;
}

export async function httpArgsRow(reps: number): Promise<Measured> {
  const server = await startScriptedServer([]);
  try {
    const { bodies } = await ours(server);
    const deltas = Math.ceil(JSON.stringify({ path: 'big.txt', content }).length / 4);
    const samples = await rotated(reps, { ours: async () => (await ours(server)).ms, bare: () => bare(server, bodies) }, 1);
    const a = median(samples.ours);
    const b = median(samples.bare);
    return {
      name: 'step_overhead_http_100k',
      row: row(a, b, 'ms', 'ratio ≤ 1.2', a / b <= 1.2),
      note: fmt('{} argument deltas', deltas),
      details: [
        fmt('a {} KB write_file streamed in 4-character deltas ({} of them), then finish, over HTTP from the scripted server (each answer in one write): our loop through OpenAIModelClient {} ms; bare fetch of the same request bodies, each read to its end, and the same sandbox write {} ms (medians of {})', FILE_KB, deltas, a, b, reps),
      ],
    };
  } finally {
    await server.close();
  }
}
