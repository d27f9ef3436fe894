/** The conversation as the agent keeps it: OpenAI chat format, typed. Plain data (storable, postable). */

export type { AssistantToolCall, ChatMessage } from '../core/messages';
import type { ChatMessage } from '../core/messages';
import type { ToolImage } from '../core/tool-call';

/** A tool definition as the model sees it (JSON schema of its arguments). */
export interface ToolSchema {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/**
 * The images of one tool result that the model is shown (models that take images only): sent after the tool
 * messages of their turn, as a user message with image parts (tool messages carry text only). `images` is
 * emptied when newer images push them out of the conversation; `count` stays, so the model is told.
 */
export interface ImageAttachment {
  call_id: string;
  tool: string;
  images: ToolImage[];
  count: number;
}

/**
 * A run's conversation as its parts share it: appended to in place, replaced whole when compacted. `attachments`
 * live beside the messages, not in them: the stored steps keep text only (the images are stored once, on their
 * `tool_result` event), and the token estimate measures text.
 */
export interface Conversation {
  messages: ChatMessage[];
  attachments?: ImageAttachment[];
}
