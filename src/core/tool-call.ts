/**
 * A tool call's arguments, parsed once where the call starts and carried on its `tool_call` event; a tool's
 * result as the model sees it; and the one-line description of a call that the API and the page show.
 */
import { KNOWN_TOOLS } from './builtin-tools';
import type { ToolCatalogue } from './tool-catalogue';

/** A tool call as the model made it; `arguments` is the raw JSON text the model sent (and is sent back as is). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A call's arguments as a JSON object. */
export type ToolArgs = Record<string, unknown>;

/** The model's arguments text, parsed: the object, or why it is not one (said for the model). */
export type ParsedArguments = { ok: true; args: ToolArgs } | { ok: false; problem: 'not_json' | 'not_object'; message: string };

/** Parses a call's arguments text; an empty text is `{}` (some servers send nothing for a tool without arguments). */
export function parseArguments(text: string): ParsedArguments {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'not_json', message: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, args: value as ToolArgs };
  return { ok: false, problem: 'not_object', message: 'not a JSON object' };
}

/** A call with its arguments parsed (undefined: not a JSON object), as the `tool_call` event carries them. */
export interface ParsedCall {
  call: ToolCall;
  args?: ToolArgs;
}

/**
 * The parsed arguments of a call as a `tool_call` event carries it: its `args`, or — for events stored before
 * they carried them — its arguments text parsed now. Undefined when the model's arguments are not a JSON object.
 */
export function argsOf(parsed: ParsedCall): ToolArgs | undefined {
  if (parsed.args) return parsed.args;
  const again = parseArguments(parsed.call.arguments);
  return again.ok ? again.args : undefined;
}

/** A tool's result as the model will see it (the `tool_result` event carries these fields). */
export interface ToolResult {
  ok: boolean;
  observation: string;
  exit_code?: number;
  duration_ms?: number;
  /** The command ran past its timeout and was stopped. */
  timed_out?: boolean;
  /** Images the tool returned (an MCP tool's): shown to the person; the model reads that they were there. */
  images?: ToolImage[];
}

/** An image a tool returned: png, jpeg, gif or webp, base64. */
export interface ToolImage {
  mime_type: string;
  data: string;
}

/** Descriptions are cut to this many characters. */
export const DESCRIPTION_CHARS = 160;

/**
 * What a call does, in one line: its main argument (the command, the path, the question), or its arguments
 * when the tool names none (or the catalogue does not know it), or the model's text when that is no JSON
 * object. Whitespace runs become one space; cut at DESCRIPTION_CHARS with `…`.
 */
export function describeCall(parsed: ParsedCall, catalogue: ToolCatalogue = KNOWN_TOOLS): string {
  const { call } = parsed;
  const args = argsOf(parsed);
  if (!args) return oneLine(call.arguments);
  const spec = catalogue.get(call.name);
  if (!spec?.main) return oneLine(Object.keys(args).length ? JSON.stringify(args) : '');
  const value = args[spec.main];
  if (value === undefined || value === null || value === '') return spec.mainDefault ?? '';
  return oneLine(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The main argument of a call when it is a shell command (run_command, start_process), whole. */
export function commandOf(parsed: ParsedCall, catalogue: ToolCatalogue = KNOWN_TOOLS): string | undefined {
  if (catalogue.get(parsed.call.name)?.main !== 'command') return undefined;
  const command = argsOf(parsed)?.command;
  return typeof command === 'string' ? command : undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > DESCRIPTION_CHARS ? `${line.slice(0, DESCRIPTION_CHARS - 1)}…` : line;
}
