// The rules' entry points: rate a shell command, or any tool call of the contract.
import type { RiskVerdict, ToolCall } from '../core/events';
import type { SecretRegistry } from '../core/secrets';
import { parseArguments } from '../core/tool-call';
import { rateOutbound } from './channels';
import { CommandWalk, TooComplexError } from './analyze';
import { loadShellParser, type ShellParser } from './parse';
import { place, resolvePath, WORK_DIR } from './paths';
import { rootScope } from './scope';
import { maxLevel, verdictOf } from './verdict';

/** A tool call to rate: the tool's name and its parsed arguments. */
export interface RiskAction {
  name: string;
  args: Record<string, unknown>;
}

/**
 * What the loop knows about the work dir, for rating file tools. Paths are as `normalizeWorkPath` gives
 * them (relative to the work dir). `exists` may answer undefined (unknown) or asynchronously.
 */
export interface RiskContext {
  createdThisRun: ReadonlySet<string>;
  exists(path: string): boolean | undefined | Promise<boolean | undefined>;
}

/** Options of a rating. */
export interface RateOptions {
  context?: RiskContext;
  signal?: AbortSignal;
  /** The page's secrets: a pull request, MCP call or webhook that carries one is high. */
  secrets?: SecretRegistry;
}

/** Rates an action before it runs. `risk` (the rules) and `withGuard(...)` both have this shape. */
export type RiskRater = (action: RiskAction, options?: RateOptions) => Promise<RiskVerdict>;

/** Rates one shell command with a loaded parser (synchronous: parse once, walk once). */
export function rateCommandWith(parser: ShellParser, command: string): RiskVerdict {
  const analysis = new CommandWalk(parser);
  try {
    analysis.shellText(command, 'the command', { ...rootScope(WORK_DIR), depth: -1 });
  } catch (error) {
    // A command the rules cannot finish rating is not let through: it needs a person.
    const why = error instanceof TooComplexError ? `too complex to rate (${error.message})` : `the risk rules failed on it (${error instanceof Error ? error.message : String(error)})`;
    return { level: 'high', reasons: [why] };
  }
  return verdictOf(analysis.findings);
}

/** Rates one shell command. */
export async function rateCommand(command: string): Promise<RiskVerdict> {
  return rateCommandWith(await loadShellParser(), command);
}

/** The rules: rates any tool call of the contract (see DESIGN, "Tools the model sees"). */
export const risk: RiskRater = async (action, options = {}) => {
  const { name, args } = action;
  switch (name) {
    case 'run_command':
    case 'start_process': {
      if (typeof args.command !== 'string' || args.command.trim() === '') return { level: 'high', reasons: [`${name} without a command`] };
      const verdict = await rateCommand(args.command);
      if (name === 'run_command' || verdict.level === 'high') return verdict;
      // A poller below medium keeps saying what each pass does.
      const loop = verdict.reasons.filter((r) => r.startsWith('loops forever'));
      return { level: maxLevel(verdict.level, 'medium'), reasons: verdict.level === 'medium' ? verdict.reasons : ['starts a long-running process', ...loop] };
    }
    case 'write_file':
    case 'edit_file':
      return rateFileTool(name, args.path, options.context);
    case 'read_file':
    case 'list_files':
      return { level: 'none', reasons: ['reads only'] };
    case 'process_output':
      return { level: 'none', reasons: ['reads process output'] };
    case 'stop_process':
      return { level: 'low', reasons: ['stops a process the agent started'] };
    case 'create_pull_request':
      return rateOutbound({ channel: 'pull_request', name, payload: args }, options.secrets);
    case 'ask_human':
    case 'finish':
      return { level: 'none', reasons: [name === 'finish' ? 'ends the run' : 'asks the person'] };
    default:
      if (/^mcp__[^_]/.test(name)) return rateOutbound({ channel: 'mcp', name, payload: args }, options.secrets);
      return { level: 'high', reasons: [`unknown tool ${JSON.stringify(name)}`] };
  }
};

/** A path as file tools and `RiskContext` use it: relative to the work dir when inside it, else absolute. */
export function normalizeWorkPath(path: string): string {
  const abs = resolvePath(path, WORK_DIR) ?? path;
  return abs.startsWith(WORK_DIR + '/') ? abs.slice(WORK_DIR.length + 1) : abs;
}

async function rateFileTool(tool: 'write_file' | 'edit_file', path: unknown, context: RiskContext | undefined): Promise<RiskVerdict> {
  if (typeof path !== 'string' || path === '') return { level: 'high', reasons: [`${tool} without a path`] };
  const where = place(path, WORK_DIR, false);
  const rel = normalizeWorkPath(path);
  if (where.kind === 'git') return { level: 'high', reasons: [`writes into .git (${rel})`] };
  if (where.kind === 'critical' || where.kind === 'device') return { level: 'high', reasons: [`writes ${path}, outside the project`] };
  if (where.kind !== 'inside') return { level: 'medium', reasons: [`writes ${path}, outside the project`] };
  if (tool === 'edit_file') return { level: 'low', reasons: [`edits ${rel}`] };
  if (context && [rel, path, `${WORK_DIR}/${rel}`].some((p) => context.createdThisRun.has(p))) return { level: 'low', reasons: [`rewrites ${rel}, which this run created`] };
  const exists = context ? await context.exists(rel) : undefined;
  if (exists === false) return { level: 'low', reasons: [`creates ${rel}`] };
  if (exists === true) return { level: 'medium', reasons: [`overwrites ${rel}, which this run did not create`] };
  return { level: 'medium', reasons: [`may overwrite ${rel} (cannot tell whether it exists)`] };
}

/** Turns a model's tool call into an action; arguments that are not a JSON object are an error value. */
export function actionFromToolCall(call: ToolCall): { ok: true; action: RiskAction } | { ok: false; verdict: RiskVerdict } {
  const parsed = parseArguments(call.arguments);
  if (parsed.ok) return { ok: true, action: { name: call.name, args: parsed.args } };
  return { ok: false, verdict: { level: 'high', reasons: [`the arguments of ${call.name} are not a JSON object`] } };
}

/** Rates a tool call as the model sent it. */
export async function riskOfToolCall(call: ToolCall, options?: RateOptions, rater: RiskRater = risk): Promise<RiskVerdict> {
  const parsed = actionFromToolCall(call);
  return parsed.ok ? rater(parsed.action, options) : parsed.verdict;
}
