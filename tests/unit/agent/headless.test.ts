import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startScriptedServer, type ScriptedServer } from '../../fixtures/scripted-server';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Run `scripts/agent.ts` as `npm run agent` does; bounded by a kill timer. */
function runAgentScript(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx/esm', 'scripts/agent.ts', ...args], {
      env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The context windows the runner's usage lines show. */
function windows(stderr: string): number[] {
  return [...stderr.matchAll(/, context \d+ of (\d+)\n/g)].map((match) => Number(match[1]));
}

/** The notices the runner printed (`i message` lines). */
function notices(stderr: string): string[] {
  return stderr.split('\n').flatMap((line) => (line.startsWith('i ') ? [line.slice(2)] : []));
}

describe('headless runner', () => {
  it('runs a task with the lite sandbox, prints events, then the run as JSON, and exits 0', async () => {
    server = await startScriptedServer([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'echo hello > hi.txt && cat hi.txt' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'said hello', outputs: { file: 'hi.txt' } } }] },
    ]);
    const result = await runAgentScript(['--model', 'tiny', '--max-steps', '5', 'say hello'], {
      OPENAI_BASE_URL: server.baseURL,
    });
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({ instructions: 'say hello', status: 'completed', summary: 'said hello', outputs: { file: 'hi.txt' }, steps: 2 });
    expect(result.stderr).toContain('→ run_command echo hello > hi.txt && cat hi.txt\nhello\n← exit 0\n');
    expect(server.requests[0]!.body.model).toBe('tiny');
  }, 40_000);

  it('--idle-timeout: a stream silent after its headers is retried after that long, and the run goes on', async () => {
    const finish = { tool_calls: [{ name: 'finish', arguments: { summary: 'ok' } }] };
    server = await startScriptedServer([{ content: 'never', cut: { after: 0, how: 'stall' } }, finish]);
    const result = await runAgentScript(['--base-url', server.baseURL, '--model', 'tiny', '--context-window', '32000', '--idle-timeout', '0.2', 'say ok']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'completed', summary: 'ok' });
    expect(result.stderr).toContain('No data from the model for 200 ms, retrying.');
    expect(server.requests).toHaveLength(2);
  }, 40_000);

  it("uses the context window the server reports, says so, and asks no server when --context-window is given", async () => {
    const finish = { tool_calls: [{ name: 'finish', arguments: { summary: 'ok' } }] };
    const models = [{ id: 'other/model', context_length: 8_000 }, { id: 'meta-llama/llama-3.3-70b-instruct', context_length: 131_072 }];
    server = await startScriptedServer([finish], { models });
    const reported = await runAgentScript(['--base-url', server.baseURL, '--model', 'meta-llama/llama-3.3-70b-instruct', 'say ok']);
    expect([reported.code, notices(reported.stderr), windows(reported.stderr)]).toEqual([
      0,
      ["Context window 131072 tokens, as the server reports for this model (the server's model list)."],
      [131_072],
    ]);
    expect(server.probes.map((probe) => probe.path)).toEqual(['/v1/models']);
    await server.close();

    server = await startScriptedServer([finish], { models });
    const flagged = await runAgentScript(['--base-url', server.baseURL, '--model', 'meta-llama/llama-3.3-70b-instruct', '--context-window', '20000', 'say ok']);
    expect([flagged.code, notices(flagged.stderr), windows(flagged.stderr)]).toEqual([0, ['Context window 20000 tokens, as given by --context-window.'], [20_000]]);
    expect(server.probes).toEqual([]);
  }, 60_000);

  it('falls back to the default for a model nobody knows, and says how to set it', async () => {
    server = await startScriptedServer([{ tool_calls: [{ name: 'finish', arguments: { summary: 'ok' } }] }], { models: ['mystery'] });
    const result = await runAgentScript(['--base-url', server.baseURL, '--model', 'mystery', 'say ok']);
    expect([result.code, notices(result.stderr), windows(result.stderr)]).toEqual([
      0,
      ['Context window 32768 tokens, a default: neither the server nor the built-in table knows this model. Pass --context-window if it differs.'],
      [32_768],
    ]);
  }, 40_000);

  it('exits 1 with the error in the JSON when the model server refuses the key', async () => {
    server = await startScriptedServer([
      { kind: 'error', status: 401, body: { error: { message: 'bad key', code: 'invalid_api_key' } } },
    ]);
    const result = await runAgentScript(['--base-url', server.baseURL, '--api-key', 'sk-x', '--quiet', 'anything']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'failed',
      reason: 'model_error',
      error: { code: 'auth', message: 'The model server refused the API key (401: bad key). Check "API key" in Settings.' },
    });
    expect(result.stderr).toBe('');
  }, 40_000);
});
