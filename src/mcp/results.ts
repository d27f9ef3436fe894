/**
 * What the model reads of an MCP tool's result: its text, cut in the middle like command output; images kept
 * aside (for the person and for models that take images) and named in the text; other content said in a line.
 */
import { truncateMiddle } from '../agent/context';
import type { McpImage } from './types';

/** A tool result as the protocol carries it (only what we read of it). */
export interface RawToolResult {
  content?: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** An image larger than this is named but not kept: it is stored with the run's events, and sent to models that take images. */
const MAX_IMAGE_BYTES = 256 * 1024;
/** At most this many images of one result are kept. */
const MAX_IMAGES = 4;

/** The observation and images of a result; `isError` results say so first, so the model treats them as failures. */
export function readToolResult(tool: string, result: RawToolResult): { ok: boolean; observation: string; images: McpImage[] } {
  const lines: string[] = [];
  const images: McpImage[] = [];
  for (const block of result.content ?? []) lines.push(describeBlock(block, images));
  if (lines.length === 0 && result.structuredContent !== undefined) lines.push(JSON.stringify(result.structuredContent, null, 2));
  const text = lines.join('\n').trim();
  const ok = result.isError !== true;
  const body = truncateMiddle(text === '' ? '(no output)' : text);
  return { ok, observation: ok ? body : `${tool} reported an error:\n${body}`, images };
}

function describeBlock(block: unknown, images: McpImage[]): string {
  const b = (block ?? {}) as Record<string, unknown>;
  switch (b.type) {
    case 'text':
      return typeof b.text === 'string' ? b.text : '';
    case 'image': {
      const data = typeof b.data === 'string' ? b.data : '';
      const mime = typeof b.mimeType === 'string' ? b.mimeType : 'image';
      const bytes = Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
      const what = `image: ${mime}, ${sizeOf(bytes)}`;
      if (!/^image\/(png|jpeg|gif|webp)$/.test(mime)) return `[${what}, not kept: only png, jpeg, gif and webp are]`;
      if (!data) return `[${what}, not kept: empty]`;
      if (bytes > MAX_IMAGE_BYTES) return `[${what}, not kept: larger than ${sizeOf(MAX_IMAGE_BYTES)}]`;
      if (images.length >= MAX_IMAGES) return `[${what}, not kept: only ${MAX_IMAGES} images of a result are]`;
      images.push({ mime_type: mime, data });
      return `[${what}, shown to the person]`;
    }
    case 'audio':
      return `[audio ${String(b.mimeType ?? '')}: not played here]`;
    case 'resource_link':
      return `[resource ${String(b.name ?? '')} at ${String(b.uri ?? '')}]`;
    case 'resource': {
      const resource = (b.resource ?? {}) as Record<string, unknown>;
      if (typeof resource.text === 'string') return `[resource ${String(resource.uri ?? '')}]\n${resource.text}`;
      return `[resource ${String(resource.uri ?? '')} (${String(resource.mimeType ?? 'binary')}): binary, not shown]`;
    }
    default:
      return `[content of type ${JSON.stringify(b.type)}: not shown]`;
  }
}

/** A size as people read it: bytes below 1 KB, KB below 1 MB, else MB with one decimal. */
export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
