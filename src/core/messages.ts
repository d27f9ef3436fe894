/** The conversation as the agent keeps and the store keeps it: OpenAI chat format, typed. Plain data (storable, postable). */

/** A tool call inside an assistant message, as sent back to the model. */
export interface AssistantToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One message of the conversation. */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'developer'; content: string }
  | { role: 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: AssistantToolCall[];
      /** Reasoning some servers require back on tool-call turns (DeepSeek); not sent otherwise. */
      reasoning_content?: string;
    }
  | { role: 'tool'; tool_call_id: string; content: string };
