/** Command-line flags shared by the headless scripts (agent, eval). */

/** A flag's positive number, or undefined when not given; anything else ends the process with status 2 and why. */
export function positiveFlag(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`--${name} must be a positive number, not "${text}".\n`);
    process.exit(2);
  }
  return value;
}
