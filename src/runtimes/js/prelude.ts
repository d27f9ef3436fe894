/** The JavaScript evaluated in each fresh QuickJS context before the user's code: Node's globals and built-ins. */
import { ASSERT_SOURCE } from './prelude-assert';
import { INSPECT_SOURCE } from './prelude-inspect';
import { NODE_SOURCE } from './prelude-node';
import { PATH_SOURCE } from './prelude-path';

const GLOBALS_SOURCE = String.raw`
if (typeof globalThis.queueMicrotask !== 'function') globalThis.queueMicrotask = (fn) => { Promise.resolve().then(fn); };
const queueMicrotask = globalThis.queueMicrotask;
class TextEncoder { get encoding() { return 'utf-8'; } encode(text = '') { return fromLatin1(hostCall('utf8', String(text))); } }
class TextDecoder { constructor(encoding = 'utf-8') { this.encoding = encoding; } decode(bytes) { return bytes ? hostCall('utf8decode', toLatin1(new Uint8Array(bytes.buffer || bytes, bytes.byteOffset || 0, bytes.byteLength))) : ''; } }
util.TextEncoder = TextEncoder;
util.TextDecoder = TextDecoder;
const url = {
  fileURLToPath: (u) => decodeURIComponent(String(u && u.href || u).replace(/^file:\/\//, '')),
  pathToFileURL: (p) => { const href = 'file://' + path.resolve(p); return { href, pathname: path.resolve(p), protocol: 'file:', toString: () => href }; },
};
builtins.url = () => url;
builtins.util = () => util;
moduleBuiltin.builtinModules = Object.keys(builtins);
function where(error) {
  const stack = error && typeof error.stack === 'string' ? error.stack : '';
  const found = /\((\/[^():]+):(\d+)(?::(\d+))?\)/.exec(stack) || /at (\/[^():]+):(\d+)(?::(\d+))?/.exec(stack);
  if (!found) return '';
  const line = Number(found[2]);
  let text = '';
  try { text = hostCall('readText', found[1]).split('\n')[line - 1] || ''; } catch (e) { return ''; }
  const column = found[3] ? Number(found[3]) - 1 : text.length - text.trimStart().length;
  return found[1] + ':' + line + '\n' + text + '\n' + ' '.repeat(Math.max(0, column)) + '^\n\n';
}
function uncaught(error) {
  if (error instanceof ExitSignal) return;
  const shown = error instanceof Error ? inspectValue(error, 2, [], 0, true) : 'Uncaught ' + inspect(error);
  host.write(2, where(error) + shown + '\n\nNode.js ' + process.version + ' (QuickJS in the lite sandbox)\n');
}
Object.assign(globalThis, {
  global: globalThis,
  process, console, Buffer, URLSearchParams: globalThis.URLSearchParams,
  setTimeout, setInterval, setImmediate,
  clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearTimer,
  TextEncoder, TextDecoder,
  structuredClone: globalThis.structuredClone || ((value) => JSON.parse(JSON.stringify(value))),
});
globalThis.__autopilot = {
  requireAbs: (file) => requireAbs(file, undefined, undefined),
  makeRequire: (dir) => makeRequire(dir, undefined),
  builtin,
  builtinKeys: (name) => Object.keys(builtin(name)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default'),
  fireTimer,
  drainTicks,
  uncaught,
  isExit: (value) => value instanceof ExitSignal,
  emitExit: () => { const code = process.exitCode === undefined ? 0 : Number(process.exitCode) || 0; process.emit('exit', code); },
  exitCode: () => (process.exitCode === undefined ? 0 : Number(process.exitCode) || 0),
};
`;

/** The whole prelude: one function over the host object `__host`. */
export const PRELUDE_SOURCE = `(function (host) {\n'use strict';\n${INSPECT_SOURCE}\n${PATH_SOURCE}\n${ASSERT_SOURCE}\n${NODE_SOURCE}\n${GLOBALS_SOURCE}\n})(globalThis.__host);\ndelete globalThis.__host;\n`;
