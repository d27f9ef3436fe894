/** `python3`, `python`, `pip` and `pip3` in the lite sandbox: CPython on Pyodide, in a worker of its own. */
import type { Runtimes } from '../../../runtimes/runtimes';
import type { SharedFs } from '../../../runtimes/shared-fs';
import type { LiteCommand } from '../engine';
import { runtimeCommand } from './runtime-command';

/** The Python commands over `runtimes.python`. */
export function pythonCommands(runtimes: Runtimes, fs: () => SharedFs): LiteCommand[] {
  return [
    runtimeCommand('python3', runtimes.python, fs),
    runtimeCommand('python', runtimes.python, fs),
    runtimeCommand('pip', runtimes.python, fs, ['-m', 'pip']),
    runtimeCommand('pip3', runtimes.python, fs, ['-m', 'pip']),
  ];
}
