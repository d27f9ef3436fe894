/**
 * Command-line options read as GNU's getopt_long reads them: short options bundled (`-rf`, `-sd+`), a
 * value attached or in the next word (`-n2`, `-n 2`), long options with `=` or the next word, options
 * anywhere among operands, and `--` ending them.
 */

/** One option: its short letter and/or long name, and whether it takes a value. */
export interface OptionSpec {
  short?: string;
  long?: string;
  value?: boolean;
}

/** What a command line held: flags seen (by key), values given (last wins, all kept in `lists`), operands. */
export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
  operands: string[];
}

/** A command line GNU would refuse, with its message. */
export interface OptionError {
  error: string;
}

/** Parse `args` against `specs` (keyed by the name the command uses). */
export function parseGnuOptions(
  command: string,
  args: readonly string[],
  specs: Record<string, OptionSpec>,
): ParsedOptions | OptionError {
  const byShort = new Map<string, [string, OptionSpec]>();
  const byLong = new Map<string, [string, OptionSpec]>();
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.short) byShort.set(spec.short, [key, spec]);
    if (spec.long) byLong.set(spec.long, [key, spec]);
  }
  const parsed: ParsedOptions = { flags: new Set(), values: new Map(), lists: new Map(), operands: [] };
  const setValue = (key: string, value: string): void => {
    parsed.values.set(key, value);
    parsed.lists.set(key, [...(parsed.lists.get(key) ?? []), value]);
  };
  const tryHelp = `Try '${command} --help' for more information.\n`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      parsed.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const matches = [...byLong.keys()].filter((long) => long === name || long.startsWith(name));
      const exact = byLong.get(name);
      if (!exact && matches.length !== 1) {
        const why = matches.length === 0 ? 'unrecognized option' : 'option is ambiguous';
        return { error: `${command}: ${why} '${arg}'\n${tryHelp}` };
      }
      const [key, spec] = exact ?? byLong.get(matches[0])!;
      if (!spec.value) {
        if (eq !== -1) return { error: `${command}: option '--${spec.long}' doesn't allow an argument\n${tryHelp}` };
        parsed.flags.add(key);
        continue;
      }
      if (eq !== -1) setValue(key, arg.slice(eq + 1));
      else if (i + 1 < args.length) setValue(key, args[++i]);
      else return { error: `${command}: option '--${spec.long}' requires an argument\n${tryHelp}` };
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      for (let j = 1; j < arg.length; j++) {
        const found = byShort.get(arg[j]);
        if (!found) return { error: `${command}: invalid option -- '${arg[j]}'\n${tryHelp}` };
        const [key, spec] = found;
        if (!spec.value) {
          parsed.flags.add(key);
          continue;
        }
        if (j + 1 < arg.length) setValue(key, arg.slice(j + 1));
        else if (i + 1 < args.length) setValue(key, args[++i]);
        else return { error: `${command}: option requires an argument -- '${arg[j]}'\n${tryHelp}` };
        break;
      }
      continue;
    }
    parsed.operands.push(arg);
  }
  return parsed;
}

/** The usual failure of a refused command line: the message, exit 1 (or the command's own status). */
export function optionFailure(parsed: OptionError, exitCode = 1): { stdout: string; stderr: string; exitCode: number } {
  return { stdout: '', stderr: parsed.error, exitCode };
}
