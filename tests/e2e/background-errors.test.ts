/**
 * E2E: what happens in the background reaches the model. In the lite sandbox a background process exits with
 * an error while the agent runs another command; the next model request carries the report (the agent worker
 * hears the sandbox through the bridge: src/bridge/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { runUntil, startHarness, type AppHarness } from './harness/app';

const CRASHING = 'sleep 2; echo "listen EADDRINUSE: port 3000 in use" >&2; exit 3';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('background errors reach the model', () => {
  it('tells the next model request that a background process crashed, with its last output', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ id: 'call_start', name: 'start_process', arguments: { command: CRASHING } }] },
      { tool_calls: [{ id: 'call_wait', name: 'run_command', arguments: { command: 'sleep 2' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Saw the crash.' } }] },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Start the server and wait');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');

    const bodies = server.requests
      .filter((request) => request.path.endsWith('/chat/completions'))
      .map((request) => request.body as { messages: { role: string; content: string | null }[] });
    const reports = bodies.map((body) =>
      body.messages.filter((message) => message.role === 'user' && message.content?.startsWith('[Background processes')).map((message) => message.content),
    );
    expect(reports).toEqual([
      [],
      [],
      [
        [
          '[Background processes and previews, since your last step]',
          `- Process p1 (\`${CRASHING}\`) crashed with exit code 3. Last output:`,
          '  listen EADDRINUSE: port 3000 in use',
          'Find the cause of these errors and fix it before going on.',
        ].join('\n'),
      ],
    ]);
    await page.close();
  });
});
