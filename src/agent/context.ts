/** What goes into each model request: observations cut to size (compaction lives here too, later). */

/** Observations longer than this are cut to head + tail. */
export const MAX_OBSERVATION_CHARS = 10_000;

/** `text` within `max` characters: the first and last halves around a line saying how much was cut. */
export function truncateMiddle(text: string, max = MAX_OBSERVATION_CHARS): string {
  if (text.length <= max) return text;
  const head = Math.floor(max / 2);
  const tail = max - head;
  const cut = text.length - head - tail;
  return `${text.slice(0, head)}\n[… ${cut} characters cut …]\n${text.slice(text.length - tail)}`;
}
