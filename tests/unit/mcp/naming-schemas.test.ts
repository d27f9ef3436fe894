// Tool naming, schemas for the model, the context budget, rating by annotations and reading results: pure parts.
import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../../src/core/secrets';
import { isMcpToolName, qualifiedNames, serverNameProblem, serverUrlProblem } from '../../../src/mcp/naming';
import { rateMcpCall } from '../../../src/mcp/rating';
import { readToolResult, sizeOf } from '../../../src/mcp/results';
import { fitToBudget, mcpToolSchema, schemaBudget } from '../../../src/mcp/schemas';
import type { McpTool } from '../../../src/mcp/types';

const tool = (name: string, extra: Partial<McpTool> = {}): McpTool => ({
  name,
  qualified: `mcp__srv__${name}`,
  server: 'srv',
  trusted: false,
  inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
  ...extra,
});

describe('naming', () => {
  it('qualifies tools as mcp__<server>__<tool>, fits API limits and keeps names unique', () => {
    const long = 'x'.repeat(80);
    const names = qualifiedNames('notes', ['search', 'notes.list', 'notes/list', long, 'search']);
    expect(names.slice(0, 2)).toEqual(['mcp__notes__search', 'mcp__notes__notes_list']);
    expect(names.every((n) => /^[A-Za-z0-9_-]{1,64}$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(5);
    expect(names[2]).toMatch(/^mcp__notes__notes_list_[0-9a-z]{1,6}$/);
    expect(names[3].length).toBe(64);
    expect(qualifiedNames('notes', ['search'], new Set(['mcp__notes__search']))[0]).not.toBe('mcp__notes__search');
    expect([isMcpToolName('mcp__notes__search'), isMcpToolName('mcp____x'), isMcpToolName('run_command')]).toEqual([true, false, false]);
  });

  it('says what is wrong with a server name or URL', () => {
    expect([
      serverNameProblem('calc'),
      serverNameProblem('my_notes-2'),
      serverNameProblem('a__b'),
      serverNameProblem('trailing_'),
      serverNameProblem(''),
      serverNameProblem('x'.repeat(25)),
    ]).toEqual([
      undefined,
      undefined,
      'A server name is letters, digits, "-" and single "_" (it becomes part of tool names, like mcp__notes__search).',
      'A server name is letters, digits, "-" and single "_" (it becomes part of tool names, like mcp__notes__search).',
      'Give the server a name.',
      'A server name has at most 24 characters.',
    ]);
    expect([
      serverUrlProblem('https://mcp.example.com/mcp'),
      serverUrlProblem('http://127.0.0.1:3000/mcp'),
      serverUrlProblem('http://mcp.example.com/mcp'),
      serverUrlProblem('ftp://x'),
      serverUrlProblem('nope'),
      serverUrlProblem('https://u:p@x.example/mcp'),
    ]).toEqual([
      undefined,
      undefined,
      'Only local servers (localhost, 127.0.0.1) may use http://: use https:// for a remote MCP server.',
      'An MCP server URL starts with https:// (or http:// for a local server).',
      'The MCP server URL is not a URL (like https://mcp.example.com/mcp).',
      'Put no user name or password in the URL: give a bearer token instead.',
    ]);
  });
});

describe('schemas', () => {
  it('gives the model the tool’s own schema, described with its server', () => {
    expect(mcpToolSchema(tool('find', { description: 'Find things.', inputSchema: { $schema: 'x', type: 'object', properties: { q: { type: 'string' } } } }))).toEqual({
      type: 'function',
      function: {
        name: 'mcp__srv__find',
        description: 'Find things. (Tool "find" of the MCP server "srv".)',
        parameters: { type: 'object', properties: { q: { type: 'string' } } },
      },
    });
    expect(mcpToolSchema(tool('odd', { inputSchema: { type: 'string' } })).function.parameters).toEqual({ type: 'object', properties: {} });
  });

  it('cuts a long list to the budget and tells the model which tools were left out', () => {
    const tools = Array.from({ length: 5 }, (_, i) => tool(`t${i}`, { qualified: `mcp__srv__t${i}`, description: 'd'.repeat(100) }));
    const one = JSON.stringify(mcpToolSchema(tools[0])).length;
    const fitted = fitToBudget(tools, one * 2 + 10);
    expect({ kept: fitted.tools.map((t) => t.name), schemas: fitted.schemas.length, note: fitted.note }).toEqual({
      kept: ['t0', 't1'],
      schemas: 2,
      note:
        '3 of the 5 MCP tools were left out so that their descriptions fit your context window: srv/t2, srv/t3, srv/t4. ' +
        'You cannot call them in this run; if you need one, say so (ask_human or your final answer) so the person can switch others off.',
    });
    expect(fitToBudget(tools, 1_000_000).note).toBeUndefined();
    expect(schemaBudget(128_000)).toBe(51_200);
  });
});

describe('rating', () => {
  it('trusts annotations only on trusted servers; no annotations is high; a secret in the arguments is high', () => {
    const secrets = new SecretRegistry();
    secrets.set('MCP token srv', 'tok-secret-value-123');
    const readOnly = { annotations: { readOnlyHint: true } };
    expect([
      rateMcpCall(tool('a'), { q: 'x' }),
      rateMcpCall(tool('a', { annotations: { title: 'A' } }), { q: 'x' }).level,
      rateMcpCall(tool('a', readOnly), { q: 'x' }).level,
      rateMcpCall(tool('a', { ...readOnly, trusted: true }), { q: 'x' }),
      rateMcpCall(tool('a', { ...readOnly, trusted: true }), { q: 'see tok-secret-value-123' }, secrets),
      rateMcpCall(tool('a', { annotations: { destructiveHint: false }, trusted: true }), { q: 'x' }).level,
      rateMcpCall(tool('a', { annotations: { idempotentHint: true }, trusted: true }), { q: 'x' }).level,
    ]).toEqual([
      { level: 'high', reasons: ['a on the MCP server srv says nothing about what it does (no annotations): it may change or delete anything'] },
      'high',
      'medium',
      { level: 'low', reasons: ['a on the MCP server srv says it only reads (a server you trust)'] },
      { level: 'high', reasons: ['the MCP call mcp__srv__a carries MCP token srv in q'] },
      'medium',
      'high',
    ]);
  });
});

describe('results', () => {
  it('reads text, flags errors, cuts long output like command output, and says what it cannot show', () => {
    const long = 'a'.repeat(6_000) + 'b'.repeat(6_000);
    expect(readToolResult('t', { content: [{ type: 'text', text: 'hi' }, { type: 'resource_link', uri: 'file:///x', name: 'x' }] })).toEqual({
      ok: true,
      observation: 'hi\n[resource x at file:///x]',
      images: [],
    });
    expect(readToolResult('t', { isError: true, content: [{ type: 'text', text: 'boom' }] })).toEqual({ ok: false, observation: 't reported an error:\nboom', images: [] });
    expect(readToolResult('t', { content: [], structuredContent: { n: 1 } }).observation).toBe('{\n  "n": 1\n}');
    expect(readToolResult('t', {}).observation).toBe('(no output)');
    expect(readToolResult('t', { content: [{ type: 'text', text: long }] }).observation).toBe(`${'a'.repeat(5_000)}\n[… 2000 characters cut …]\n${'b'.repeat(5_000)}`);
    expect(readToolResult('t', { content: [{ type: 'image', data: 'AAAA', mimeType: 'image/svg+xml' }] })).toEqual({
      ok: true,
      observation: '[image: image/svg+xml, 3 bytes, not kept: only png, jpeg, gif and webp are]',
      images: [],
    });
  });

  it('keeps images up to 256 KB, four of a result, and names the others with their size', () => {
    const png = (bytes: number) => ({ type: 'image', mimeType: 'image/png', data: Buffer.alloc(bytes, 7).toString('base64') });
    const fits = png(256 * 1024);
    const result = readToolResult('t', { content: [png(256 * 1024 + 1), fits, png(2_000), png(3), png(4), png(5), { type: 'image', mimeType: 'image/png', data: '' }] });
    expect(result).toEqual({
      ok: true,
      observation: [
        '[image: image/png, 256 KB, not kept: larger than 256 KB]',
        '[image: image/png, 256 KB, shown to the person]',
        '[image: image/png, 2 KB, shown to the person]',
        '[image: image/png, 3 bytes, shown to the person]',
        '[image: image/png, 4 bytes, shown to the person]',
        '[image: image/png, 5 bytes, not kept: only 4 images of a result are]',
        '[image: image/png, 0 bytes, not kept: empty]',
      ].join('\n'),
      images: [fits, png(2_000), png(3), png(4)].map((b) => ({ mime_type: 'image/png', data: b.data })),
    });
    expect([sizeOf(1023), sizeOf(1024), sizeOf(5 * 1024 * 1024 + 100_000)]).toEqual(['1023 bytes', '1 KB', '5.1 MB']);
  });
});
