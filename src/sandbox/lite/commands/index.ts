/**
 * Our own commands in the lite sandbox: overrides of just-bash's where they differ from GNU in ways that
 * cost data or steps, and commands just-bash lacks (git, python3, node). Each command is a small file of
 * its own beside this one, with its own tests; this list is the one place they are registered. An
 * override can call just-bash's own command of the same name (see original.ts).
 */
import type { Runtimes } from '../../../runtimes/runtimes';
import type { SharedFs } from '../../../runtimes/shared-fs';
import type { IFileSystem, LiteCommand } from '../engine';
import { nodeCommands } from './node';
import { pythonCommands } from './python3';
import { gitCommand, gitCommandOver } from './git';
import { bashCommand, shCommand } from './bash';
import { catCommand } from './cat';
import { cpCommand } from './cp';
import { diffCommand } from './diff';
import { findCommand } from './find';
import { grepCommand } from './grep';
import { headCommand } from './head';
import { lsCommand } from './ls';
import { nlCommand } from './nl';
import { pasteCommand } from './paste';
import { realpathCommand } from './realpath';
import { uniqCommand } from './uniq';
import { xargsCommand } from './xargs';
import { mkdirCommand } from './mkdir';
import { mvCommand } from './mv';
import { rmCommand } from './rm';
import { sedCommand } from './sed';
import { sortCommand } from './sort';

/** Every command of ours, by name; one of just-bash's with the same name is replaced. */
export const LITE_COMMANDS: readonly LiteCommand[] = [gitCommand, bashCommand, shCommand, rmCommand, mvCommand, diffCommand, catCommand, cpCommand, headCommand, mkdirCommand, nlCommand, realpathCommand, sedCommand, sortCommand, findCommand, grepCommand, lsCommand, pasteCommand, uniqCommand, xargsCommand];

/** Our commands with the runtime commands (python3, node …) of one sandbox's runtimes over its file system `fs`. */
export function liteCommands(runtimes: Runtimes, fs: () => SharedFs & IFileSystem): LiteCommand[] {
  const commands = LITE_COMMANDS.map((command) => (command === gitCommand ? gitCommandOver(fs) : command));
  return [...commands, ...pythonCommands(runtimes, fs), ...nodeCommands(runtimes, fs)];
}
