/** Calling just-bash's own command under one of ours (ours wraps it, fixing what differs from GNU). */
import type { LiteCommand } from '../engine';

type Ctx = Parameters<LiteCommand['execute']>[1];

/** Run just-bash's `name` with `args` (same stdin, cwd and file system). */
export async function callOriginal(
  ctx: Ctx,
  name: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  if (!ctx.origCommand) throw new Error(`just-bash's own ${name} is not registered under ours`);
  const result = await ctx.origCommand(args);
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
}
