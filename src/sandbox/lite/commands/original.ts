/** Calling just-bash's own command under one of ours (ours wraps it, fixing what differs from GNU). */
import type { LiteCommand } from '../engine';

type Ctx = Parameters<LiteCommand['execute']>[1];

/** What a command returns; `stdoutKind` says when stdout carries raw bytes (a latin1-shaped string). */
export type CommandResult = Awaited<ReturnType<LiteCommand['execute']>>;

/**
 * Run just-bash's `name` with `args` (same stdin, cwd and file system). Its output, status and byte marks are
 * kept; its internal accounting is not, since ours may change the output it accounted for.
 */
export async function callOriginal(ctx: Ctx, name: string, args: string[]): Promise<CommandResult> {
  if (!ctx.origCommand) throw new Error(`just-bash's own ${name} is not registered under ours`);
  const { stdout, stderr, exitCode, stdoutKind, stdoutEncoding } = await ctx.origCommand(args);
  return { stdout, stderr, exitCode, ...(stdoutKind ? { stdoutKind } : {}), ...(stdoutEncoding ? { stdoutEncoding } : {}) };
}
