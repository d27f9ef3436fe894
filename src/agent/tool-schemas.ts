/**
 * The run's tools as the model sees them (from the catalogue in core), and the check of each call against
 * them: a bad call becomes a message the model can act on.
 */
import { argumentProblems, argumentsUsage } from '../core/tool-arguments';
import type { ToolCatalogue, ToolSpec } from '../core/tool-catalogue';
import { parseArguments, type ParsedArguments, type ToolArgs, type ToolCall } from '../core/tool-call';
import type { ToolSchema } from './messages';

/** A tool as the chat.completions API takes it. */
export function toolSchema(spec: ToolSpec): ToolSchema {
  return { type: 'function', function: { name: spec.name, description: spec.description, parameters: spec.parameters } };
}

/** The schemas of a run's tools, byte-identical at every step (prompt caching). */
export function toolSchemas(tools: ToolCatalogue): ToolSchema[] {
  return tools.specs.map(toolSchema);
}

/** A call's arguments, checked; or what is wrong with them, said for the model. */
export type Validated = { ok: true; spec: ToolSpec; args: ToolArgs } | { ok: false; message: string };

/** Check a call against the run's tools; `parsed`: its arguments, when they were parsed already. */
export function validateCall(call: ToolCall, tools: ToolCatalogue, parsed: ParsedArguments = parseArguments(call.arguments)): Validated {
  const { name } = call;
  const spec = tools.get(name);
  if (!spec) return { ok: false, message: `Unknown tool "${name}". The tools you can call are: ${tools.names.join(', ')}.` };
  if (!parsed.ok && parsed.problem === 'not_json') {
    return { ok: false, message: `The arguments of ${name} are not valid JSON (${parsed.message}). Call ${name} again with a JSON object of arguments.` };
  }
  if (!parsed.ok) return { ok: false, message: `The arguments of ${name} must be a JSON object, like {${argumentsUsage(spec.parameters)}}.` };
  const problems = argumentProblems(spec.parameters, parsed.args);
  if (problems.length) {
    return { ok: false, message: `Invalid call to ${name}: ${problems.join('; ')}. Expected arguments: {${argumentsUsage(spec.parameters)}}.` };
  }
  return { ok: true, spec, args: parsed.args };
}
