/**
 * Images of tool results for models that take them. Tool messages carry text only on the chat-completions wire,
 * so a turn's images follow its tool messages as one user message with `image_url` parts (data URLs). Only the
 * latest MAX_CONTEXT_IMAGES images are sent; older ones are named, not sent again at every turn. Models that
 * do not take images read a note instead (the images are shown to the person either way).
 */
import type { ToolImage } from '../core/tool-call';
import type { ChatMessage, Conversation, ImageAttachment } from './messages';

/** How many images the conversation sends at most: the latest ones. */
export const MAX_CONTEXT_IMAGES = 4;

/** A part of a user message's content on the wire. */
export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** A message as it goes on the wire: a chat message, or a user message of parts (the images of a turn). */
export type WireMessage = ChatMessage | { role: 'user'; content: ContentPart[] };

/** How the note of images sent to the model ends (to find them in a stored conversation). */
export const ATTACHED_NOTE_END = 'attached in the next message.]';

/** Told to a model going on from a stored conversation whose tool results had images attached (they are not kept). */
export const IMAGES_NOT_KEPT =
  'Images that tools returned before this run started or resumed are not attached any more (they were kept in memory only); ask for them again if you need to see them.';

/** The line the model reads after a result's observation about its images. */
export function imageNote(count: number, modelTakesImages: boolean): string {
  const them = count === 1 ? 'the image above' : `the ${count} images above`;
  return modelTakesImages
    ? `[${count === 1 ? 'The image above is' : `The ${count} images above are`} ${ATTACHED_NOTE_END}`
    : `[This model does not take images: ${them} ${count === 1 ? 'was' : 'were'} shown to the person only.]`;
}

/** Keeps a result's images for the model, and empties the oldest ones beyond MAX_CONTEXT_IMAGES. */
export function attachImages(conversation: Conversation, call_id: string, tool: string, images: readonly ToolImage[]): void {
  const attachments = (conversation.attachments ??= []);
  attachments.push({ call_id, tool, images: images.map(({ mime_type, data }) => ({ mime_type, data })), count: images.length });
  let kept = attachments.reduce((sum, a) => sum + a.images.length, 0);
  for (const attachment of attachments) {
    if (kept <= MAX_CONTEXT_IMAGES) break;
    if (!attachment.images.length) continue;
    kept -= attachment.images.length;
    attachment.images = [];
  }
}

/**
 * The messages with each turn's images after its tool messages (the messages themselves when there are none).
 * `refused`: the server refused images, so they are named only.
 */
export function withImages(messages: ChatMessage[], attachments: readonly ImageAttachment[] | undefined, refused = false): WireMessage[] {
  if (!attachments?.length) return messages;
  const byCall = new Map(attachments.map((a) => [a.call_id, a]));
  const out: WireMessage[] = [];
  let block: ImageAttachment[] = [];
  messages.forEach((message, i) => {
    out.push(message);
    if (message.role !== 'tool') return;
    const attachment = byCall.get(message.tool_call_id);
    if (attachment) block.push(attachment);
    if (messages[i + 1]?.role === 'tool' || block.length === 0) return;
    out.push(imageMessage(block, refused));
    block = [];
  });
  return out;
}

function imageMessage(block: readonly ImageAttachment[], refused: boolean): WireMessage {
  const parts: ContentPart[] = [];
  for (const { tool, images, count } of block) {
    const what = `${count} image${count === 1 ? '' : 's'} returned by ${tool}`;
    if (refused) parts.push({ type: 'text', text: `[${what}: not attached, the model server refused images.]` });
    else if (!images.length) parts.push({ type: 'text', text: `[${what}: no longer attached (only the latest ${MAX_CONTEXT_IMAGES} images are sent).]` });
    else {
      parts.push({ type: 'text', text: `The ${what}:` });
      for (const image of images) parts.push({ type: 'image_url', image_url: { url: `data:${image.mime_type};base64,${image.data}` } });
    }
  }
  if (parts.every((part) => part.type === 'text')) return { role: 'user', content: parts.map((part) => (part as { text: string }).text).join('\n') };
  return { role: 'user', content: parts };
}

/** Whether a request sends any image. */
export function sendsImages(attachments: readonly ImageAttachment[] | undefined): boolean {
  return attachments?.some((a) => a.images.length > 0) ?? false;
}
