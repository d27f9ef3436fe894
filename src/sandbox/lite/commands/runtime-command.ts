/** A lite command that hands its command line to a runtime (Python, JavaScript) with the shell's cwd, env, stdin and files. */
import type { RuntimeHost } from '../../../runtimes/host';
import type { SharedFs } from '../../../runtimes/shared-fs';
import { defineLiteCommand, stdinBytes, type LiteCommand } from '../engine';

/**
 * A command named `name` that runs `prefix + args` on `host`. Files go through `fs`, the shell's own file
 * system: the command's `ctx.fs` refuses writes once the command is aborted, and a stopped run's files must
 * still be kept.
 */
export function runtimeCommand(name: string, host: RuntimeHost, fs: () => SharedFs, prefix: readonly string[] = []): LiteCommand {
  return defineLiteCommand(name, async (args, ctx) => {
    const env = ctx.exportedEnv ?? Object.fromEntries(ctx.env);
    const call = { argv: [...prefix, ...args], cwd: ctx.cwd, env, stdin: stdinBytes(ctx.stdin) };
    return host.run(fs(), call, ctx.signal);
  });
}
