/** The run history in IndexedDB: the only module that imports `idb`. */
export { HistoryStore, toRun } from './history';
export type { Checkpoint, DamagedRun, PendingStep, ResumePoint, StorageFigures, StoragePort, HistoryOptions } from './history';
export { RunWriter } from './writer';
export type { StepCommit, WriterOptions } from './writer';
export { claimRun, recoverRuns } from './recover';
export type { ClaimedRun, Recovery } from './recover';
export { MemoryLocks, WebLocks, defaultLocks, runLockName } from './locks';
export type { HeldLock, LockPort } from './locks';
export { exportRun, importRun, parseTrajectory, storeTrajectory, TRAJECTORY_FORMAT, TRAJECTORY_VERSION } from './trajectory';
export { MAX_TRAJECTORY_BYTES, readTrajectoryFile } from './trajectory-read';
export type { ImportProgress } from './trajectory-read';
export type { ExportOptions, ImportResult, Trajectory, TrajectoryEvent, TrajectoryFile } from './trajectory';
export { StorageFullError, StoreBlockedError, StoreClosedError, isQuotaError } from './errors';
export { DB_NAME, DB_VERSION, withoutSecrets } from './schema';
export type { RunConfig, RunRecord } from './schema';
export type { OpenOptions } from './open';
export { HistoryRunStore } from './run-store';
