/**
 * The tools the model sees (names and argument names are part of the contract), their JSON schemas, and the
 * validation of the arguments the model sends: a bad call becomes a message the model can act on.
 */
import type { ToolGroup } from '../core/run';
import { WORKDIR } from '../sandbox/sandbox';
import type { ToolSchema } from './messages';

type ParamType = 'string' | 'integer' | 'object';

interface Param {
  type: ParamType;
  description: string;
  optional?: boolean;
}

interface ToolDef {
  name: ToolName;
  group: ToolGroup | 'always';
  description: string;
  params: Record<string, Param>;
}

/** Every tool name of the contract. */
export type ToolName =
  | 'run_command'
  | 'start_process'
  | 'process_output'
  | 'stop_process'
  | 'read_file'
  | 'write_file'
  | 'edit_file'
  | 'list_files'
  | 'ask_human'
  | 'finish';

const PATH: Param = { type: 'string', description: `File path, relative to the work dir ${WORKDIR}.` };

const DEFS: ToolDef[] = [
  {
    name: 'run_command',
    group: 'terminal',
    description:
      'Run one bash command in the sandbox and wait for it to end. The working directory and exported ' +
      'variables persist between calls, as in a terminal. Returns the exit code and the output. Never end a ' +
      'command with `&`: use start_process for servers and watchers.',
    params: {
      command: { type: 'string', description: 'The command line (pipes, redirects and heredocs work).' },
      timeout_ms: { type: 'integer', description: 'Stop the command after this many milliseconds.', optional: true },
    },
  },
  {
    name: 'start_process',
    group: 'terminal',
    description:
      'Start a long-running command (a dev server, a watcher) that keeps running while you do other things. ' +
      'Returns its id; read its output with process_output and stop it with stop_process.',
    params: { command: { type: 'string', description: 'The command line to start.' } },
  },
  {
    name: 'process_output',
    group: 'terminal',
    description: 'The recent output of a process started with start_process, and whether it still runs.',
    params: { id: { type: 'string', description: 'The id start_process returned.' } },
  },
  {
    name: 'stop_process',
    group: 'terminal',
    description: 'Stop a process started with start_process.',
    params: { id: { type: 'string', description: 'The id start_process returned.' } },
  },
  {
    name: 'read_file',
    group: 'files',
    description:
      'Read a text file. For a long file, read a range of lines: offset is the first line (1-based), limit how ' +
      'many lines; the result says how many lines remain.',
    params: {
      path: PATH,
      offset: { type: 'integer', description: 'First line to read (1-based; default 1).', optional: true },
      limit: { type: 'integer', description: 'How many lines to read (default: to the end).', optional: true },
    },
  },
  {
    name: 'write_file',
    group: 'files',
    description: 'Create or overwrite a file with the given content (parent directories are created).',
    params: { path: PATH, content: { type: 'string', description: 'The whole new content of the file.' } },
  },
  {
    name: 'edit_file',
    group: 'files',
    description:
      'Replace one exact piece of a file. old_string must appear exactly once in the file (copy it exactly, ' +
      'whitespace included, with enough surrounding lines to make it unique).',
    params: {
      path: PATH,
      old_string: { type: 'string', description: 'The exact text to replace; it must match exactly once.' },
      new_string: { type: 'string', description: 'The text to put in its place.' },
    },
  },
  {
    name: 'list_files',
    group: 'files',
    description: 'List the files under a directory, recursively (node_modules and .git are not descended).',
    params: { path: { ...PATH, description: `Directory relative to ${WORKDIR}; default: the work dir.`, optional: true } },
  },
  {
    name: 'ask_human',
    group: 'human',
    description:
      'Ask the person a question and wait for the reply. Only when you cannot go on without their decision ' +
      'or information; do not ask for permission to do the task you were given.',
    params: { question: { type: 'string', description: 'The question, self-contained.' } },
  },
  {
    name: 'finish',
    group: 'always',
    description:
      'End the task. Call it once the task is done (or cannot be done), with a summary of what you did and ' +
      'what you found, and any outputs the task asked for.',
    params: {
      summary: { type: 'string', description: 'What was done, and the result.' },
      outputs: {
        type: 'object',
        description: 'Named results the task asked for (e.g. {"answer": 42, "files": ["a.txt"]}).',
        optional: true,
      },
    },
  },
];

const BY_NAME = new Map(DEFS.map((def) => [def.name, def]));

function schemaOf(def: ToolDef): ToolSchema {
  const properties = Object.fromEntries(
    Object.entries(def.params).map(([name, p]) => [name, { type: p.type, description: p.description }]),
  );
  const required = Object.entries(def.params)
    .filter(([, p]) => !p.optional)
    .map(([name]) => name);
  return {
    type: 'function',
    function: { name: def.name, description: def.description, parameters: { type: 'object', properties, required } },
  };
}

/** The tool names given to the model for these groups (`finish` always), in a fixed order. */
export function toolNames(groups: readonly ToolGroup[]): ToolName[] {
  return DEFS.filter((def) => def.group === 'always' || groups.includes(def.group)).map((def) => def.name);
}

/** The tool schemas for these groups, byte-identical for the same groups (prompt caching). */
export function toolSchemas(groups: readonly ToolGroup[]): ToolSchema[] {
  return toolNames(groups).map((name) => schemaOf(BY_NAME.get(name) as ToolDef));
}

/** A call's arguments, checked; or what is wrong with them, said for the model. */
export type Validated = { ok: true; name: ToolName; args: Record<string, unknown> } | { ok: false; message: string };

/** Check a call against the tools the model was given. */
export function validateCall(name: string, rawArguments: string, allowed: readonly ToolName[]): Validated {
  const def = BY_NAME.get(name as ToolName);
  if (!def || !allowed.includes(def.name)) {
    return { ok: false, message: `Unknown tool "${name}". The tools you can call are: ${allowed.join(', ')}.` };
  }
  let args: unknown;
  try {
    args = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The arguments of ${name} are not valid JSON (${why}). Call ${name} again with a JSON object of arguments.` };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { ok: false, message: `The arguments of ${name} must be a JSON object, like {${usage(def)}}.` };
  }
  const problems = paramProblems(def, args as Record<string, unknown>);
  if (problems.length) {
    return { ok: false, message: `Invalid call to ${name}: ${problems.join('; ')}. Expected arguments: {${usage(def)}}.` };
  }
  return { ok: true, name: def.name, args: args as Record<string, unknown> };
}

function paramProblems(def: ToolDef, args: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, param] of Object.entries(def.params)) {
    const value = args[key];
    if (value === undefined || value === null) {
      if (!param.optional) problems.push(`missing "${key}"`);
    } else if (!hasType(value, param.type)) {
      problems.push(`"${key}" must be ${param.type === 'integer' ? 'an integer' : `a ${param.type}`}, not ${JSON.stringify(value).slice(0, 40)}`);
    }
  }
  for (const key of Object.keys(args)) {
    if (!(key in def.params)) problems.push(`unknown argument "${key}"`);
  }
  return problems;
}

function hasType(value: unknown, type: ParamType): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'object') return typeof value === 'object' && !Array.isArray(value);
  return typeof value === type;
}

function usage(def: ToolDef): string {
  return Object.entries(def.params)
    .map(([key, p]) => `"${key}"${p.optional ? '?' : ''}: ${p.type}`)
    .join(', ');
}
