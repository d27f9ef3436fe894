/** isomorphic-git uses the global Buffer, which browsers and workers lack: give it the `buffer` package's. */
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: unknown };
if (scope.Buffer === undefined) scope.Buffer = Buffer;
