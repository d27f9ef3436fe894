/** Short human descriptions of tool calls, requests and answers for the timeline. */
import type { HumanRequest } from '../../core/events';
import { argsOf, commandOf, describeCall, type ParsedCall } from '../../core/tool-call';

function field(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
}

/** A tool card's title: what the call does (core's describeCall), `$ ` before a command; finish's card shows its summary instead. */
export function callTitle(parsed: ParsedCall): string {
  if (parsed.call.name === 'finish') return '';
  const text = describeCall(parsed);
  return commandOf(parsed) === undefined ? text : `$ ${text}`;
}

/** A tool's arguments as text to show in full (the model's text when it is no JSON object). */
export function argumentsText(parsed: ParsedCall): string {
  const { name } = parsed.call;
  const args = argsOf(parsed);
  if (!args) return parsed.call.arguments;
  const command = commandOf(parsed);
  if (command !== undefined) return `$ ${command}`;
  if (name === 'write_file') return field(args, 'content') ?? '';
  if (name === 'edit_file') {
    const minus = (field(args, 'old_string') ?? '').replace(/^/gm, '- ');
    const plus = (field(args, 'new_string') ?? '').replace(/^/gm, '+ ');
    return `${minus}\n${plus}`;
  }
  return JSON.stringify(args, null, 2);
}

/** What a waiting run asks, in a sentence. */
export function describeRequest(request: HumanRequest): string {
  switch (request.kind) {
    case 'approval':
      return `Approval needed (${request.verdict.level} risk) for ${request.tool}: ${request.action}`;
    case 'question':
      return `The agent asks: ${request.question}`;
    case 'raise':
      return request.message;
  }
}

/** A person's answer, in a sentence. */
export function describeAnswer(answer: unknown): string {
  if (!answer || typeof answer !== 'object') return `Answered: ${String(answer)}`;
  const a = answer as Record<string, unknown>;
  if (a.approve === true) return typeof a.command === 'string' ? `Approved, as: ${a.command}` : 'Approved';
  if (a.approve === false) return typeof a.note === 'string' && a.note ? `Denied: ${a.note}` : 'Denied';
  if (typeof a.reply === 'string') return `Replied: ${a.reply}`;
  if (typeof a.note === 'string') return `Note to the agent: ${a.note}`;
  if (a.raise && typeof a.raise === 'object') {
    const limits = Object.entries(a.raise).map(([key, value]) => `${key} ${String(value)}`);
    return `Raised the limits: ${limits.join(', ')}`;
  }
  return `Answered: ${JSON.stringify(answer)}`;
}

/** Shown output is cut here; the rest is counted. */
export const SHOWN_CHARS = 20_000;

/** Text cut for display, saying how much was left out. */
export function clip(text: string, max = SHOWN_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… ${text.length - max} more characters`;
}
