/**
 * The line typed into the jsh session for one `exec`. A plain single-line command is typed as is, so `cd` and
 * `export` persist. With `cwd` or `env`, with `exit`/`exec`, or over several lines (heredocs, scripts), it runs
 * in a child shell —
 * `jsh -c '…'`, or `jsh <script file>` for several lines — so those settings stay with that command.
 */
import { WORKDIR, type ExecOptions } from '../sandbox';
import { resolveInWorkdir } from '../paths';
import type { WcFileSystem } from './port';

/** Where multi-line commands are written for the time they run (excluded from zips and snapshots). */
export const SCRIPT_DIR = '.autopilot-exec';

/** The line to type, and the script file to remove afterwards (if any). */
export interface CommandLine {
  text: string;
  script?: string;
}

/**
 * `exit` and `exec` typed into the session would end it (and lose its state): such commands run in a child
 * shell instead. A false match (the word inside quotes) only costs that command's `cd`/`export` persistence.
 */
const ENDS_SESSION = /(^|[;&|(\s])(exit|exec)(?=$|[\s;&|)])/;

/** POSIX single-quoting (`'` becomes `'\''`). */
export function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The `cd` and `export` lines that set up `options` in a child shell. */
function preamble(options: ExecOptions): string[] {
  const lines: string[] = [];
  if (options.cwd !== undefined) lines.push(`cd ${quote(resolveInWorkdir(options.cwd))}`);
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    lines.push(`export ${name}=${quote(value)}`);
  }
  return lines;
}

/** Build the line for `command`, writing a script file when it spans several lines. */
export async function commandLine(fs: WcFileSystem, command: string, options: ExecOptions, serial: number): Promise<CommandLine> {
  const text = command.replace(/\r\n/g, '\n').trim();
  const setup = preamble(options);
  if (!text.includes('\n')) {
    if (setup.length === 0 && !ENDS_SESSION.test(text)) return { text };
    return { text: `/bin/jsh -c ${quote([...setup, text].join(' && '))}` };
  }
  const script = `${SCRIPT_DIR}/exec-${serial}.sh`;
  await fs.mkdir(SCRIPT_DIR, { recursive: true });
  await fs.writeFile(script, `${[...setup, text].join('\n')}\n`);
  return { text: `/bin/jsh ${WORKDIR}/${script}`, script };
}
