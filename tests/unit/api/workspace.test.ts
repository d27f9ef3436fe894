import { describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import type { DriverHooks, DriverOutcome, RunDriver, RunJob } from '../../../src/api/types';
import { createWorkspace } from '../../../src/api/workspace';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { SandboxEvent } from '../../../src/sandbox/sandbox';

/** A driver that writes a file through the sandbox and reports the tool result, as the loop would. */
function writingDriver(sandbox: LiteSandbox): RunDriver {
  return {
    async run(_job: RunJob, hooks: DriverHooks): Promise<DriverOutcome> {
      await sandbox.writeFile('out/a.txt', 'A');
      hooks.emit({ type: 'tool_result', call_id: 'c1', name: 'write_file', ok: true, observation: 'ok' });
      return { status: 'completed', summary: 'wrote' };
    },
  };
}

describe('the workspace the UI sees', () => {
  it('lists, reads and zips the work dir, and says when a run may have changed it', async () => {
    const sandbox = new LiteSandbox();
    const ready = Promise.resolve(sandbox);
    const agents = createAgents({
      store: new MemoryRunStore(),
      driver: writingDriver(sandbox),
      sandbox: ready,
      defaults: () => ({ baseURL: 'http://x/v1', model: 'm', max_steps: 3, human_intervention_threshold: 'high' }),
    });
    const workspace = createWorkspace(ready, agents, 10);
    let changes = 0;
    const changed = new Promise<void>((resolve) => workspace.onChange(() => (changes++, resolve())));
    await agents.execute({ instructions: 'write' });
    await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error('no change notice')), 2_000))]);
    const zip = await workspace.exportZip();
    expect([
      (await workspace.list()).filter((e) => e.type === 'file').map((e) => e.path),
      await workspace.readTextFile('out/a.txt'),
      changes >= 1,
      [zip[0], zip[1]],
    ]).toEqual([['out/a.txt'], 'A', true, [0x50, 0x4b]]);
  });

  it('passes the sandbox\'s own events on until unsubscribed', async () => {
    const listeners = new Set<(event: SandboxEvent) => void>();
    const fake = { on: (listener: (event: SandboxEvent) => void) => (listeners.add(listener), () => listeners.delete(listener)) };
    const ready = Promise.resolve(fake as never);
    const agents = createAgents({
      store: new MemoryRunStore(),
      driver: { run: async () => ({ status: 'completed' }) },
      sandbox: ready,
      defaults: () => ({ baseURL: 'http://x/v1', model: 'm', max_steps: 3, human_intervention_threshold: 'high' }),
    });
    const seen: SandboxEvent[] = [];
    const stop = createWorkspace(ready, agents).onSandboxEvent((event) => seen.push(event));
    await ready;
    await Promise.resolve();
    for (const listener of listeners) listener({ type: 'preview-open', preview: { port: 3000, url: 'https://p.example' } });
    stop();
    for (const listener of listeners) listener({ type: 'preview-close', port: 3000 });
    expect([seen, listeners.size]).toEqual([[{ type: 'preview-open', preview: { port: 3000, url: 'https://p.example' } }], 0]);
  });
});
