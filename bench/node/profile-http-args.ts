/**
 * Not a row: runs step_overhead_http_100k's "ours" side N times (for `node --cpu-prof`), and prints each time.
 * `node --import tsx/esm --cpu-prof --cpu-prof-dir=/tmp/prof bench/node/profile-http-args.ts 20`
 */
import { runAgent } from '../../src/agent/loop';
import { OpenAIModelClient } from '../../src/agent/model';
import { startScriptedServer, type ScriptedTurn } from '../../tests/fixtures/scripted-server';
import { benchConfig, freshSandbox } from './loops';

const line = `${'abcdefghij'.repeat(8).slice(0, 79)}\n`;
const content = line.repeat(Math.ceil(102400 / line.length)).slice(0, 102400);
const WRITE: ScriptedTurn = { burst: true, tool_calls: [{ id: 'w', name: 'write_file', arguments: { path: 'big.txt', content } }] };
const FINISH: ScriptedTurn = { burst: true, tool_calls: [{ id: 'f', name: 'finish', arguments: { summary: 'written' } }] };
const server = await startScriptedServer([]);
const n = Number(process.argv[2] ?? 20);
const mode = process.argv[3] ?? 'ours';
for (let i = 0; i < n; i++) {
  server.setScript((req) => ((req.body?.messages ?? []).some((m: { role: string }) => m.role === 'tool') ? FINISH : WRITE));
  const sandbox = await freshSandbox();
  const started = performance.now();
  if (mode === 'ours') {
    const model = new OpenAIModelClient({ baseURL: server.baseURL, model: 'scripted-model' });
    await runAgent(benchConfig(2), { model, sandbox, emit: () => {} }, AbortSignal.timeout(120_000));
  } else {
    for (const body of [{ model: 'scripted-model', stream: true, messages: [{ role: 'user', content: 'x' }] }, { model: 'scripted-model', stream: true, messages: [{ role: 'tool', content: 'x' }] }]) {
      const r = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await r.text();
      if (text.includes('write_file')) await sandbox.writeFile('big.txt', content);
    }
  }
  console.log(mode, i, (performance.now() - started).toFixed(1));
  await sandbox.dispose();
}
await server.close();
