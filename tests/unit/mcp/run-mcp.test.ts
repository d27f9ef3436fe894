// The agent worker's side of a run's MCP servers: tools for the loop, calls rated by the MCP rules (others by the
// base assessor), the model told which tools did not fit, tokens listed for scrubbing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpSecrets, openRunMcp } from '../../../src/bridge/mcp-run';
import type { RunJob } from '../../../src/bridge/run-driver';
import type { AgentEvent } from '../../../src/core';
import { startMcpFixture, type McpFixture } from '../../fixtures/mcp-server';

let fixture: McpFixture;
beforeAll(async () => {
  fixture = await startMcpFixture({ token: 'run-mcp-token-0123456789' });
});
afterAll(async () => {
  await fixture?.stop();
});

const job = (servers = true): RunJob => ({
  run_id: 'r',
  instructions: 'Do it',
  spec: {
    spec: 1,
    model: 'm',
    base_url: 'http://127.0.0.1:9/v1',
    tools: ['mcp'],
    max_steps: 3,
    human_intervention_threshold: 'high',
    ...(servers && { mcp_servers: [{ name: 'notes', url: fixture.url, header_secrets: { Authorization: { secret: 'MCP token notes', prefix: 'Bearer ' } } }] }),
  },
  secrets: { 'MCP token notes': 'run-mcp-token-0123456789' },
});

describe('openRunMcp', () => {
  it('is nothing without servers', async () => {
    expect(await openRunMcp(job(false), { contextWindow: 128_000, signal: AbortSignal.timeout(5_000), emit: () => {} })).toBeUndefined();
  });

  it('gives the tools, rates MCP calls by the MCP rules, and tells the model what did not fit', async () => {
    const events: AgentEvent[] = [];
    // a window so small that only the first tools' schemas fit a tenth of it
    const mcp = (await openRunMcp(job(), { contextWindow: 1_000, signal: AbortSignal.timeout(5_000), emit: (e) => events.push(e) }))!;
    try {
      const base = async () => ({ level: 'none' as const, reasons: ['base'] });
      const assess = mcp.assessor(base);
      const names = mcp.tools.map((tool) => tool.spec.name);
      const told = mcp.told(job());
      expect({
        names,
        groups: [...new Set(mcp.tools.map((tool) => tool.spec.group))],
        search: (await assess({ id: '1', name: 'mcp__notes__search_notes', arguments: '{"query":"a"}' }, { query: 'a' })).level,
        // the raw token in the arguments: high, whatever the tool claims
        leak: (await assess({ id: '3', name: 'mcp__notes__search_notes', arguments: '{}' }, { query: 'run-mcp-token-0123456789' })).level,
        other: await assess({ id: '2', name: 'run_command', arguments: '{}' }, {}),
        told: told.instructions.startsWith('About the MCP tools: ') && told.instructions.endsWith('\n\nTask:\nDo it'),
        notices: events.map((e) => (e.type === 'notice' ? e.message : e.type)),
        secrets: mcpSecrets(job()),
      }).toEqual({
        names: ['mcp__notes__search_notes'],
        groups: ['mcp'],
        search: 'medium',
        leak: 'high',
        other: { level: 'none', reasons: ['base'] },
        told: true,
        notices: [
          'MCP server notes: 6 tools (search_notes, delete_note, slow_count, sync_notes, render_chart, echo).',
          "Only 1 of 6 MCP tools fit the model's context; the model was told which were left out.",
        ],
        secrets: ['Bearer run-mcp-token-0123456789', 'run-mcp-token-0123456789'],
      });
      const ran = await mcp.tools[0].run({ query: 'Ada' }, { signal: AbortSignal.timeout(5_000), onOutput: () => {} });
      expect({ ...ran, duration_ms: 0 }).toEqual({ ok: true, observation: '2 notes match "Ada":\n- buy milk\n- call Ada', duration_ms: 0 });
    } finally {
      await mcp.close();
    }
  });

  it('does not connect to a server whose token is gone, and says so to the person and the model', async () => {
    const events: AgentEvent[] = [];
    const seen = fixture.requests.length;
    const gone = { ...job(), secrets: {} };
    const mcp = (await openRunMcp(gone, { contextWindow: 128_000, signal: AbortSignal.timeout(5_000), emit: (e) => events.push(e) }))!;
    try {
      expect({
        tools: mcp.tools.length,
        requests: fixture.requests.length - seen,
        notices: events.map((e) => (e.type === 'notice' ? e.message : e.type)),
        told: mcp.told(gone).instructions,
      }).toEqual({
        tools: 0,
        requests: 0,
        notices: [
          'MCP server notes needs its token again: this page no longer has its Authorization header (headers given to execute() live only while their page is open; ' +
            'a Settings token only while it is remembered or typed in again, and its server keeps its origin). This run goes on without its tools. ' +
            'Give the token in Settings → MCP servers (a server with the same URL) for the next run.',
        ],
        told: 'About the MCP tools: The MCP server notes needs a token this page no longer has, so its tools are not available in this run.\n\nTask:\nDo it',
      });
    } finally {
      await mcp.close();
    }
  });

  it('tells a resumed run that images attached before are not any more', async () => {
    const mcp = (await openRunMcp(job(), { contextWindow: 128_000, signal: AbortSignal.timeout(5_000), emit: () => {} }))!;
    try {
      const resumed = (content: string): RunJob => ({
        ...job(),
        initial_messages: [
          { role: 'user', content: 'Chart it' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'mcp__notes__render_chart', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'c1', content },
        ],
      });
      const withImage = mcp.told(resumed('Chart:\n[image: image/png, 70 bytes, shown to the person]\n[The image above is attached in the next message.]'));
      const without = mcp.told(resumed('Chart:\n[image: image/png, 70 bytes, shown to the person]\n[This model does not take images: the image above was shown to the person only.]'));
      expect([withImage.initial_messages?.at(-1), without.initial_messages?.length]).toEqual([
        {
          role: 'user',
          content:
            'About the MCP tools: Images that tools returned before this run started or resumed are not attached any more (they were kept in memory only); ask for them again if you need to see them.',
        },
        3,
      ]);
    } finally {
      await mcp.close();
    }
  });
});
