/** A tool from outside the built-in set (as an MCP server's arrives at run time): given, checked, gated, run. */
import { afterAll, describe, expect, it } from 'vitest';
import type { ToolSpec } from '../../../src/core';
import type { ExternalTool } from '../../../src/agent/loop';
import { call, closeAll, finish, runScripted } from './harness';

afterAll(closeAll);

const spec: ToolSpec = {
  name: 'mcp__calc__add',
  group: 'terminal',
  description: 'Add two numbers.',
  parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
  risk: 'outbound',
  changesFiles: false,
};

describe('external tools', () => {
  it('are offered with their own schema, checked against it, rated with parsed arguments, and run', async () => {
    const ran: unknown[] = [];
    const rated: unknown[] = [];
    const add: ExternalTool = {
      spec,
      async run(args, { onOutput }) {
        ran.push(args);
        onOutput('adding\n');
        return { ok: true, observation: String((args.a as number) + (args.b as number)) };
      },
    };
    const run = await runScripted([call('mcp__calc__add', { a: 1, b: 'two' }), call('mcp__calc__add', { a: 1, b: 2 }, 'ok1'), finish('3')], {
      config: { tools: ['terminal'] },
      deps: { externalTools: [add], assessRisk: async (c, args) => (rated.push([c.name, args]), { level: 'none', reasons: [] }) },
    });
    const sent = (run.server.requests[0].body.tools as { function: { name: string; parameters: unknown } }[]).map((t) => t.function.name);
    expect([run.outcome.status, sent, ran, rated, run.toolMessages(2)]).toEqual([
      'completed',
      ['run_command', 'start_process', 'process_output', 'stop_process', 'finish', 'mcp__calc__add'],
      [{ a: 1, b: 2 }],
      [['mcp__calc__add', { a: 1, b: 2 }]],
      ['Invalid call to mcp__calc__add: "b" must be a number, not "two". Expected arguments: {"a": number, "b": number}.', '3'],
    ]);
    expect(run.events.filter((e) => e.type === 'tool_output')).toEqual([{ type: 'tool_output', call_id: 'ok1', data: 'adding\n' }]);
  });

  it('are not offered when their group is not given', async () => {
    const add: ExternalTool = { spec, run: async () => ({ ok: true, observation: '' }) };
    const run = await runScripted([finish('none')], { config: { tools: ['files'] }, deps: { externalTools: [add] } });
    const sent = (run.server.requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(sent).toEqual(['read_file', 'write_file', 'edit_file', 'list_files', 'finish']);
  });
});
