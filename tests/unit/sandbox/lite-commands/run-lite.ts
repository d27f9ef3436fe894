/** Helpers for the lite commands' tests: a fresh lite sandbox with a few files, and one command's result. */
import { LiteSandbox } from '../../../../src/sandbox/lite/lite-sandbox';

/** What a command gave, as the tests compare it. */
export interface Ran {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A lite sandbox whose work dir holds `files` (path → content). */
export async function liteWith(files: Record<string, string> = {}): Promise<LiteSandbox> {
  const sandbox = new LiteSandbox();
  for (const [path, content] of Object.entries(files)) await sandbox.writeFile(path, content);
  return sandbox;
}

/** Run `command` and keep exit status, stdout and stderr. */
export async function run(sandbox: LiteSandbox, command: string): Promise<Ran> {
  const result = await sandbox.exec(command);
  return { exitCode: result.exitCode, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Every path in the work dir, sorted (directories end with `/`). */
export async function tree(sandbox: LiteSandbox): Promise<string[]> {
  return (await sandbox.list()).map((entry) => (entry.type === 'dir' ? `${entry.path}/` : entry.path));
}

/** The small tree the command tests start from (their expected values are GNU's on the same files). */
export const FILES: Record<string, string> = {
  'a.txt': 'apple\nbanana\napple\n',
  'n.txt': '3\n10\n2\n',
  'd/x.js': '// TODO x\n',
  'd/y.py': 'print(1)\n',
  'e/f.txt': 'hi\n',
  'B.md': '# B\n',
};
