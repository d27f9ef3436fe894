/** Turning raw terminal output into the plain text the model reads. */

// Escape sequences: OSC (to BEL or ST), CSI, charset selection, and two-byte ESC sequences.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_=>78]/g;
// Control characters other than tab, newline and carriage return (backspace is applied before this).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** Remove escape sequences (colours, cursor moves, OSC markers) and apply backspaces. */
export function stripEscapes(text: string): string {
  let plain = text.replace(ESCAPES, '');
  while (/[^\n\b]\b/.test(plain)) plain = plain.replace(/[^\n\b]\b/g, '');
  return plain.replace(/\b/g, '').replace(CONTROLS, '');
}

/** What a line shows after carriage returns overwrote it: its last non-empty segment. */
function settleLine(line: string): string {
  const segments = line.split('\r').filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? '';
}

/**
 * The model's copy of a command's output: escapes removed, carriage-return overwrites settled, the echo of
 * the command line dropped, trailing blank lines trimmed.
 */
export function cleanOutput(raw: string, command: string): string {
  const lines = stripEscapes(raw)
    .split('\n')
    .map((line) => settleLine(line).trimEnd());
  const echoed = command.trim();
  if (lines.length > 0 && echoed !== '' && lines[0].trim().endsWith(echoed)) lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
