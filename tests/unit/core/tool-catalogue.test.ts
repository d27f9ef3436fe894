/** The tool catalogue: built-in and run-time tools, arguments parsed once, one description of a call. */
import { describe, expect, it } from 'vitest';
import {
  argumentProblems,
  argumentsUsage,
  argsOf,
  BUILTIN_TOOLS,
  describeCall,
  parseArguments,
  resolveToolGroups,
  ToolCatalogue,
  type ToolSpec,
} from '../../../src/core';

/** A tool as an MCP server describes it (its own schema, its own group). */
const search: ToolSpec = {
  name: 'mcp__docs__search',
  group: 'mcp',
  description: 'Search the docs.',
  parameters: {
    type: 'object',
    properties: { query: { type: 'string' }, limit: { type: ['integer', 'null'] }, tags: { type: 'array', items: { type: 'string' } }, exact: { type: 'boolean' } },
    required: ['query'],
  },
  main: 'query',
  risk: 'outbound',
  changesFiles: false,
};

describe('the tool catalogue', () => {
  it('gives the tools of the groups asked for, finish always, in a fixed order; run-time tools come after', () => {
    expect([
      BUILTIN_TOOLS.inGroups(['files']).names,
      BUILTIN_TOOLS.inGroups([]).names,
      BUILTIN_TOOLS.withTools([search]).inGroups(['human', 'mcp']).names,
      BUILTIN_TOOLS.withTools([search]).inGroups(['human']).names,
    ]).toEqual([
      ['read_file', 'write_file', 'edit_file', 'list_files', 'finish'],
      ['finish'],
      ['ask_human', 'finish', 'mcp__docs__search'],
      ['ask_human', 'finish'],
    ]);
  });

  it('refuses a name given twice or one the model APIs refuse', () => {
    expect(() => BUILTIN_TOOLS.withTools([{ ...search, name: 'run_command' }])).toThrow('Tool run_command is in the catalogue twice.');
    expect(() => new ToolCatalogue([{ ...search, name: 'mcp docs/search' }])).toThrow('Tool name "mcp docs/search" is not one the model APIs accept');
  });

  it('says which tools change files and which argument says what a call does', () => {
    const files = BUILTIN_TOOLS.specs.filter((spec) => spec.changesFiles).map((spec) => spec.name);
    const mains = Object.fromEntries(BUILTIN_TOOLS.specs.map((spec) => [spec.name, spec.main]));
    expect([files, mains]).toEqual([
      ['write_file', 'edit_file'],
      {
        run_command: 'command',
        start_process: 'command',
        process_output: 'id',
        stop_process: 'id',
        read_file: 'path',
        write_file: 'path',
        edit_file: 'path',
        list_files: 'path',
        ask_human: 'question',
        finish: 'summary',
      },
    ]);
  });

  it('resolves the seed names to groups', () => {
    expect([resolveToolGroups(['ubuntu_terminal', 'python_interpreter', 'human']), resolveToolGroups(['web_browser'])]).toEqual([['terminal', 'files', 'human'], undefined]);
  });
});

describe('arguments', () => {
  it('are parsed once into an object, or say why they are not one', () => {
    expect([parseArguments('{"a":1}'), parseArguments(' '), parseArguments('[1]'), parseArguments('{"a":')]).toEqual([
      { ok: true, args: { a: 1 } },
      { ok: true, args: {} },
      { ok: false, problem: 'not_object', message: 'not a JSON object' },
      { ok: false, problem: 'not_json', message: expect.stringMatching(/JSON/) },
    ]);
  });

  it('are taken from the event when it carries them, else parsed from the text (events stored before)', () => {
    const call = { id: 'c', name: 'run_command', arguments: '{"command":"ls"}' };
    expect([argsOf({ call, args: { command: 'pwd' } }), argsOf({ call }), argsOf({ call: { ...call, arguments: 'ls' } })]).toEqual([
      { command: 'pwd' },
      { command: 'ls' },
      undefined,
    ]);
  });

  it('are checked against any tool schema: required, JSON types (unions too), unknown keys', () => {
    expect([
      argumentProblems(search.parameters, { query: 'x', limit: null, tags: ['a'], exact: true }),
      argumentProblems(search.parameters, { limit: 1.5, tags: 'a', exact: 'yes', other: 1 }),
      argumentProblems({ ...search.parameters, additionalProperties: true }, { query: 'x', other: 1 }),
      argumentsUsage(search.parameters),
    ]).toEqual([
      [],
      [
        'missing "query"',
        '"limit" must be an integer or a null, not 1.5',
        '"tags" must be an array, not "a"',
        '"exact" must be a boolean, not "yes"',
        'unknown argument "other"',
      ],
      [],
      '"query": string, "limit"?: integer | null, "tags"?: array, "exact"?: boolean',
    ]);
  });
});

describe('describeCall', () => {
  const call = (name: string, args: Record<string, unknown>) => ({ call: { id: 'c', name, arguments: JSON.stringify(args) }, args });
  it('says what a call does in one line: its main argument, its default, its arguments, or the model text', () => {
    const catalogue = BUILTIN_TOOLS.withTools([search]);
    expect([
      describeCall(call('run_command', { command: 'npm   test\n  --watch' })),
      describeCall(call('list_files', {})),
      describeCall(call('finish', { summary: 'Done.' })),
      describeCall(call('mcp__docs__search', { query: 'streams' }), catalogue),
      describeCall(call('mcp__docs__search', { query: 'streams' })),
      describeCall({ call: { id: 'c', name: 'write_file', arguments: '{"path": "a.ts",\n "content": ' } }),
      describeCall(call('run_command', { command: 'x'.repeat(200) })).length,
    ]).toEqual(['npm test --watch', '.', 'Done.', 'streams', '{"query":"streams"}', '{"path": "a.ts", "content":', 160]);
  });
});
