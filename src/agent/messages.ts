/** The conversation as the agent keeps it: OpenAI chat format, typed. Plain data (storable, postable). */

export type { AssistantToolCall, ChatMessage } from '../core/messages';
import type { ChatMessage } from '../core/messages';

/** A tool definition as the model sees it (JSON schema of its arguments). */
export interface ToolSchema {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** A run's conversation as its parts share it: appended to in place, replaced whole when compacted. */
export interface Conversation {
  messages: ChatMessage[];
}
