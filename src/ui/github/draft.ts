/** A pull request's title and body drafted from the run that made the changes (the person edits them). */
import type { Run } from '../../core/run';

const MAX_TITLE = 72;

/** The task's first line (or the one commit's subject), and the run's summary with the task quoted. */
export function draftPullRequest(run: Pick<Run, 'instructions' | 'summary'>, commitSubjects: readonly string[]): { title: string; body: string } {
  const firstLine = run.instructions.trim().split('\n')[0].trim();
  const source = commitSubjects.length === 1 ? commitSubjects[0] : firstLine;
  const title = source.length > MAX_TITLE ? `${source.slice(0, MAX_TITLE - 1).trimEnd()}…` : source;
  const task = run.instructions.trim().split('\n').map((line) => `> ${line}`).join('\n');
  const body = [run.summary?.trim(), `The task, as given to Autopilot:\n\n${task}`].filter(Boolean).join('\n\n');
  return { title: title || 'Changes made with Autopilot', body };
}
