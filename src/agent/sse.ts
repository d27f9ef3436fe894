/**
 * Server-sent events of a streamed answer, decoded in linear time — the only `eventsource-parser` import. The
 * SDK's own decoder copies the rest of its buffer for every event, which is quadratic when a fast server puts
 * thousands of events in one network chunk. Reading stops with `StreamIdleError` when nothing arrives for
 * `idleMs`: the SDK's timeout ends at the headers, so a server that goes quiet after them would hang the run.
 */
import { createParser } from 'eventsource-parser';
import { StreamIdleError } from './model-errors';

/** How a body is read. */
export interface SseReadOptions {
  /** Longest wait for the next network chunk, in ms (0: none). */
  idleMs: number;
}

/** The `data` of each event, one array per network chunk (events may span chunks; comments are skipped). */
export async function* sseData(body: ReadableStream<Uint8Array>, options: SseReadOptions): AsyncGenerator<string[]> {
  let batch: string[] = [];
  const parser = createParser({ onEvent: (event) => batch.push(event.data) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await readWithin(reader, options.idleMs);
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (batch.length) {
        const ready = batch;
        batch = [];
        yield ready;
      }
    }
    finished = true;
    parser.feed(decoder.decode());
    // a last event with no blank line after it still counts, as the SDK counts it
    parser.feed('\n\n');
    if (batch.length) yield batch;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** The next chunk, or StreamIdleError when it takes longer than `idleMs`. */
function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, idleMs: number): Promise<ReadableStreamReadResult<Uint8Array>> {
  if (!idleMs) return reader.read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StreamIdleError(idleMs)), idleMs);
  });
  return Promise.race([reader.read(), idle]).finally(() => clearTimeout(timer));
}
