/** `python3`, `python`, `pip` and `pip3` in the lite sandbox: CPython on Pyodide, in a worker of its own. */
import type { Runtimes } from '../../../runtimes/runtimes';
import type { LiteCommand } from '../engine';
import { runtimeCommand } from './runtime-command';

/** The Python commands over `runtimes.python`. */
export function pythonCommands(runtimes: Runtimes): LiteCommand[] {
  return [
    runtimeCommand('python3', runtimes.python),
    runtimeCommand('python', runtimes.python),
    runtimeCommand('pip', runtimes.python, ['-m', 'pip']),
    runtimeCommand('pip3', runtimes.python, ['-m', 'pip']),
  ];
}
