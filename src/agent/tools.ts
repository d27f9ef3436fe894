/**
 * Runs the sandbox tools (terminal and files) on the Sandbox port and says what happened in words the model
 * can act on. `ask_human` and `finish` are the loop's own. A failed command is an observation, not an error.
 */
import type { ExecResult } from '../core/exec';
import type { BuiltinToolName } from '../core/builtin-tools';
import { CancelledError } from '../core/errors';
import { REFLECT_ON_FAILURE } from '../core/guidance';
import type { AgentSandbox, FileEntry, ProcessInfo } from '../sandbox/sandbox';
import { truncateMiddle } from './context';
import { startProcessTool, type ProcessWatch } from './process-watch';
import type { ToolOutcome } from './tool-outcome';

export { toolSchema, toolSchemas, validateCall, type Validated } from './tool-schemas';
export type { ToolOutcome } from './tool-outcome';

/** What a tool needs to run. */
export interface ToolEnv {
  sandbox: AgentSandbox;
  signal: AbortSignal;
  /** Timeout of run_command when the model gives none. */
  commandTimeoutMs: number;
  /** Output as it arrives (terminal bytes). */
  onOutput: (data: string) => void;
  /** Watches background processes; told of the agent's own stops so they are not reported as news. */
  processes?: ProcessWatch;
}

/** Commands whose exit code 1 with nothing on stderr means "no" (no match, false, differs), not an error. */
const ANSWERING_COMMANDS = ['grep', 'egrep', 'fgrep', 'rg', 'test', '[', '[[', 'diff', 'cmp', 'comm', 'false'];

const REFLECT = REFLECT_ON_FAILURE;

/** Run one validated sandbox tool call. Throws only CancelledError (and bugs). */
export async function runSandboxTool(name: BuiltinToolName, args: Record<string, unknown>, env: ToolEnv): Promise<ToolOutcome> {
  try {
    return await dispatch(name, args, env);
  } catch (error) {
    if (env.signal.aborted) throw new CancelledError();
    const message = error instanceof Error ? error.message : String(error);
    // a command that crashes the shell is a failure to fix; a missing file is just an answer
    const crashed = name === 'run_command';
    return { ok: false, failed: crashed, observation: `${name} failed: ${message}${crashed ? `\n\n${REFLECT}` : ''}` };
  }
}

async function dispatch(name: BuiltinToolName, args: Record<string, unknown>, env: ToolEnv): Promise<ToolOutcome> {
  const { sandbox } = env;
  const str = (key: string) => args[key] as string;
  switch (name) {
    case 'run_command':
      return runCommand(str('command'), (args.timeout_ms as number | undefined) ?? env.commandTimeoutMs, env);
    case 'read_file':
      return readFileTool(await sandbox.readTextFile(str('path')), str('path'), args.offset as number | undefined, args.limit as number | undefined);
    case 'write_file':
      await sandbox.writeFile(str('path'), str('content'));
      return done(`Wrote ${str('content').length} characters to ${str('path')}.`);
    case 'edit_file':
      return editFile(sandbox, str('path'), str('old_string'), str('new_string'));
    case 'list_files':
      return done(formatListing(await sandbox.list(str('path') || undefined), str('path')));
    case 'start_process':
      return startProcessTool(sandbox, str('command'), { signal: env.signal, onOutput: env.onOutput });
    case 'process_output': {
      const out = await sandbox.processOutput(str('id'));
      return done(`Process ${out.id} (${out.command}): ${processState(out)}.\n${truncateMiddle(out.output) || '(no output yet)'}`);
    }
    case 'stop_process':
      env.processes?.expectStop(str('id'));
      await sandbox.stopProcess(str('id'));
      return done(`Stopped process ${str('id')}.`);
    default:
      throw new Error(`${name} is not a sandbox tool`);
  }
}

const done = (observation: string): ToolOutcome => ({ ok: true, failed: false, observation });

/**
 * read_file's observation: the whole file (cut in the middle when too long, with a hint to read ranges), or the
 * lines from `offset` (1-based) on, at most `limit` of them, followed by where they sit in the file.
 */
export function readFileTool(text: string, path: string, offset?: number, limit?: number): ToolOutcome {
  if (text === '') return done('(the file is empty)');
  if (offset === undefined && limit === undefined) {
    const shown = truncateMiddle(text);
    if (shown === text) return done(text);
    const lines = lineCount(text);
    return done(`${shown}\n[${path} has ${lines} lines and was cut in the middle: read_file with offset and limit reads a range of lines]`);
  }
  if ((offset !== undefined && offset < 1) || (limit !== undefined && limit < 1)) {
    return { ok: false, failed: false, observation: 'read_file: offset and limit must be 1 or more (offset is the 1-based first line).' };
  }
  const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const first = offset ?? 1;
  if (first > all.length) return done(`[${path} has ${all.length} lines: offset ${first} is past its end]`);
  const slice = all.slice(first - 1, limit === undefined ? undefined : first - 1 + limit);
  const last = first + slice.length - 1;
  const remaining = all.length - last;
  const where = `[lines ${first}–${last} of ${all.length}${remaining > 0 ? `; ${remaining} more: read_file with offset ${last + 1}` : ''}]`;
  return done(`${truncateMiddle(slice.join('\n'))}\n${where}`);
}

function lineCount(text: string): number {
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n').length;
}

async function runCommand(command: string, timeoutMs: number, env: ToolEnv): Promise<ToolOutcome> {
  const result = await env.sandbox.exec(command, { timeoutMs, signal: env.signal, onOutput: env.onOutput });
  if (env.signal.aborted) throw new CancelledError();
  const failed = result.timedOut || (result.exitCode !== 0 && !isAnswer(command, result));
  return {
    ok: result.exitCode === 0,
    failed,
    observation: commandObservation(result, failed, timeoutMs),
    exit_code: result.exitCode,
    duration_ms: result.durationMs,
    timed_out: result.timedOut,
  };
}

/** A grep/test/diff-style exit 1 with nothing on stderr: an answer ("no"), not an error. */
export function isAnswer(command: string, result: ExecResult): boolean {
  if (result.exitCode !== 1) return false;
  const words = command.split(/\|\|?|&&|;|\n|\(|\)|\bthen\b|\bif\b|!/).map((part) => part.trim().split(/\s+/)[0]);
  if (!words.some((word) => ANSWERING_COMMANDS.includes(word))) return false;
  if (result.stderr !== undefined) return result.stderr.trim() === '';
  return !/error|not found|no such file|cannot|invalid|permission denied/i.test(result.output);
}

function commandObservation(result: ExecResult, failed: boolean, timeoutMs: number): string {
  const lines: string[] = [];
  if (result.timedOut) {
    lines.push(`Exit code: ${result.exitCode} (timed out after ${timeoutMs} ms; the command was stopped)`);
  } else if (result.exitCode !== 0 && !failed) {
    lines.push(`Exit code: ${result.exitCode} (a "no" answer such as no match or a difference; not an error)`);
  } else lines.push(`Exit code: ${result.exitCode}`);
  const output = truncateMiddle(result.output);
  lines.push(output.trim() === '' ? '(no output)' : output.replace(/\n$/, ''));
  if (result.outputLost) lines.push('[Output printed before the stop was lost.]');
  if (result.droppedChars) lines.push(`[${result.droppedChars} characters of output were dropped by the sandbox.]`);
  if (failed) {
    lines.push('');
    if (result.timedOut) {
      lines.push(
        'The command did not finish in time. If it is a server or a watcher, run it with start_process; ' +
          'otherwise find out why it hangs, or give it a longer timeout_ms if it is just slow.',
      );
    } else if (result.exitCode === 127) {
      lines.push(`${REFLECT} Exit code 127 means the command does not exist in this sandbox: use what the sandbox has.`);
    } else lines.push(REFLECT);
  }
  return lines.join('\n');
}

async function editFile(sandbox: AgentSandbox, path: string, oldString: string, newString: string): Promise<ToolOutcome> {
  if (oldString === '') {
    return { ok: false, failed: false, observation: 'edit_file needs a non-empty old_string. To create or overwrite a file, use write_file.' };
  }
  const text = await sandbox.readTextFile(path);
  const count = text.split(oldString).length - 1;
  if (count !== 1) {
    const observation =
      count === 0
        ? `edit_file: old_string was not found in ${path}. Nothing was changed. Read the file and copy the exact text to replace, whitespace and indentation included.`
        : `edit_file: old_string matches ${count} places in ${path}. Nothing was changed. Include more of the surrounding lines so that it matches exactly once.`;
    return { ok: false, failed: false, observation };
  }
  const at = text.indexOf(oldString);
  await sandbox.writeFile(path, text.slice(0, at) + newString + text.slice(at + oldString.length));
  return done(`Edited ${path}: replaced 1 occurrence.`);
}

const HIDDEN_DIRS = ['node_modules', '.git'];
const MAX_ENTRIES = 500;

function formatListing(entries: FileEntry[], dir: string | undefined): string {
  const visible = entries.filter((entry) => {
    const parts = entry.path.split('/');
    return !parts.slice(0, -1).some((part) => HIDDEN_DIRS.includes(part));
  });
  if (visible.length === 0) return `(no files in ${dir || 'the work dir'})`;
  const lines = visible.slice(0, MAX_ENTRIES).map((e) => (e.type === 'dir' ? `${e.path}/` : e.size === undefined ? e.path : `${e.path} (${e.size} bytes)`));
  if (visible.length > MAX_ENTRIES) lines.push(`[… and ${visible.length - MAX_ENTRIES} more entries]`);
  return lines.join('\n');
}

function processState(info: ProcessInfo): string {
  return info.running ? 'running' : `exited with code ${info.exitCode ?? '?'}`;
}
