/**
 * GNU basic regular expressions (grep, sed without -E) as extended ones: `\+`, `\?`, `\|`, `\(`, `\{` are
 * operators in GNU's BRE and `+ ? | ( ) { }` are literal, the other way round in ERE. just-bash reads BRE
 * without GNU's extensions, so we hand it the ERE.
 */
const SWAPPED = new Set(['+', '?', '|', '(', ')', '{', '}']);

/** The ERE that matches what GNU's BRE `pattern` matches. */
export function breToEre(pattern: string): string {
  let out = '';
  let atStart = true; // where a `*` is literal in BRE
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '[') {
      const end = bracketEnd(pattern, i);
      out += pattern.slice(i, end);
      i = end - 1;
      atStart = false;
      continue;
    }
    if (char === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += SWAPPED.has(next) ? next : `\\${next}`;
      atStart = next === '(' || next === '|';
      continue;
    }
    if (char === '*' && atStart) out += '\\*';
    else out += SWAPPED.has(char) ? `\\${char}` : char;
    atStart = char === '^' && out.length === 1;
  }
  return out;
}

/** The index just after the bracket expression opening at `start` (`[]a]`, `[^]a]`, `[[:digit:]]`). */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length) {
    if (pattern[i] === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
      const close = pattern.indexOf(`${pattern[i + 1]}]`, i + 2);
      i = close === -1 ? i + 1 : close + 2;
      continue;
    }
    if (pattern[i] === ']') return i + 1;
    i++;
  }
  return pattern.length; // unterminated: copied as is, the engine reports it
}
