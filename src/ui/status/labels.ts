/** The words a person reads for a run's status (the API's word stays beside it, subtly). */
import type { RunStatus } from '../../core';

/** A word a person reads beside the API's status word. */
export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Waiting to start',
  in_progress: 'Working',
  awaiting_human: 'Needs your answer',
  interrupted: 'Interrupted',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Stopped',
};
