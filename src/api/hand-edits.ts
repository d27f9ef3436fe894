/**
 * The person's own edits to the work dir (the Files editor): written to the sandbox, and told to the model at
 * its next turn as a short note (the paths and a diff, bounded), so the agent never silently overwrites them.
 */
import { isFinal, type HumanAnswer } from '../core';
import type { ChatMessage } from '../agent/messages';
import type { Sandbox } from '../sandbox/sandbox';
import { STORED_EXCLUDES, type RunBook } from './run-book';
import { recordWorkdir } from './rewind';
import type { RunJob } from './types';

/** The diff in the note is cut here (the paths are always all there). */
export const EDIT_NOTE_MAX_CHARS = 4_000;

/** Edits since the model last heard of them: each path's content before the first of them (null: absent). */
export class HandEdits {
  readonly #originals = new Map<string, Uint8Array | null>();

  /** Writes `content` to `path` (null deletes it), remembering what was there before the first edit. */
  async apply(sandbox: Sandbox, path: string, content: string | null): Promise<void> {
    if (!this.#originals.has(path)) this.#originals.set(path, (await sandbox.exists(path)) ? await sandbox.readFile(path) : null);
    if (content === null) await sandbox.remove(path);
    else await sandbox.writeFile(path, content);
  }

  /** Whether there are edits the model has not heard of. */
  get pending(): boolean {
    return this.#originals.size > 0;
  }

  /** Forget the edits (the work dir was replaced: a reset, a restore). */
  clear(): void {
    this.#originals.clear();
  }

  /** The note for the model's next turn (undefined when nothing changed), and the edits count as told. */
  async take(sandbox: Sandbox): Promise<string | undefined> {
    if (this.#originals.size === 0) return undefined;
    const before: { path: string; data: Uint8Array }[] = [];
    const after: { path: string; data: Uint8Array }[] = [];
    for (const [path, original] of this.#originals) {
      if (original) before.push({ path, data: original });
      if (await sandbox.exists(path)) after.push({ path, data: await sandbox.readFile(path) });
    }
    this.#originals.clear();
    const { diffTrees, gitPatch } = await import('../changes');
    const changes = diffTrees({ files: before }, { files: after });
    if (changes.length === 0) return undefined;
    const patch = await gitPatch(changes.filter((change) => !change.binary)); // binary files: named, not shown
    const cut = patch.length > EDIT_NOTE_MAX_CHARS ? `${patch.slice(0, EDIT_NOTE_MAX_CHARS)}\n[… diff cut at ${EDIT_NOTE_MAX_CHARS} characters]` : patch;
    return (
      `The person edited files by hand since your last turn: ${changes.map((change) => change.path).join(', ')}. ` +
      `Keep their changes (read a file again before you change it). The diff:\n${cut}`
    );
  }
}

/** A job with the edit note before its first turn: after a conversation it goes on from, or before a fresh task. */
export function withEditNote(job: Partial<RunJob>, instructions: string, note: string): Partial<RunJob> {
  if (job.initial_messages) return { initial_messages: [...(job.initial_messages as ChatMessage[]), { role: 'user', content: note }] };
  return { instructions: `${note}\n\nTask:\n${job.instructions ?? instructions}` };
}

/** An answer carrying the edit note: with an approval or a denial as its note, with a reply after it. */
export function answerWithNote(answer: HumanAnswer, note: string | undefined): HumanAnswer {
  if (!note) return answer;
  if ('reply' in answer) return { reply: `${answer.reply}\n\n${note}` };
  if ('approve' in answer) return { ...answer, note: answer.note ? `${answer.note}\n\n${note}` : note };
  return answer;
}

/** Where an edit is recorded: the run waiting for the person, else an ended run whose files the sandbox holds. */
export interface EditTarget {
  book: RunBook;
  sandbox: Sandbox;
  waiting: string | undefined;
  holder: string | undefined;
}

/** Records `workdir_edited` on the run it concerns (an ended run also keeps its files as they are now). */
export async function recordEdit(target: EditTarget, paths: string[]): Promise<void> {
  const event = { type: 'workdir_edited' as const, paths };
  if (target.waiting) return target.book.record(target.waiting, event);
  if (!target.holder) return;
  const run = await target.book.find(target.holder);
  if (!run || !isFinal(run.status)) return;
  await recordWorkdir(target.book, run, await target.sandbox.snapshot({ excludes: [...STORED_EXCLUDES] }), [event]);
}
