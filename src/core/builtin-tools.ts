/** The contract's tools (DESIGN, "Tools the model sees"): names and argument names are part of the contract. */
import { ToolCatalogue, type ArgumentsSchema, type JsonSchema, type ToolSpec } from './tool-catalogue';
import { WORKDIR } from './workdir';

const string = (description: string): JsonSchema => ({ type: 'string', description });
const integer = (description: string): JsonSchema => ({ type: 'integer', description });

/** An object schema: `required` lists every property but the optional ones. */
function args(properties: Record<string, JsonSchema>, optional: string[] = []): ArgumentsSchema {
  return { type: 'object', properties, required: Object.keys(properties).filter((name) => !optional.includes(name)) };
}

const PATH = string(`File path, relative to the work dir ${WORKDIR}.`);
const PROCESS_ID = string('The id start_process returned.');

/** Every built-in tool's name. */
export type BuiltinToolName =
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

/** The built-in tools, in the order the model sees them. */
export const BUILTIN_TOOL_SPECS: readonly (ToolSpec & { name: BuiltinToolName })[] = [
  {
    name: 'run_command',
    group: 'terminal',
    description:
      'Run one bash command in the sandbox and wait for it to end. The working directory and exported ' +
      'variables persist between calls, as in a terminal. Returns the exit code and the output. Never end a ' +
      'command with `&`: use start_process for servers and watchers.',
    parameters: args(
      {
        command: string('The command line (pipes, redirects and heredocs work).'),
        timeout_ms: integer('Stop the command after this many milliseconds.'),
      },
      ['timeout_ms'],
    ),
    main: 'command',
    risk: 'command',
    changesFiles: false,
  },
  {
    name: 'start_process',
    group: 'terminal',
    description:
      'Start a long-running command (a dev server, a watcher) that keeps running while you do other things. ' +
      'Returns its id; read its output with process_output and stop it with stop_process.',
    parameters: args({ command: string('The command line to start.') }),
    main: 'command',
    risk: 'process',
    changesFiles: false,
  },
  {
    name: 'process_output',
    group: 'terminal',
    description: 'The recent output of a process started with start_process, and whether it still runs.',
    parameters: args({ id: PROCESS_ID }),
    main: 'id',
    risk: 'read',
    changesFiles: false,
  },
  {
    name: 'stop_process',
    group: 'terminal',
    description: 'Stop a process started with start_process.',
    parameters: args({ id: PROCESS_ID }),
    main: 'id',
    risk: 'process_control',
    changesFiles: false,
  },
  {
    name: 'read_file',
    group: 'files',
    description:
      'Read a text file. For a long file, read a range of lines: offset is the first line (1-based), limit how ' +
      'many lines; the result says how many lines remain.',
    parameters: args(
      {
        path: PATH,
        offset: integer('First line to read (1-based; default 1).'),
        limit: integer('How many lines to read (default: to the end).'),
      },
      ['offset', 'limit'],
    ),
    main: 'path',
    risk: 'read',
    changesFiles: false,
  },
  {
    name: 'write_file',
    group: 'files',
    description: 'Create or overwrite a file with the given content (parent directories are created).',
    parameters: args({ path: PATH, content: string('The whole new content of the file.') }),
    main: 'path',
    risk: 'file_change',
    changesFiles: true,
  },
  {
    name: 'edit_file',
    group: 'files',
    description:
      'Replace one exact piece of a file. old_string must appear exactly once in the file (copy it exactly, ' +
      'whitespace included, with enough surrounding lines to make it unique).',
    parameters: args({
      path: PATH,
      old_string: string('The exact text to replace; it must match exactly once.'),
      new_string: string('The text to put in its place.'),
    }),
    main: 'path',
    risk: 'file_change',
    changesFiles: true,
  },
  {
    name: 'list_files',
    group: 'files',
    description: 'List the files under a directory, recursively (node_modules and .git are not descended).',
    parameters: args({ path: string(`Directory relative to ${WORKDIR}; default: the work dir.`) }, ['path']),
    main: 'path',
    mainDefault: '.',
    risk: 'read',
    changesFiles: false,
  },
  {
    name: 'ask_human',
    group: 'human',
    description:
      'Ask the person a question and wait for the reply. Only when you cannot go on without their decision ' +
      'or information; do not ask for permission to do the task you were given.',
    parameters: args({ question: string('The question, self-contained.') }),
    main: 'question',
    risk: 'person',
    changesFiles: false,
  },
  {
    name: 'finish',
    group: 'always',
    description:
      'End the task. Call it once the task is done (or cannot be done), with a summary of what you did and ' +
      'what you found, and any outputs the task asked for.',
    parameters: args(
      {
        summary: string('What was done, and the result.'),
        outputs: { type: 'object', description: 'Named results the task asked for (e.g. {"answer": 42, "files": ["a.txt"]}).' },
      },
      ['outputs'],
    ),
    main: 'summary',
    risk: 'person',
    changesFiles: false,
  },
];

/** The catalogue of the built-in tools; a run with tools from elsewhere (MCP) extends it with `withTools`. */
export const BUILTIN_TOOLS = new ToolCatalogue(BUILTIN_TOOL_SPECS);

/** True for the name of a built-in tool. */
export function isBuiltinTool(name: string): name is BuiltinToolName {
  return BUILTIN_TOOL_SPECS.some((spec) => spec.name === name);
}
