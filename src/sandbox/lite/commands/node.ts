/** `node` in the lite sandbox: QuickJS with a subset of Node's built-ins, in a worker of its own. */
import type { Runtimes } from '../../../runtimes/runtimes';
import type { SharedFs } from '../../../runtimes/shared-fs';
import type { LiteCommand } from '../engine';
import { runtimeCommand } from './runtime-command';

/** The `node` command over `runtimes.js`. */
export function nodeCommands(runtimes: Runtimes, fs: () => SharedFs): LiteCommand[] {
  return [runtimeCommand('node', runtimes.js, fs)];
}
