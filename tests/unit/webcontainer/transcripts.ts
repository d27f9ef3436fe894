/** The recorded jsh transcripts (tests/fixtures/jsh) and a replaying stand-in of a `jsh --osc` process. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WcProcess } from '../../../src/sandbox/webcontainer/port';

/** One command of a transcript: what was typed, what jsh answered, what the driver must make of it. */
export interface TranscriptCommand {
  input: string;
  chunks: string[];
  /** What jsh answers to Ctrl-C while this command runs (it never ends on its own then). */
  interrupt?: string[];
  timeoutMs?: number;
  expect: { exitCode: number; output: string; live: string; timedOut?: boolean };
}

/** A recorded session. */
export interface Transcript {
  name: string;
  source: string;
  startup: string[];
  /** What jsh answers to Ctrl-C at its prompt. */
  idleInterrupt?: string[];
  commands: TranscriptCommand[];
}

const DIR = join(import.meta.dirname, '../../fixtures/jsh');

export function loadTranscripts(): Transcript[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Transcript);
}

/** Every output phase of a transcript in order: startup, [idle Ctrl-C], then each command (and its Ctrl-C). */
export function phases(transcript: Transcript): string[][] {
  const list: string[][] = [transcript.startup];
  if (transcript.idleInterrupt) list.push(transcript.idleInterrupt);
  for (const command of transcript.commands) {
    list.push(command.chunks);
    if (command.interrupt) list.push(command.interrupt);
  }
  return list;
}

/** The phases re-chunked so that one more boundary falls at `cut` (an offset into the whole stream). */
export function splitAt(list: string[][], cut: number): string[][] {
  let offset = 0;
  return list.map((chunks) =>
    chunks.flatMap((chunk) => {
      const start = offset;
      offset += chunk.length;
      if (cut <= start || cut >= offset) return [chunk];
      return [chunk.slice(0, cut - start), chunk.slice(cut - start)];
    }),
  );
}

/** The phases with every chunk cut into single characters. */
export function perCharacter(list: string[][]): string[][] {
  return list.map((chunks) => chunks.flatMap((chunk) => [...chunk]));
}

/**
 * A `jsh --osc` process that answers from a transcript: it emits the startup phase, then the next phase on
 * each line typed or Ctrl-C. `typed` records what the driver wrote.
 */
export function replayProcess(list: string[][], exitCode = new Promise<number>(() => {})) {
  const typed: string[] = [];
  const queue = [...list];
  let controller!: ReadableStreamDefaultController<string>;
  const emitNext = () => {
    const phase = queue.shift();
    if (phase) queueMicrotask(() => phase.forEach((chunk) => controller.enqueue(chunk)));
  };
  const process: WcProcess = {
    exit: exitCode,
    output: new ReadableStream<string>({
      start(c) {
        controller = c;
        emitNext();
      },
    }),
    input: new WritableStream<string>({
      write(data) {
        typed.push(data);
        emitNext();
      },
    }),
    kill: () => controller.close(),
    resize: () => undefined,
  };
  return { process, typed };
}
