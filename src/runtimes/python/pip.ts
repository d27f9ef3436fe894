/**
 * `pip` in the lite sandbox: `pip install NAME…` through micropip, which comes from Pyodide's CDN (the npm
 * package does not ship it), so it works only online; `pip list` shows what is loaded.
 */
import type { PyodideAPI } from './pyodide';

/** What pip says when the package CDN cannot be reached. */
export const OFFLINE_NOTE = 'offline: only the standard library is available';

const USAGE = 'usage: pip install NAME [NAME …] | pip list   (pip in the lite sandbox runs on micropip)\n';

/** Run pip's arguments; output goes through `out` and `err`; returns the exit code. */
export async function runPip(
  pyodide: PyodideAPI,
  args: readonly string[],
  out: (chunk: string) => void,
  err: (chunk: string) => void,
): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === '--version' || verb === '-V') {
    out(`pip (micropip on Pyodide ${pyodide.version})\n`);
    return 0;
  }
  if (verb === 'list' || verb === 'freeze') {
    const names = Object.keys(pyodide.loadedPackages).sort();
    out(names.length === 0 ? '' : `${names.join('\n')}\n`);
    return 0;
  }
  const names = rest.filter((arg) => !arg.startsWith('-'));
  if (verb !== 'install' || names.length === 0) {
    err(USAGE);
    return 2;
  }
  // loadPackage reports a failed download through errorCallback rather than by throwing
  const problems: string[] = [];
  try {
    await pyodide.loadPackage('micropip', { messageCallback: () => undefined, errorCallback: (message) => problems.push(message) });
  } catch (error) {
    problems.push(describe(error));
  }
  if (!('micropip' in pyodide.loadedPackages)) {
    const reason = problems.join(' ').replace(/\s+/g, ' ').replace(/: ?$/, '').trim() || 'it did not load';
    err(`pip: ${OFFLINE_NOTE} (micropip could not be loaded from Pyodide's package CDN: ${reason}).\n`);
    return 1;
  }
  try {
    const micropip = pyodide.pyimport('micropip') as { install(names: string[]): Promise<void> };
    await micropip.install([...names]);
    out(`Successfully installed ${names.join(' ')}\n`);
    return 0;
  } catch (error) {
    err(`pip: could not install ${names.join(' ')}: ${describe(error)}\n`);
    return 1;
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n').filter(Boolean).slice(-1)[0] ?? 'unknown error';
}
