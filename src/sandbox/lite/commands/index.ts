/**
 * Our own commands in the lite sandbox: overrides of just-bash's where they differ from GNU in ways that
 * cost data or steps, and commands just-bash lacks (git, python3, node). Each command is a small file of
 * its own beside this one, with its own tests; this list is the one place they are registered.
 */
import type { Runtimes } from '../../../runtimes/runtimes';
import type { SharedFs } from '../../../runtimes/shared-fs';
import type { LiteCommand } from '../engine';
import { nodeCommands } from './node';
import { pythonCommands } from './python3';

/** Every command of ours, by name; one of just-bash's with the same name is replaced. */
export const LITE_COMMANDS: readonly LiteCommand[] = [];

/** Our commands with the runtime commands (python3, node …) of one sandbox's runtimes over its file system `fs`. */
export function liteCommands(runtimes: Runtimes, fs: () => SharedFs): LiteCommand[] {
  return [...LITE_COMMANDS, ...pythonCommands(runtimes, fs), ...nodeCommands(runtimes, fs)];
}
