import type { FailReason, HumanAnswer, RiskLevel, RunError, RunStatus, Usage } from './run';
import type { ToolArgs, ToolCall, ToolResult } from './tool-call';

export type { ToolCall } from './tool-call';

/** A risk verdict on one action. */
export interface RiskVerdict {
  level: RiskLevel;
  reasons: string[];
}

/** Everything that happens in a run, in order. The store numbers them (`seq`) and stamps them (`at`). */
export type AgentEvent =
  | { type: 'status'; status: RunStatus; reason?: FailReason; error?: RunError }
  /** A model turn begins (1-based). */
  | { type: 'step'; step: number }
  | { type: 'text_delta'; text: string }
  | { type: 'reasoning_delta'; text: string }
  /** A piece of a tool call's arguments as the model writes them; `index`: the call's place in the turn. */
  | { type: 'tool_call_delta'; index: number; name: string; text: string }
  /** The model's turn is complete; its full text (reasoning excluded). */
  | { type: 'assistant_message'; text: string; tool_calls: ToolCall[] }
  /** A tool call starts; `args`: its arguments parsed once (absent when they are no JSON object, and in events stored before). */
  | { type: 'tool_call'; call: ToolCall; args?: ToolArgs }
  /** Output of a running tool, as it arrives (terminal bytes, ANSI included). */
  | { type: 'tool_output'; call_id: string; data: string }
  /** What the model will see of a tool's result. */
  | ({ type: 'tool_result'; call_id: string; name: string } & ToolResult)
  /** Usage of one model turn, and the run's total after it; `context`: how full the model's context window was. */
  | { type: 'usage'; step: Usage; total: Usage; context?: { tokens: number; window: number } }
  /** An error met; `retrying` when the loop will try again, with the wait in ms. */
  | { type: 'error'; code: string; message: string; retrying?: boolean; wait_ms?: number }
  /** Something the person should know that is not an error (compaction, project instructions, …). */
  /** `once`: a key — the page shows a notice with it in the first run that has it only (e.g. the model's context window). */
  | { type: 'notice'; message: string; once?: string }
  /**
   * The rules' (and guard's) verdict on an action, before it runs, and what was decided: `allowed` (below the
   * threshold), `remembered` (a kind the person allowed for the rest of the run; `kind` names it) or `asked`.
   * `edited`: the verdict on a command the person edited before approving it.
   */
  | { type: 'risk'; call_id: string; verdict: RiskVerdict; decision?: RiskDecision; kind?: string; edited?: boolean }
  /** The run waits for a person: an approval, a reply, or a raised limit. */
  | { type: 'human_request'; request: HumanRequest }
  /** The person's decision, as it was taken. */
  | { type: 'human_response'; call_id?: string; answer: HumanAnswer | { note: string } }
  /** A committed step changed the work dir (whatever made the change): how many files and lines. */
  | { type: 'files_changed'; step: number; files: number; additions: number; deletions: number }
  /** The person put the work dir back as it was after `step` (later steps stay in the history). */
  | { type: 'workdir_restored'; step: number }
  /** The person changed files by hand (saved, created, deleted) between turns. */
  | { type: 'workdir_edited'; paths: string[] };

/** What was decided on a rated action before it ran. */
export type RiskDecision = 'allowed' | 'remembered' | 'asked';

/** A limit a run can reach and ask to raise; `stuck` asks to go on at all. */
export type RaisableLimit = 'max_steps' | 'max_tokens' | 'max_cost_usd' | 'timeout_s' | 'stuck';

/**
 * What a waiting run asks of a person. An approval may say what "allow for the rest of the run" would cover
 * (`remember_as`) and, when the person edited the command, the agent's original (`edited_from`).
 * A raise says the limit's current value and what was used, when it has them; a stuck run's request says
 * what the run ends with when the person does not let it go on (`ends_with`).
 */
export type HumanRequest =
  | { kind: 'approval'; call_id: string; tool: string; action: string; verdict: RiskVerdict; remember_as?: string; edited_from?: string }
  | { kind: 'question'; call_id: string; question: string }
  | { kind: 'raise'; limit: RaisableLimit; message: string; current?: number; used?: number; ends_with?: string };

/** An event as stored and delivered: numbered per run and stamped with its time (ms since the epoch). */
export type RunEvent = AgentEvent & { run_id: string; seq: number; at: number };
