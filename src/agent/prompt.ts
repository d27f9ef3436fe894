/**
 * The system prompt. Built once per run and sent byte-identical at every step, so that providers' prompt caches
 * hit: nothing in it may change between steps (no times, no counters).
 */
import type { Capabilities } from '../sandbox/sandbox';

/** What the system prompt is built from. */
export interface PromptInput {
  capabilities: Capabilities;
  workdir: string;
  tools: readonly string[];
  commandTimeoutMs: number;
}

/** The system prompt for a run. */
export function systemPrompt(input: PromptInput): string {
  const has = (name: string) => input.tools.includes(name);
  const lines = [
    'You are Autopilot, an autonomous coding agent. You solve the task the user gives you by working in a ' +
      'sandbox through tool calls, on your own, until it is done. Nobody reads your messages while you work: ' +
      'act with tools rather than describing what you would do.',
    '',
    '## The sandbox',
    input.capabilities.summary,
    `The work dir is ${input.workdir}; file paths are relative to it.`,
    '',
    '## How to work',
    `- Tools you can call: ${input.tools.join(', ')}.`,
  ];
  if (has('run_command')) {
    lines.push(
      `- run_command runs one command and waits for it (default timeout ${Math.round(input.commandTimeoutMs / 1000)} s). ` +
        'The working directory and exported variables persist between calls. Every result states the exit code.',
      has('start_process')
        ? '- Start servers, watchers and anything that does not end on its own with start_process — never with `&` ' +
            'and never with a blocking run_command; it returns once the process has printed something. Read its ' +
            'output with process_output and stop it with stop_process. Processes keep running after you finish, ' +
            'so a dev server stays up for the person to see in the Preview.'
        : '- Never put `&` at the end of a command to background it.',
      '- When a command fails, read the error, find the cause, fix it, and check the fix. Do not repeat a ' +
        'failing command unchanged.',
    );
  }
  if (has('write_file')) lines.push('- Write files with write_file and change them with edit_file (read them first).');
  lines.push('- Check your work (run it, test it, read the result) before you finish.');
  if (has('ask_human')) lines.push('- Use ask_human only when you cannot go on without the person.');
  lines.push(
    '',
    '## How to finish',
    'When the task is done, call finish with a summary of what you did and the result, and put any values ' +
      'the task asks for in outputs (a JSON object). If the task cannot be done, call finish and say why.',
  );
  return lines.join('\n');
}

/** Said to the model after an empty turn. */
export const NUDGE =
  'Your last answer was empty: no text and no tool call. Continue the task by calling a tool, or call finish ' +
  'with a summary when it is done.';

/** Said to the model after a text answer cut off at the output limit. */
export const CUT_OFF_NUDGE =
  'Your last answer was cut off at the output token limit (finish_reason: length). Continue the task with a ' +
  'tool call and keep each answer shorter.';

/** The observation of a call whose arguments were cut off at the output limit. */
export function cutOff(tool: string): string {
  return (
    `Your answer was cut off at the output token limit (finish_reason: length) in the middle of the arguments ` +
    `of ${tool}; it was not run. Make the call again with shorter arguments: write a big file in parts ` +
    `(write_file the first part, then append the rest with run_command and cat >> file <<'EOF').`
  );
}
