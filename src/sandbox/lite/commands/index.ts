/**
 * Our own commands in the lite sandbox: overrides of just-bash's where they differ from GNU in ways that
 * cost data or steps, and commands just-bash lacks (git, python3, node). Each command is a small file of
 * its own beside this one, with its own tests; this list is the one place they are registered.
 */
import type { LiteCommand } from '../engine';
import { gitCommand } from './git';

/** Every command of ours, by name; one of just-bash's with the same name is replaced. */
export const LITE_COMMANDS: readonly LiteCommand[] = [gitCommand];
