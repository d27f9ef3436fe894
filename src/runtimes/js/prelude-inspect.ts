/** Inside QuickJS: `inspect` and `format` as Node's util prints values (the common cases). */
export const INSPECT_SOURCE = String.raw`
const IDENT = /^[A-Za-z_$][\w$]*$/;
function quote(text) {
  const q = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes('${"`"}') ? '${"`"}' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}
function errorText(err) {
  const head = (err.name || 'Error') + (err.code && err.__nodeStyle ? ' [' + err.code + ']' : '') + (err.message ? ': ' + err.message : '');
  // our prelude's frames and native calls are not the user's code
  const stack = typeof err.stack === 'string' ? err.stack.split('\n').filter((line) => line && !line.includes('node:internal/') && !line.includes('(native)')).join('\n') : '';
  return stack ? head + '\n' + stack : head;
}
function funcName(fn) {
  const source = Function.prototype.toString.call(fn);
  if (/^class[\s{]/.test(source)) return fn.name ? '[class ' + fn.name + ']' : '[class (anonymous)]';
  return fn.name ? '[Function: ' + fn.name + ']' : '[Function (anonymous)]';
}
function keysOf(value) {
  return Object.keys(value).filter((key) => !(Array.isArray(value) && /^\d+$/.test(key)));
}
function keyText(key) {
  return IDENT.test(key) ? key : quote(key);
}
function wrap(open, entries, close, indent, breakAt) {
  if (entries.length === 0) return open.trim() === '{' ? '{}' : open + close;
  const oneLine = open + ' ' + entries.join(', ') + ' ' + close;
  if (oneLine.length + indent <= breakAt && !entries.some((entry) => entry.includes('\n'))) return oneLine;
  const pad = ' '.repeat(indent + 2);
  return open + '\n' + entries.map((entry) => pad + entry).join(',\n') + '\n' + ' '.repeat(indent) + close;
}
function inspectValue(value, depth, seen, indent, top) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return top ? value : quote(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return String(value) + 'n';
    case 'boolean': return String(value);
    case 'symbol': return value.toString();
    case 'function': {
      const extra = keysOf(value);
      if (extra.length === 0) return funcName(value);
      break;
    }
  }
  if (seen.includes(value)) return '[Circular *1]';
  if (value instanceof Error) {
    const text = errorText(value);
    const extra = keysOf(value).filter((key) => key !== '__nodeStyle');
    if (extra.length === 0 || depth < 0) return top ? text : '[' + text.split('\n')[0] + ']';
    const entries = extra.map((key) => keyText(key) + ': ' + inspectValue(value[key], depth - 1, seen.concat([value]), indent + 2, false));
    return text + ' ' + wrap('{', entries, '}', indent, 0);
  }
  if (value instanceof Date) return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (value instanceof Promise) return 'Promise { <unknown> }';
  const next = seen.concat([value]);
  const inner = (item) => inspectValue(item, depth - 1, next, indent + 2, false);
  if (Array.isArray(value)) {
    if (depth < 0) return '[Array]';
    const entries = [];
    let holes = 0;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) { holes++; continue; }
      if (holes) { entries.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>'); holes = 0; }
      if (entries.length >= 100) { entries.push('... ' + (value.length - 100) + ' more items'); break; }
      entries.push(inner(value[i]));
    }
    if (holes) entries.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
    for (const key of keysOf(value)) entries.push(keyText(key) + ': ' + inner(value[key]));
    return wrap('[', entries, ']', indent, 72);
  }
  if (value instanceof Map) {
    if (depth < 0) return '[Map]';
    const entries = [...value].map(([k, v]) => inner(k) + ' => ' + inner(v));
    return wrap('Map(' + value.size + ') {', entries, '}', indent, 72);
  }
  if (value instanceof Set) {
    if (depth < 0) return '[Set]';
    return wrap('Set(' + value.size + ') {', [...value].map(inner), '}', indent, 72);
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor && value.constructor.name || 'TypedArray';
    if (name === 'Buffer') {
      const hex = [...value.slice(0, 50)].map((b) => b.toString(16).padStart(2, '0'));
      return '<Buffer' + (hex.length ? ' ' + hex.join(' ') : '') + (value.length > 50 ? ' ... ' + (value.length - 50) + ' more bytes' : '') + '>';
    }
    return wrap(name + '(' + value.length + ') [', [...value].map(inner), ']', indent, 72);
  }
  const proto = Object.getPrototypeOf(value);
  const ctor = proto && proto.constructor && proto.constructor.name;
  const prefix = typeof value === 'function' ? funcName(value) + ' ' : proto === null ? '[Object: null prototype] ' : ctor && ctor !== 'Object' ? ctor + ' ' : '';
  if (depth < 0) return '[' + (ctor || 'Object') + ']';
  const entries = keysOf(value).map((key) => {
    const desc = Object.getOwnPropertyDescriptor(value, key);
    const shown = desc && desc.get ? (desc.set ? '[Getter/Setter]' : '[Getter]') : inner(value[key]);
    return keyText(key) + ': ' + shown;
  });
  for (const sym of Object.getOwnPropertySymbols(value)) {
    if (Object.getOwnPropertyDescriptor(value, sym).enumerable) entries.push('[' + sym.toString() + ']: ' + inner(value[sym]));
  }
  if (entries.length === 0) return prefix + '{}';
  return prefix + wrap('{', entries, '}', indent, 72 - prefix.length);
}
function inspect(value, options) {
  const depth = options && typeof options.depth === 'number' ? options.depth : options && options.depth === null ? Infinity : 2;
  return inspectValue(value, depth, [], 0, false);
}
function format(...args) {
  let out = '';
  let rest = args;
  if (typeof args[0] === 'string') {
    let i = 1;
    out = args[0].replace(/%[sdifjoOc%]/g, (spec) => {
      if (spec === '%%') return '%';
      if (i >= args.length) return spec;
      const arg = args[i++];
      switch (spec) {
        case '%s': return typeof arg === 'string' ? arg : typeof arg === 'bigint' ? arg + 'n' : typeof arg === 'object' && arg !== null ? inspectValue(arg, 1, [], 0, false) : String(arg);
        case '%d': return typeof arg === 'bigint' ? arg + 'n' : String(Number(arg));
        case '%i': return String(parseInt(arg, 10));
        case '%f': return String(parseFloat(arg));
        case '%j': try { return JSON.stringify(arg); } catch (e) { return '[Circular]'; }
        case '%c': return '';
        default: return inspect(arg, { depth: 4 });
      }
    });
    rest = args.slice(i);
  } else {
    out = args.length ? inspectValue(args[0], 2, [], 0, true) : '';
    rest = args.slice(1);
  }
  for (const arg of rest) out += ' ' + (typeof arg === 'string' ? arg : inspectValue(arg, 2, [], 0, true));
  return out;
}
`;
