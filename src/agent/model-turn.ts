/**
 * Asking the model for its next turn. First what it must know: crashed processes and preview errors since the
 * last step, and the person's notes. The history is compacted when it nears the context window, and once more
 * when the server says it is too long anyway.
 */
import type { AgentEvent } from '../core/events';
import { ModelError } from '../core/errors';
import type { AgentSandbox } from '../sandbox/sandbox';
import { compactIfNeeded } from './compaction';
import type { TokenEstimator } from './context';
import type { Conversation, ToolSchema } from './messages';
import type { ModelDelta } from './delta';
import type { ModelClient, ModelTurn } from './model';
import type { Oversight } from './oversight';
import type { ProcessWatch } from './process-watch';

/** What asking the model works with. */
export interface ModelTurnDeps {
  conversation: Conversation;
  model: ModelClient;
  schemas: ToolSchema[];
  estimator: TokenEstimator;
  /** The model's context window, in tokens. */
  window: number;
  sandbox: AgentSandbox;
  /** The task, kept whole when the history is summarised. */
  task: string;
  emit(event: AgentEvent): void;
  oversight: Oversight;
  processes: ProcessWatch;
  signal: AbortSignal;
}

/** The model's next turn (the conversation updated with what came before it). */
export async function askModel(deps: ModelTurnDeps): Promise<ModelTurn> {
  await reportBackground(deps);
  for (const note of deps.oversight.takeNotes()) deps.conversation.messages.push({ role: 'user', content: note });
  await compact(deps, false);
  try {
    return await request(deps);
  } catch (error) {
    if (!(error instanceof ModelError) || error.code !== 'context_length_exceeded') throw error;
    deps.emit({ type: 'error', code: error.code, message: error.message, retrying: true, wait_ms: 0 });
    await compact(deps, true);
    return request(deps);
  }
}

/** Crashed processes and preview errors since the last step reach the model before it is asked again. */
async function reportBackground(deps: ModelTurnDeps): Promise<void> {
  const report = await deps.processes.drain(deps.signal);
  if (!report) return;
  deps.conversation.messages.push({ role: 'user', content: report.observation });
  deps.emit({ type: 'notice', message: report.notice });
}

async function request(deps: ModelTurnDeps): Promise<ModelTurn> {
  const { emit, conversation, schemas, signal } = deps;
  const messages = conversation.messages;
  const turn = await deps.model.complete({
    messages,
    tools: schemas,
    signal,
    ...(conversation.attachments?.length && { attachments: conversation.attachments }),
    onDelta: (delta) => emit(deltaEvent(delta)),
    onRetry: ({ code, message, wait_ms }) => emit({ type: 'error', code, message, retrying: true, wait_ms }),
  });
  deps.estimator.observe(messages, turn.usage.prompt_tokens);
  return turn;
}

function deltaEvent(delta: ModelDelta): AgentEvent {
  if (delta.type === 'arguments') return { type: 'tool_call_delta', index: delta.index, name: delta.name, text: delta.text };
  return { type: delta.type === 'text' ? 'text_delta' : 'reasoning_delta', text: delta.text };
}

async function compact(deps: ModelTurnDeps, force: boolean): Promise<void> {
  const { window, model, sandbox, estimator, task, signal, conversation } = deps;
  const compacted = await compactIfNeeded(conversation.messages, { window }, { model, sandbox, estimator, task, signal }, force);
  if (!compacted) return;
  conversation.messages = compacted.messages;
  const what = compacted.how === 'elided' ? 'old tool outputs were elided' : 'the earlier steps were summarised';
  deps.emit({
    type: 'notice',
    message: `The conversation neared the model's context window (${window} tokens): ${what}, from about ${compacted.before} to ${compacted.after} tokens.`,
  });
}
