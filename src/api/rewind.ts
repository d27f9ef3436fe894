/**
 * Going back to a step: restoring a run's files as they were after it (the later steps stay in the history;
 * the restore is recorded as an event and as a new work-dir state of the run, so a follow-up and a reload
 * see it), and forking a new run from a step's files and conversation.
 */
import { emptyUsage, isFinal, type AgentEvent, type Run } from '../core';
import type { ChatMessage } from '../agent/messages';
import type { Sandbox, WorkdirSnapshot } from '../sandbox/sandbox';
import { answerDangling, restoredNote } from './continuation';
import type { RunBook } from './run-book';
import { stopProcesses, type Prepared, type SetupDeps } from './run-setup';

/** What the model of a fork is told, before its new instructions. */
export function forkNote(step: number): string {
  return (
    `This run is a fork of an earlier one from its step ${step}: the work dir was restored as it was after that ` +
    'step (later changes are not here). The shell state is fresh (the current directory and exported variables ' +
    'are back at their start) and no background process runs: start again what you need.'
  );
}

/** A fork's step must be a whole number from 0 to the parent's steps. */
export async function checkForkStep(parent: Run, step: number): Promise<void> {
  if (!Number.isInteger(step) || step < 0 || step > parent.steps) {
    throw new Error(`fork: step must be a whole number from 0 to ${parent.steps} (the steps of run "${parent.id}"), not ${String(step)}.`);
  }
}

/** What restoring needs of the page. */
export interface RestoreDeps {
  book: RunBook;
  sandbox: Promise<Sandbox>;
  /** Runs `work` on the sandbox outside any run (refused while one holds it); afterwards the sandbox holds `holder`'s files. */
  replaceWorkdir(work: () => Promise<void>, holder: string): Promise<void>;
}

/** Puts the work dir back as it was after `step` of an ended run; background processes are stopped first. */
export async function restoreFiles(deps: RestoreDeps, run: Run, step: number): Promise<void> {
  if (!isFinal(run.status)) {
    throw new Error(`Run "${run.id}" is ${run.status}: restore its files once it has ended (stop it first).`);
  }
  const snapshot = await deps.book.store.workdirAt(run.id, step);
  if (!snapshot) throw new Error(`No work dir of step ${step} of run "${run.id}" is kept in the history.`);
  let stopped: AgentEvent | undefined;
  await deps.replaceWorkdir(async () => {
    const sandbox = await deps.sandbox;
    stopped = await stopProcesses(sandbox);
    await sandbox.restore(snapshot);
  }, run.id);
  await recordWorkdir(deps.book, run, snapshot, [...(stopped ? [stopped] : []), { type: 'workdir_restored', step }]);
}

/**
 * Records a change of an ended run's work dir made outside its steps (a restore, the person's edits): the
 * events, then the work dir as a new state after the run's last step, so a follow-up and a reload start from it.
 */
export async function recordWorkdir(book: RunBook, run: Run, snapshot: WorkdirSnapshot, events: AgentEvent[]): Promise<void> {
  const store = book.store;
  await book.settled(); // the run's own ending (or the last change of it) lets go of it first
  await takeSoon(book, run);
  for (const event of events) book.record(run.id, event);
  const current = book.get(run.id) ?? run;
  await store.commitStep(run.id, { step: (await store.lastStep(run.id)) + 1, usage: current.usage, snapshot, run: current });
  book.persist(current); // a final run: stored, and let go for other tabs
  await book.settled(); // let go before the next change of it claims it again
}

/** Claims an ended run this page just let go of: a released lock frees a moment later (Web Locks), so try a few times. */
async function takeSoon(book: RunBook, run: Run): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return void (await book.take(run));
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * A fork: the parent's files after `step` (processes stopped, shell state fresh) and its conversation after
 * that step, then the new instructions with a note that says so.
 */
export async function prepareFork(deps: SetupDeps, parentId: string, step: number, instructions: string): Promise<Prepared> {
  const snapshot = await deps.store.workdirAt(parentId, step);
  if (!snapshot) {
    const message = `No work dir of step ${step} of run "${parentId}" is kept in the history: fork from another step.`;
    return { outcome: { status: 'failed', reason: 'sandbox_error', error: { code: 'step_not_kept', message } } };
  }
  const stopped = await stopProcesses(deps.sandbox);
  await deps.sandbox.restore(snapshot);
  const checkpoint = await deps.store.checkpointAt(parentId, step);
  const note = [forkNote(step), restoredNote(snapshot, deps.sandbox.capabilities)].filter(Boolean).join(' ');
  const events: AgentEvent[] = [
    ...(stopped ? [stopped] : []),
    { type: 'notice', message: `This run is a fork of run ${parentId} from its step ${step}: it starts from that step's files and conversation.` },
  ];
  const task = `${note}\n\nNew task:\n${instructions}`;
  if (!checkpoint || checkpoint.messages.length === 0) return { job: { instructions: task }, events };
  const messages: ChatMessage[] = [...answerDangling(checkpoint.messages as ChatMessage[]), { role: 'user', content: task }];
  await deps.commit({ step: 0, messages, usage: emptyUsage() });
  return { job: { initial_messages: messages, start_step: 0 }, events };
}
