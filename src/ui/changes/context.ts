/** What the timeline's entries may do with the shown run's checkpoints (set by RunTimeline, read by entries). */
import { getContext, setContext } from 'svelte';

/** Checkpoint actions on the shown run. */
export interface CheckpointActions {
  /** Whether the run has ended, so its files can be restored and forked from. */
  readonly canRewind: boolean;
  openStep(step: number): void;
  restore(step: number): void;
  fork(step: number): void;
}

const KEY = Symbol('checkpoints');

export function provideCheckpoints(actions: CheckpointActions): void {
  setContext(KEY, actions);
}

/** The actions, or undefined where the timeline is shown without them. */
export function checkpointActions(): CheckpointActions | undefined {
  return getContext<CheckpointActions | undefined>(KEY);
}
