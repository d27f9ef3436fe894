/** How GNU sort compares two lines: keys in order, each by its own or the global ordering, then bytes. */

/** The orderings a key (or the whole line) can have. */
export interface SortOrder {
  numeric?: boolean;
  general?: boolean;
  human?: boolean;
  version?: boolean;
  month?: boolean;
  fold?: boolean;
  blanks?: boolean;
  dictionary?: boolean;
  reverse?: boolean;
  random?: boolean;
}

/** A `-k F1[.C1][opts][,F2[.C2][opts]]` key; fields and characters count from 1, end 0 = end of line. */
export interface SortKey {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  order?: SortOrder;
  blanksStart: boolean;
  blanksEnd: boolean;
}

/** Everything a comparison needs. */
export interface CompareOptions {
  keys: SortKey[];
  order: SortOrder;
  separator?: string;
  stable: boolean;
  seed: number;
}

const ORDER_LETTERS: Record<string, keyof SortOrder> = {
  n: 'numeric', g: 'general', h: 'human', V: 'version', M: 'month', f: 'fold', b: 'blanks', d: 'dictionary', r: 'reverse', R: 'random',
};

/** Parse `-k`'s argument; undefined when GNU would refuse it. */
export function parseKey(spec: string): SortKey | undefined {
  const match = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(spec);
  if (!match || Number(match[1]) === 0) return undefined;
  const order: SortOrder = {};
  for (const letter of `${match[3]}${match[6] ?? ''}`) {
    const name = ORDER_LETTERS[letter];
    if (!name) return undefined;
    order[name] = true;
  }
  return {
    startField: Number(match[1]),
    startChar: Number(match[2] ?? 1),
    endField: Number(match[4] ?? 0),
    endChar: Number(match[5] ?? 0),
    order: Object.keys(order).length > 0 ? order : undefined,
    blanksStart: match[3].includes('b'),
    blanksEnd: (match[6] ?? '').includes('b'),
  };
}

/** Field boundaries: with a separator, between separators; without, each field starts with its blanks. */
function fieldStarts(line: string, separator?: string): Array<[number, number]> {
  const fields: Array<[number, number]> = [];
  if (separator !== undefined) {
    let start = 0;
    for (;;) {
      const end = line.indexOf(separator, start);
      fields.push([start, end === -1 ? line.length : end]);
      if (end === -1) return fields;
      start = end + 1;
    }
  }
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && /[ \t]/.test(line[i])) i++;
    while (i < line.length && !/[ \t]/.test(line[i])) i++;
    fields.push([start, i]);
  }
  return fields;
}

function keyText(line: string, key: SortKey, separator?: string): string {
  const fields = fieldStarts(line, separator);
  if (key.startField > fields.length) return '';
  let [start] = fields[key.startField - 1];
  if (key.blanksStart) while (start < line.length && /[ \t]/.test(line[start])) start++;
  start = Math.min(line.length, start + key.startChar - 1);
  let end = line.length;
  if (key.endField > 0 && key.endField <= fields.length) {
    const [fieldStart, fieldEnd] = fields[key.endField - 1];
    if (key.endChar === 0) end = fieldEnd;
    else {
      let from = fieldStart;
      if (key.blanksEnd) while (from < line.length && /[ \t]/.test(line[from])) from++;
      end = Math.min(fieldEnd, from + key.endChar);
    }
  }
  return end <= start ? '' : line.slice(start, end);
}

function bytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function leadingNumber(text: string): number {
  const match = /^\s*(-?\d*\.?\d*)/.exec(text);
  const value = match ? Number.parseFloat(match[1]) : Number.NaN;
  return Number.isNaN(value) ? 0 : value;
}

const HUMAN = 'KMGTPEZY';
function humanValue(text: string): [number, number] {
  const match = /^\s*(-?\d*\.?\d*)([KMGTPEZYk]?)/.exec(text);
  const number = match ? Number.parseFloat(match[1]) || 0 : 0;
  const suffix = match?.[2] ? HUMAN.indexOf(match[2].toUpperCase()) + 1 : 0;
  return [Math.sign(number) * suffix, number];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function versionCompare(a: string, b: string): number {
  const parts = (text: string) => text.match(/\d+|\D+/g) ?? [];
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const numeric = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    const c = numeric ? Number(x[i]) - Number(y[i]) : bytes(x[i], y[i]);
    if (c !== 0) return Math.sign(c);
  }
  return x.length - y.length;
}

function hash(text: string, seed: number): number {
  let h = Math.floor(seed * 2 ** 31) ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function compareBy(a: string, b: string, order: SortOrder, seed: number): number {
  let x = order.blanks ? a.replace(/^[ \t]+/, '') : a;
  let y = order.blanks ? b.replace(/^[ \t]+/, '') : b;
  if (order.dictionary) {
    x = x.replace(/[^A-Za-z0-9 \t]/g, '');
    y = y.replace(/[^A-Za-z0-9 \t]/g, '');
  }
  if (order.fold) {
    x = x.toUpperCase();
    y = y.toUpperCase();
  }
  if (order.random) return hash(x, seed) - hash(y, seed) || 0;
  if (order.numeric) return Math.sign(leadingNumber(x) - leadingNumber(y));
  if (order.general) {
    const p = Number.parseFloat(x);
    const q = Number.parseFloat(y);
    if (Number.isNaN(p) || Number.isNaN(q)) return Number.isNaN(p) ? (Number.isNaN(q) ? 0 : -1) : 1;
    return Math.sign(p - q);
  }
  if (order.human) {
    const [p, m] = humanValue(x);
    const [q, n] = humanValue(y);
    return Math.sign(p - q) || Math.sign(m - n);
  }
  if (order.month) return MONTHS.indexOf(x.trim().slice(0, 3).toUpperCase()) - MONTHS.indexOf(y.trim().slice(0, 3).toUpperCase());
  if (order.version) return versionCompare(x, y);
  return bytes(x, y);
}

/** GNU's comparison: each key (or the whole line), then the whole line by bytes unless stable. */
export function compareLines(a: string, b: string, options: CompareOptions): number {
  if (options.keys.length === 0) {
    const c = compareBy(a, b, options.order, options.seed);
    if (c !== 0 || options.stable || !hasOrdering(options.order)) return options.order.reverse ? -c : c;
  } else {
    for (const key of options.keys) {
      const order = key.order ?? options.order;
      const c = compareBy(keyText(a, key, options.separator), keyText(b, key, options.separator), order, options.seed);
      if (c !== 0) return order.reverse ? -c : c;
    }
    if (options.stable) return 0;
  }
  const last = bytes(a, b);
  return options.order.reverse ? -last : last;
}

function hasOrdering(order: SortOrder): boolean {
  return Boolean(order.numeric || order.general || order.human || order.version || order.month || order.fold || order.blanks || order.dictionary || order.random);
}
