/**
 * `bash` and `sh` that run `bash script.sh --help` (or `bash -c '…' _ --help`) as a script with the argument
 * `--help`, as the real shells do; just-bash printed its own help whenever `--help` was anywhere in argv.
 */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { callOriginal } from './original';

type Ctx = Parameters<LiteCommand['execute']>[1];

function shellCommand(name: 'bash' | 'sh'): LiteCommand {
  return defineLiteCommand(name, async (args, ctx) => {
    const scriptGiven = args.length > 0 && (args[0] === '-c' || !args[0].startsWith('-'));
    if (!args.includes('--help') || !scriptGiven) return callOriginal(ctx, name, args);
    if (args[0] === '-c') return runScript(args[1] ?? '', args[2] ?? name, args.slice(3), ctx);
    const text = await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, args[0])).catch(() => undefined);
    if (text === undefined) return { stdout: '', stderr: `${name}: ${args[0]}: No such file or directory\n`, exitCode: 127 };
    return runScript(text, args[0], args.slice(1), ctx);
  });
}

/** Run `script` with `$0` and positional parameters set, as just-bash's own bash does. */
async function runScript(script: string, scriptName: string, scriptArgs: string[], ctx: Ctx) {
  if (!ctx.exec) throw new Error('bash needs the shell to run a script');
  const positional: Record<string, string> = {
    ...(ctx.exportedEnv ?? {}),
    '0': scriptName,
    '#': String(scriptArgs.length),
    '@': scriptArgs.join(' '),
    '*': scriptArgs.join(' '),
  };
  scriptArgs.forEach((arg, index) => (positional[String(index + 1)] = arg));
  const body = script.startsWith('#!') && script.includes('\n') ? script.slice(script.indexOf('\n') + 1) : script;
  return ctx.exec(body, { env: positional, cwd: ctx.cwd, signal: ctx.signal, stdin: ctx.stdin as unknown as string, stdinKind: 'bytes' });
}

export const bashCommand = shellCommand('bash');
export const shCommand = shellCommand('sh');
