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
