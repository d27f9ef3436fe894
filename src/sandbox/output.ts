/** Output helpers shared by sandbox adapters. */

/** Default cap on a command's output, in characters. */
export const DEFAULT_OUTPUT_CAP = 1_000_000;

/** Text kept within `max` characters: its head and tail around a line saying how much was dropped. */
export function capOutput(text: string, max: number = DEFAULT_OUTPUT_CAP): { text: string; dropped: number } {
  if (text.length <= max) return { text, dropped: 0 };
  const head = Math.floor(max / 2);
  const tail = max - head;
  const dropped = text.length - max;
  const marker = `\n[… ${dropped} characters dropped: the output passed the sandbox's cap of ${max} …]\n`;
  return { text: text.slice(0, head) + marker + text.slice(text.length - tail), dropped };
}

/** stdout then stderr, with a line break between them when stdout does not end with one. */
export function joinOutput(stdout: string, stderr: string): string {
  if (stdout === '' || stderr === '' || stdout.endsWith('\n')) return stdout + stderr;
  return `${stdout}\n${stderr}`;
}
