// The risk classifier: rate every action before it runs. See docs/risk.md.
import type { RiskVerdict, ToolCall } from '../core/events';
import type { SecretRegistry } from '../core/secrets';
import type { ToolArgs } from '../core/tool-call';
import { risk, riskOfToolCall, type RiskContext, type RiskRater } from './classify';

export {
  risk,
  rateCommand,
  rateCommandWith,
  riskOfToolCall,
  actionFromToolCall,
  normalizeWorkPath,
  type RiskAction,
  type RiskContext,
  type RateOptions,
  type RiskRater,
} from './classify';
export { withGuard, modelGuard, guardPrompt, parseGuardAnswer, GuardAnswerError, GUARD_UNAVAILABLE, type Guard, type Complete, type GuardOptions } from './guard';
export { loadShellParser, type ShellParser } from './parse';
export { stricter, rank, LEVELS } from './verdict';

/**
 * What the loop's `assessRisk` dependency needs: rates a tool call with its arguments as the loop parsed them
 * (or, without them, as the model sent them).
 */
export function createRiskAssessor(
  options: { rater?: RiskRater; context?: RiskContext; signal?: AbortSignal; secrets?: SecretRegistry } = {},
): (call: ToolCall, args?: ToolArgs) => Promise<RiskVerdict> {
  const rater = options.rater ?? risk;
  const rateOptions = { context: options.context, signal: options.signal, secrets: options.secrets };
  return (call, args) => (args ? rater({ name: call.name, args }, rateOptions) : riskOfToolCall(call, rateOptions, rater));
}
export { rateOutbound, type OutboundAction } from './channels';
export { kindOf, isCoveredBy, describeKind, type ActionKind } from './kind';
