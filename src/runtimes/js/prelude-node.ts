/**
 * Inside QuickJS: a subset of Node's built-ins over the host's calls — Buffer, events, process, console,
 * timers, fs and fs/promises over the shared files, os, util, readline, and CommonJS `require`.
 */
export const NODE_SOURCE = String.raw`
function hostCall(op, ...args) {
  const result = JSON.parse(host.call(op, JSON.stringify(args)));
  if (result.err) {
    const error = new Error(result.err.message);
    for (const key of ['errno', 'code', 'syscall', 'path']) if (result.err[key] !== undefined) error[key] = result.err[key];
    throw error;
  }
  return result.ok;
}
const toLatin1 = (bytes) => { let s = ''; for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096)); return s; };
const fromLatin1 = (text) => { const bytes = new Uint8Array(text.length); for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i); return bytes; };
class Buffer extends Uint8Array {
  static from(value, encoding) {
    if (typeof value === 'string') {
      if (encoding === 'base64') return Buffer.from(fromLatin1(hostCall('atob', value)));
      if (encoding === 'hex') return Buffer.from((value.match(/../g) || []).map((pair) => parseInt(pair, 16)));
      if (encoding === 'latin1' || encoding === 'binary') return Buffer.from(fromLatin1(value));
      return Buffer.from(fromLatin1(hostCall('utf8', value)));
    }
    const bytes = new Buffer(value.length);
    bytes.set(value);
    return bytes;
  }
  static alloc(size, fill) { const bytes = new Buffer(size); if (fill) bytes.fill(typeof fill === 'string' ? fill.charCodeAt(0) : fill); return bytes; }
  static isBuffer(value) { return value instanceof Buffer; }
  static byteLength(text) { return typeof text === 'string' ? hostCall('utf8', text).length : text.length; }
  static concat(list) { const total = list.reduce((n, b) => n + b.length, 0); const out = new Buffer(total); let at = 0; for (const b of list) { out.set(b, at); at += b.length; } return out; }
  toString(encoding, start, end) {
    const bytes = this.subarray(start || 0, end === undefined ? this.length : end);
    if (encoding === 'base64') return hostCall('btoa', toLatin1(bytes));
    if (encoding === 'hex') return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (encoding === 'latin1' || encoding === 'binary') return toLatin1(bytes);
    return hostCall('utf8decode', toLatin1(bytes));
  }
  equals(other) { return this.length === other.length && this.every((b, i) => b === other[i]); }
  toJSON() { return { type: 'Buffer', data: [...this] }; }
}
class EventEmitter {
  constructor() { this._events = Object.create(null); }
  on(name, fn) { (this._events[name] = this._events[name] || []).push(fn); return this; }
  addListener(name, fn) { return this.on(name, fn); }
  prependListener(name, fn) { (this._events[name] = this._events[name] || []).unshift(fn); return this; }
  once(name, fn) { const once = (...args) => { this.off(name, once); fn.apply(this, args); }; once.listener = fn; return this.on(name, once); }
  off(name, fn) { const list = this._events[name]; if (list) this._events[name] = list.filter((f) => f !== fn && f.listener !== fn); return this; }
  removeListener(name, fn) { return this.off(name, fn); }
  removeAllListeners(name) { if (name === undefined) this._events = Object.create(null); else delete this._events[name]; return this; }
  emit(name, ...args) {
    const list = this._events[name];
    if (!list || list.length === 0) { if (name === 'error') throw args[0]; return false; }
    for (const fn of list.slice()) fn.apply(this, args);
    return true;
  }
  listeners(name) { return (this._events[name] || []).map((f) => f.listener || f); }
  listenerCount(name) { return (this._events[name] || []).length; }
  setMaxListeners() { return this; }
}
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.once = (emitter, name) => new Promise((resolve) => emitter.once(name, (...args) => resolve(args)));

const state = JSON.parse(host.call('state', '[]')).ok;
class ExitSignal { constructor(code) { this.code = code; } }
const stdoutStream = Object.assign(new EventEmitter(), { isTTY: false, columns: 80, fd: 1, write(chunk, encoding, cb) { host.write(1, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()); if (typeof encoding === 'function') encoding(); else if (cb) cb(); return true; }, end(chunk) { if (chunk) this.write(chunk); } });
const stderrStream = Object.assign(new EventEmitter(), { isTTY: false, columns: 80, fd: 2, write(chunk, encoding, cb) { host.write(2, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()); if (typeof encoding === 'function') encoding(); else if (cb) cb(); return true; }, end(chunk) { if (chunk) this.write(chunk); } });
const stdinStream = new EventEmitter();
let stdinText;
const readStdin = () => (stdinText === undefined ? (stdinText = hostCall('stdin')) : stdinText);
stdinStream.fd = 0;
stdinStream.isTTY = false;
stdinStream.setEncoding = function () { return this; };
stdinStream.resume = function () { return this; };
stdinStream.pause = function () { return this; };
stdinStream.read = () => null;
let stdinStarted = false;
const startStdin = () => {
  if (stdinStarted) return;
  stdinStarted = true;
  setTimeout(() => { const text = readStdin(); if (text) stdinStream.emit('data', text); stdinStream.emit('end'); stdinStream.emit('close'); }, 0);
};
const stdinOn = stdinStream.on;
stdinStream.on = function (name, fn) { stdinOn.call(this, name, fn); if (name === 'data' || name === 'end' || name === 'readable') startStdin(); return this; };
stdinStream[Symbol.asyncIterator] = async function* () { const text = readStdin(); if (text) yield text; };

// process.nextTick callbacks run before promise jobs: the host drains them before each round of jobs
const ticks = [];
function drainTicks() {
  while (ticks.length > 0) ticks.shift()();
}
const process = new EventEmitter();
Object.assign(process, {
  argv: state.argv,
  argv0: 'node',
  execArgv: [],
  execPath: '/usr/local/bin/node',
  env: state.env,
  exitCode: undefined,
  platform: 'linux',
  arch: 'wasm32',
  pid: 1,
  ppid: 0,
  title: 'node',
  version: 'v20.19.0',
  versions: { node: '20.19.0', quickjs: state.quickjs },
  release: { name: 'node' },
  stdout: stdoutStream,
  stderr: stderrStream,
  stdin: stdinStream,
  cwd: () => state.cwd,
  chdir: () => { throw new Error('process.chdir() is not supported in the lite sandbox'); },
  exit(code) {
    const final = code === undefined ? (process.exitCode === undefined ? 0 : Number(process.exitCode)) : Number(code);
    process.exitCode = final;
    try { process.emit('exit', final); } catch (e) {}
    host.exit(final);
    throw new ExitSignal(final);
  },
  abort() { process.exit(134); },
  nextTick: (fn, ...args) => { ticks.push(() => fn(...args)); },
  hrtime: Object.assign((prev) => { const ns = Math.round(hostCall('now') * 1e6); const t = [Math.floor(ns / 1e9), ns % 1e9]; return prev ? [t[0] - prev[0] - (t[1] < prev[1] ? 1 : 0), (t[1] - prev[1] + 1e9) % 1e9] : t; }, { bigint: () => BigInt(Math.round(hostCall('now') * 1e6)) }),
  uptime: () => hostCall('now') / 1000,
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  cpuUsage: () => ({ user: 0, system: 0 }),
  emitWarning: (warning) => stderrStream.write('(node:1) ' + (warning && warning.name || 'Warning') + ': ' + (warning && warning.message || warning) + '\n'),
  umask: () => 0o22,
  getuid: () => 1000,
  getgid: () => 1000,
});

const timers = new Map();
let nextTimer = 1;
class Timeout {
  constructor(id) { this.id = id; }
  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
  refresh() { return this; }
  [Symbol.toPrimitive]() { return this.id; }
}
function addTimer(fn, ms, args, repeat) {
  if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function. Received ' + inspect(fn));
  const id = nextTimer++;
  const delay = Math.max(1, Number(ms) || 1);
  timers.set(id, { fn, args, repeat: repeat ? delay : 0 });
  host.timer(id, delay);
  return new Timeout(id);
}
function clearTimer(handle) {
  const id = handle && typeof handle === 'object' ? handle.id : handle;
  if (timers.delete(id)) host.clearTimer(id);
}
function fireTimer(id) {
  const timer = timers.get(id);
  if (!timer) return;
  if (timer.repeat) host.timer(id, timer.repeat); else timers.delete(id);
  timer.fn.apply(undefined, timer.args);
}
const setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
const setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
const setImmediate = (fn, ...args) => addTimer(fn, 0, args, false);
const timersPromises = {
  setTimeout: (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms)),
  setImmediate: (value) => new Promise((resolve) => setImmediate(() => resolve(value))),
};

const console = {};
const counts = new Map();
const times = new Map();
let groupIndent = '';
const print = (fd, text) => host.write(fd, (groupIndent ? text.replace(/^/gm, groupIndent) : text) + '\n');
console.log = (...args) => print(1, format(...args));
console.info = console.log;
console.debug = console.log;
console.error = (...args) => print(2, format(...args));
console.warn = console.error;
console.trace = (...args) => print(2, 'Trace: ' + format(...args));
console.dir = (value, options) => print(1, inspect(value, options));
console.table = (value) => print(1, inspect(value));
console.assert = (value, ...args) => { if (!value) print(2, 'Assertion failed' + (args.length ? ': ' + format(...args) : '')); };
console.count = (label = 'default') => { counts.set(label, (counts.get(label) || 0) + 1); print(1, label + ': ' + counts.get(label)); };
console.countReset = (label = 'default') => counts.delete(label);
console.time = (label = 'default') => times.set(label, hostCall('now'));
console.timeEnd = (label = 'default') => { const start = times.get(label); times.delete(label); print(1, label + ': ' + (hostCall('now') - start).toFixed(3) + 'ms'); };
console.timeLog = (label = 'default', ...args) => print(1, label + ': ' + (hostCall('now') - times.get(label)).toFixed(3) + 'ms' + (args.length ? ' ' + format(...args) : ''));
console.group = (...args) => { if (args.length) console.log(...args); groupIndent += '  '; };
console.groupEnd = () => { groupIndent = groupIndent.slice(2); };

function pathArg(file) {
  if (file === 0 || file === '/dev/stdin') return 0;
  if (file && typeof file === 'object' && typeof file.href === 'string') return decodeURIComponent(file.href.replace(/^file:\/\//, ''));
  return String(file);
}
function encodingOf(options) { return typeof options === 'string' ? options : options && options.encoding; }
function decode(bytesLatin1, encoding) {
  const buffer = Buffer.from(fromLatin1(bytesLatin1));
  return encoding ? buffer.toString(encoding) : buffer;
}
function statOf(file) {
  const s = hostCall('stat', pathArg(file));
  const stat = { size: s.size, mode: s.type === 'dir' ? 0o40755 : 0o100644, mtimeMs: s.mtimeMs, mtime: new Date(s.mtimeMs), ctime: new Date(s.mtimeMs), atime: new Date(s.mtimeMs), birthtime: new Date(s.mtimeMs), uid: 1000, gid: 1000, nlink: 1, dev: 1, ino: 0, blksize: 4096, blocks: Math.ceil(s.size / 512) };
  stat.isFile = () => s.type === 'file';
  stat.isDirectory = () => s.type === 'dir';
  stat.isSymbolicLink = () => false;
  return stat;
}
const fs = {
  constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
  existsSync: (file) => hostCall('exists', pathArg(file)),
  readFileSync(file, options) {
    const target = pathArg(file);
    const encoding = encodingOf(options);
    if (target === 0) return encoding ? readStdin() : Buffer.from(readStdin());
    if (encoding === 'utf8' || encoding === 'utf-8') return hostCall('readText', target);
    return decode(hostCall('readBytes', target), encoding);
  },
  writeFileSync(file, data, options) {
    const flag = options && typeof options === 'object' && options.flag;
    if (typeof data === 'string') hostCall('writeText', pathArg(file), data, flag === 'a');
    else hostCall('writeBytes', pathArg(file), toLatin1(data), flag === 'a');
  },
  appendFileSync(file, data) {
    if (typeof data === 'string') hostCall('writeText', pathArg(file), data, true);
    else hostCall('writeBytes', pathArg(file), toLatin1(data), true);
  },
  mkdirSync(dir, options) { hostCall('mkdir', pathArg(dir), !!(options && options.recursive)); return undefined; },
  readdirSync(dir, options) {
    const names = hostCall('readdir', pathArg(dir));
    if (!(options && options.withFileTypes)) return names;
    return names.map((name) => { const s = statOf(path.join(pathArg(dir), name)); return { name, isFile: s.isFile, isDirectory: s.isDirectory, isSymbolicLink: () => false }; });
  },
  statSync(file, options) {
    try { return statOf(file); } catch (error) { if (options && options.throwIfNoEntry === false && error.code === 'ENOENT') return undefined; throw error; }
  },
  lstatSync: (file, options) => fs.statSync(file, options),
  unlinkSync: (file) => hostCall('rm', pathArg(file), { recursive: false, force: false, fileOnly: true }),
  rmdirSync: (dir, options) => hostCall('rm', pathArg(dir), { recursive: !!(options && options.recursive), force: false, dirOnly: true }),
  rmSync: (file, options) => hostCall('rm', pathArg(file), { recursive: !!(options && options.recursive), force: !!(options && options.force) }),
  renameSync: (from, to) => hostCall('rename', pathArg(from), pathArg(to)),
  copyFileSync: (from, to) => hostCall('writeBytes', pathArg(to), hostCall('readBytes', pathArg(from)), false),
  accessSync: (file) => { hostCall('stat', pathArg(file)); },
  realpathSync: (file) => hostCall('resolvePath', pathArg(file)),
  mkdtempSync: (prefix) => { const dir = prefix + Math.random().toString(36).slice(2, 8); fs.mkdirSync(dir, { recursive: true }); return dir; },
};
fs.realpathSync.native = fs.realpathSync;
const callbackified = ['readFile', 'writeFile', 'appendFile', 'mkdir', 'readdir', 'stat', 'lstat', 'unlink', 'rmdir', 'rm', 'rename', 'copyFile', 'access', 'realpath', 'mkdtemp'];
const promises = {};
for (const name of callbackified) {
  const sync = fs[name + 'Sync'];
  fs[name] = (...args) => {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : () => undefined;
    let value, error = null;
    try { value = sync(...args); } catch (e) { error = e; }
    queueMicrotask(() => (error ? callback(error) : callback(null, value)));
  };
  promises[name] = async (...args) => sync(...args);
}
fs.exists = (file, callback) => queueMicrotask(() => callback(fs.existsSync(file)));
fs.promises = promises;
promises.constants = fs.constants;

const os = {
  EOL: '\n',
  platform: () => 'linux',
  type: () => 'Linux',
  arch: () => 'wasm32',
  release: () => '0.0.0',
  hostname: () => 'lite-sandbox',
  homedir: () => state.env.HOME || '/home/project',
  tmpdir: () => '/tmp',
  cpus: () => [],
  totalmem: () => 256 * 1024 * 1024,
  freemem: () => 128 * 1024 * 1024,
  uptime: () => hostCall('now') / 1000,
  userInfo: () => ({ username: state.env.USER || 'user', uid: 1000, gid: 1000, shell: '/bin/bash', homedir: state.env.HOME || '/home/project' }),
  endianness: () => 'LE',
};

const util = {
  format,
  inspect,
  isDeepStrictEqual,
  inherits(ctor, superCtor) { Object.setPrototypeOf(ctor.prototype, superCtor.prototype); Object.setPrototypeOf(ctor, superCtor); },
  deprecate: (fn) => fn,
  promisify: (fn) => (...args) => new Promise((resolve, reject) => fn(...args, (error, value) => (error ? reject(error) : resolve(value)))),
  types: { isPromise: (v) => v instanceof Promise, isDate: (v) => v instanceof Date, isRegExp: (v) => v instanceof RegExp },
  TextEncoder: undefined,
  TextDecoder: undefined,
};
inspect.custom = Symbol.for('nodejs.util.inspect.custom');

function createInterface(options) {
  const rl = new EventEmitter();
  const input = options && options.input;
  let closed = false;
  rl.close = () => { if (!closed) { closed = true; rl.emit('close'); } };
  rl.setPrompt = () => undefined;
  rl.prompt = () => undefined;
  rl.write = (text) => stdoutStream.write(text);
  const lines = () => { const text = input === stdinStream || input === undefined ? readStdin() : ''; const all = text.split('\n'); if (all[all.length - 1] === '') all.pop(); return all; };
  rl.question = (query, callback) => { stdoutStream.write(query); const all = lines(); const answer = all[rl._at || 0] || ''; rl._at = (rl._at || 0) + 1; setTimeout(() => callback(answer), 0); };
  const start = rl.on;
  let started = false;
  rl.on = function (name, fn) {
    start.call(this, name, fn);
    if (name === 'line' && !started) { started = true; setTimeout(() => { for (const line of lines()) { if (closed) break; rl.emit('line', line); } rl.close(); }, 0); }
    return this;
  };
  rl[Symbol.asyncIterator] = async function* () { for (const line of lines()) yield line; };
  return rl;
}
const readline = { createInterface, Interface: EventEmitter };
readline.promises = { createInterface: (options) => { const rl = createInterface(options); const question = rl.question; rl.question = (query) => new Promise((resolve) => question(query, resolve)); return rl; } };

const modules = Object.create(null);
let mainModule;
class Module {
  constructor(id, parent) { this.id = id; this.filename = id; this.path = path.dirname(id); this.exports = {}; this.loaded = false; this.children = []; this.paths = []; this.parent = parent; }
}
function makeRequire(fromDir, parent) {
  const require = (spec) => requireFrom(fromDir, spec, parent);
  require.resolve = (spec) => { const found = hostCall('resolve', fromDir, String(spec)); return found.builtin ? found.builtin : found.path; };
  require.cache = modules;
  require.main = mainModule;
  return require;
}
function requireFrom(fromDir, spec, parent) {
  const found = hostCall('resolve', fromDir, String(spec));
  if (found.builtin) return builtin(found.builtin);
  return requireAbs(found.path, found.type, parent);
}
function requireAbs(file, type, parent) {
  const cached = modules[file];
  if (cached) return cached.exports;
  if (type === undefined) type = hostCall('resolve', '/', file).type;
  const module = new Module(file, parent);
  if (!mainModule) mainModule = module;
  modules[file] = module;
  if (parent) parent.children.push(module);
  try {
    const source = hostCall('readText', file);
    if (type === 'json') {
      module.exports = JSON.parse(source);
    } else if (type === 'esm') {
      const error = new Error('require() of the ES module ' + file + ' is not supported in the lite sandbox: use import, or make it CommonJS');
      error.code = 'ERR_REQUIRE_ESM';
      throw error;
    } else {
      const body = source.startsWith('#!') ? '//' + source : source;
      const fn = host.compile(file, '(function (exports, require, module, __filename, __dirname) {' + body + '\n})');
      fn.call(module.exports, module.exports, makeRequire(path.dirname(file), module), module, file, path.dirname(file));
    }
  } catch (error) {
    delete modules[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
const moduleBuiltin = { createRequire: (file) => makeRequire(path.dirname(String(file).replace(/^file:\/\//, ''))), builtinModules: [] };
const builtins = {
  fs: () => fs,
  'fs/promises': () => promises,
  path: () => path,
  'path/posix': () => path,
  process: () => process,
  console: () => console,
  assert: () => assertLoose,
  'assert/strict': () => assertStrict,
  timers: () => ({ setTimeout, setInterval, setImmediate, clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearTimer }),
  'timers/promises': () => timersPromises,
  util: () => util,
  events: () => EventEmitter,
  os: () => os,
  readline: () => readline,
  'readline/promises': () => readline.promises,
  buffer: () => ({ Buffer }),
  module: () => moduleBuiltin,
};
moduleBuiltin.builtinModules = Object.keys(builtins);
function builtin(name) {
  const make = builtins[name];
  if (!make) throw new Error('no built-in ' + name);
  return make();
}
`;
