// The MCP client against a real MCP server (the SDK's own, tests/fixtures/mcp-server.ts) over HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../../src/core/secrets';
import { probeServer } from '../../../src/mcp/probe';
import { McpToolbox } from '../../../src/mcp/toolbox';
import { RED_PIXEL_PNG, startMcpFixture, type McpFixture } from '../../fixtures/mcp-server';

const signal = () => AbortSignal.timeout(10_000);
let fixture: McpFixture;
/** A URL where nothing listens (a port just freed). */
let closedUrl: string;
beforeAll(async () => {
  fixture = await startMcpFixture();
  const spare = await startMcpFixture();
  closedUrl = spare.url;
  await spare.stop();
});
afterAll(async () => {
  await fixture?.stop();
});

describe('probeServer (Test MCP server)', () => {
  it('lists the tools with their schemas and annotations', async () => {
    const result = await probeServer({ name: 'notes', url: fixture.url }, signal());
    if (!result.ok) throw new Error(result.message);
    expect({ transport: result.transport, server: result.serverInfo, tools: result.tools.map((t) => [t.name, t.annotations ?? null]) }).toEqual({
      transport: 'streamable-http',
      server: 'notes-fixture 1.0.0',
      tools: [
        ['search_notes', { title: 'Search notes', readOnlyHint: true, openWorldHint: false }],
        ['delete_note', { readOnlyHint: false, destructiveHint: true }],
        ['slow_count', { readOnlyHint: true }],
        ['sync_notes', { readOnlyHint: false, destructiveHint: false }],
        ['render_chart', { readOnlyHint: true }],
        ['echo', null],
      ],
    });
    expect(result.tools[0].inputSchema).toMatchObject({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] });
  });

  it('falls back to the older HTTP+SSE transport when the server refuses Streamable HTTP', async () => {
    const legacy = await startMcpFixture({ legacySse: true });
    try {
      const result = await probeServer({ name: 'old', url: legacy.url }, signal());
      const box = await McpToolbox.open([{ name: 'old', url: legacy.url }], { signal: signal(), budgetChars: 100_000 });
      const { ok, observation } = await box.call('mcp__old__echo', { text: 'over sse' }, signal());
      await box.close();
      expect([result.ok && result.transport, result.ok && result.tools.length, ok, observation]).toEqual(['sse', 6, true, 'over sse']);
    } finally {
      await legacy.stop();
    }
  });

  it('says a server that is not there is unreachable', async () => {
    const result = await probeServer({ name: 'gone', url: closedUrl }, signal(), { connectTimeoutMs: 3_000 });
    expect(result).toEqual({ ok: false, message: `Could not reach the MCP server gone (${closedUrl}): ECONNREFUSED. Check the URL and that the server is running.` });
  });

  it('says a refused token is a 401, and a right token works (sent as a bearer header)', async () => {
    const guarded = await startMcpFixture({ token: 'mcp-token-0123456789' });
    try {
      const without = await probeServer({ name: 'g', url: guarded.url }, signal());
      const wrong = await probeServer({ name: 'g', url: guarded.url, headers: { Authorization: 'Bearer nope-nope-nope' } }, signal());
      const right = await probeServer({ name: 'g', url: guarded.url, headers: { Authorization: 'Bearer mcp-token-0123456789' } }, signal());
      const refused = `The MCP server g (${guarded.url}) refused the request (HTTP 401): a bearer token is missing or wrong. Check the token in Settings → MCP servers.`;
      expect([without, wrong, right.ok && right.tools.length]).toEqual([{ ok: false, message: refused }, { ok: false, message: refused }, 6]);
      expect(new Set(guarded.requests.map((r) => r.authorization ?? 'none'))).toEqual(new Set(['none', 'Bearer nope-nope-nope', 'Bearer mcp-token-0123456789']));
    } finally {
      await guarded.stop();
    }
  });
});

describe('McpToolbox (a run’s MCP tools)', () => {
  const open = (options: Partial<Parameters<typeof McpToolbox.open>[1]> = {}, url = fixture.url) =>
    McpToolbox.open([{ name: 'notes', url, disabled_tools: ['render_chart'] }], { signal: signal(), budgetChars: 100_000, ...options });

  it('names the enabled tools mcp__<server>__<tool> and leaves switched-off ones out', async () => {
    const box = await open();
    try {
      expect({ names: box.names, schemas: box.schemas.map((s) => s.function.name), notes: box.notes }).toEqual({
        names: ['mcp__notes__search_notes', 'mcp__notes__delete_note', 'mcp__notes__slow_count', 'mcp__notes__sync_notes', 'mcp__notes__echo'],
        schemas: ['mcp__notes__search_notes', 'mcp__notes__delete_note', 'mcp__notes__slow_count', 'mcp__notes__sync_notes', 'mcp__notes__echo'],
        notes: [],
      });
    } finally {
      await box.close();
    }
  });

  it('calls a tool; a tool error, bad arguments and a timeout are observations', async () => {
    const box = await open({ callTimeoutMs: 300 });
    try {
      const strip = ({ duration_ms: _d, ...rest }: Awaited<ReturnType<McpToolbox['call']>>) => rest;
      const found = strip(await box.call('mcp__notes__search_notes', { query: 'Ada' }, signal()));
      const failing = strip(await box.call('mcp__notes__sync_notes', {}, signal()));
      const badArgs = strip(await box.call('mcp__notes__delete_note', { id: 7 }, signal()));
      const slow = strip(await box.call('mcp__notes__slow_count', { ms: 5_000 }, signal()));
      expect([found, failing, badArgs.ok, badArgs.observation.split(' Nothing was sent.')[0], slow]).toEqual([
        { ok: true, observation: '2 notes match "Ada":\n- buy milk\n- call Ada', images: [] },
        { ok: false, observation: 'mcp__notes__sync_notes reported an error:\nthe notes database is locked by another sync', images: [] },
        false,
        'The arguments of mcp__notes__delete_note do not match its schema (Property "id" does not match schema.; id: Instance type "number" is invalid. Expected "string".).',
        {
          ok: false,
          timed_out: true,
          images: [],
          observation: `mcp__notes__slow_count failed: The MCP server notes (${fixture.url}) did not answer within 300 ms. The call was cancelled; it may have done part of its work. Try something smaller, or go on without it.`,
        },
      ]);
      // the bad call never left: the server saw the others only
      expect(fixture.calls().slice(-3)).toEqual(['search_notes({"query":"Ada"})', 'sync_notes({})', 'slow_count({"ms":5000})']);
    } finally {
      await box.close();
    }
  });

  it('keeps an image for the person and names it for the model', async () => {
    const box = await McpToolbox.open([{ name: 'notes', url: fixture.url }], { signal: signal(), budgetChars: 100_000 });
    try {
      const { duration_ms: _d, ...chart } = await box.call('mcp__notes__render_chart', {}, signal());
      expect(chart).toEqual({
        ok: true,
        observation: 'Chart of notes per day:\n[image: image/png, 70 bytes, shown to the person]',
        images: [{ mime_type: 'image/png', data: RED_PIXEL_PNG }],
      });
    } finally {
      await box.close();
    }
  });

  it('rates calls by annotations, trust and secrets', async () => {
    const secrets = new SecretRegistry();
    secrets.set('MCP token notes', 'mcp-token-0123456789');
    const plain = await open({ secrets });
    const trusted = await McpToolbox.open([{ name: 'notes', url: fixture.url, trusted: true }], { signal: signal(), budgetChars: 100_000, secrets });
    try {
      const level = (box: McpToolbox, name: string, args: unknown) => box.rate(`mcp__notes__${name}`, args).level;
      expect([
        level(plain, 'search_notes', { query: 'a' }),
        level(trusted, 'search_notes', { query: 'a' }),
        level(trusted, 'search_notes', { query: 'mcp-token-0123456789' }),
        level(trusted, 'delete_note', { id: '1' }),
        level(trusted, 'sync_notes', {}),
        level(trusted, 'echo', { text: 'hi' }),
        level(trusted, 'nope', {}),
      ]).toEqual(['medium', 'low', 'high', 'high', 'medium', 'high', 'high']);
    } finally {
      await plain.close();
      await trusted.close();
    }
  });

  it('opens a new session when the server forgot ours, and reports a server that went away', async () => {
    const own = await startMcpFixture();
    const box = await open({ connectTimeoutMs: 2_000, callTimeoutMs: 2_000 }, own.url);
    try {
      const echo = async (text: string) => {
        const { ok, observation } = await box.call('mcp__notes__echo', { text }, signal());
        return { ok, observation };
      };
      const first = await echo('one');
      await own.dropSessions();
      const afterRestart = await echo('two');
      await own.stop();
      const gone = await echo('three');
      await own.restart();
      const back = await echo('four');
      expect([first, afterRestart, gone.ok, back]).toEqual([
        { ok: true, observation: 'one' },
        { ok: true, observation: 'two' },
        false,
        { ok: true, observation: 'four' },
      ]);
      expect(gone.observation).toMatch(/^mcp__notes__echo failed: (The connection to|Could not reach) the MCP server notes \(http:\/\/127\.0\.0\.1:\d+\/mcp\)/);
      expect(own.requests.filter((r) => r.method === 'initialize').length).toBe(3);
    } finally {
      await box.close();
      await own.stop().catch(() => undefined);
    }
  });

  it('goes on without a server that cannot be reached, and says so', async () => {
    const box = await McpToolbox.open(
      [
        { name: 'gone', url: closedUrl },
        { name: 'notes', url: fixture.url, disabled_tools: ['search_notes', 'delete_note', 'slow_count', 'sync_notes', 'render_chart'] },
      ],
      { signal: signal(), budgetChars: 100_000, connectTimeoutMs: 2_000 },
    );
    try {
      expect({ names: box.names, notes: box.notes, notices: box.notices }).toEqual({
        names: ['mcp__notes__echo'],
        notes: ['The MCP server gone could not be reached, so its tools are not available in this run.'],
        notices: [
          `MCP server gone cannot be used in this run: Could not reach the MCP server gone (${closedUrl}): ECONNREFUSED. Check the URL and that the server is running.`,
          'MCP server notes: 1 tool (echo).',
        ],
      });
    } finally {
      await box.close();
    }
  });
});
