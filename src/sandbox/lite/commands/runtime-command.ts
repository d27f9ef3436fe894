/** A lite command that hands its command line to a runtime (Python, JavaScript) with the shell's cwd, env, stdin and files. */
import type { RuntimeHost } from '../../../runtimes/host';
import { defineLiteCommand, stdinBytes, type LiteCommand } from '../engine';

/** A command named `name` that runs `prefix + args` on `host`. */
export function runtimeCommand(name: string, host: RuntimeHost, prefix: readonly string[] = []): LiteCommand {
  return defineLiteCommand(name, async (args, ctx) => {
    const env = ctx.exportedEnv ?? Object.fromEntries(ctx.env);
    const call = { argv: [...prefix, ...args], cwd: ctx.cwd, env, stdin: stdinBytes(ctx.stdin) };
    return host.run(ctx.fs, call, ctx.signal);
  });
}
