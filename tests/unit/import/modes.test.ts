import { describe, expect, it } from 'vitest';
import type { ExecResult } from '../../../src/core/exec';
import { importProject } from '../../../src/sandbox/import';
import type { Capabilities, Sandbox } from '../../../src/sandbox/sandbox';
import { liteSandbox, makeZip, tree } from './helpers';

/** The real lite sandbox, but its shell has no chmod (as WebContainer's jsh may not) and node is claimed or not. */
function withoutChmod(node: boolean): { sandbox: Sandbox; commands: string[] } {
  const inner = liteSandbox();
  const commands: string[] = [];
  const result = (exitCode: number, output: string): ExecResult => ({ exitCode, output, timedOut: false, durationMs: 1 });
  const exec = async (command: string) => {
    commands.push(command);
    if (command.startsWith('chmod ')) return result(127, 'jsh: command not found: chmod\n');
    if (command.startsWith('node -e ')) return node ? result(0, '') : result(127, 'node: not found\n');
    return inner.exec(command);
  };
  const capabilities: Capabilities = { ...inner.capabilities, node };
  const sandbox = new Proxy(inner, {
    get(target, key) {
      if (key === 'exec') return exec;
      if (key === 'capabilities') return capabilities;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Sandbox;
  return { sandbox, commands };
}

const ZIP = makeZip({ 'run.sh': { data: 'echo hi', mode: 0o755 }, 'b.txt': { data: 'b', mode: 0o644 } });

describe('executable bits where the shell has no chmod', () => {
  it('falls back to node when the sandbox has it', async () => {
    const { sandbox, commands } = withoutChmod(true);
    const summary = await importProject(sandbox, { kind: 'zip', name: 'p.zip', data: ZIP });
    expect(summary.warnings).toEqual([]);
    expect(commands).toEqual([
      "chmod 755 '/home/project/run.sh'",
      `node -e 'const [m, ...ps] = process.argv.slice(1); for (const p of ps) require("fs").chmodSync(p, parseInt(m, 8))' 755 '/home/project/run.sh'`,
    ]);
  });

  it('imports the files and says the modes could not be set when nothing can set them', async () => {
    const { sandbox, commands } = withoutChmod(false);
    const summary = await importProject(sandbox, { kind: 'zip', name: 'p.zip', data: ZIP });
    expect(summary.warnings).toEqual([
      'Could not set the mode (e.g. the executable bit) of 1 file: chmod exited with 127 (jsh: command not found: chmod).',
    ]);
    expect(commands).toEqual(["chmod 755 '/home/project/run.sh'"]);
    expect(await tree(sandbox)).toEqual({ 'b.txt': 'b', 'run.sh': 'echo hi' });
  });
});
