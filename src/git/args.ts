/** A small argv reader shaped after git's option parser: flags, flags with values, and `--`. */
import { usage } from './errors';

/** Options of one command: which take a value, and which single-letter flags can be bundled (`-am`). */
export interface OptionSpec {
  /** Flags without a value, e.g. ['-a', '--all']. */
  flags?: readonly string[];
  /** Flags that take a value, e.g. ['-m', '--message', '-n']. */
  values?: readonly string[];
}

/** What was given: flags (by spelling), values (all given, in order) and the other words. */
export interface Parsed {
  flags: Set<string>;
  values: Map<string, string[]>;
  words: string[];
  /** Words after `--`. */
  paths: string[];
  dashdash: boolean;
}

/** Read argv by the spec; an unknown option is git's usage error (exit 129). */
export function parseArgs(command: string, argv: readonly string[], spec: OptionSpec): Parsed {
  const flags = new Set(spec.flags ?? []);
  const values = new Set(spec.values ?? []);
  const parsed: Parsed = { flags: new Set(), values: new Map(), words: [], paths: [], dashdash: false };
  const give = (name: string, value: string) => parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (parsed.dashdash) {
      parsed.paths.push(arg);
    } else if (arg === '--') {
      parsed.dashdash = true;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (values.has(name)) {
        if (eq >= 0) give(name, arg.slice(eq + 1));
        else if (i + 1 < argv.length) give(name, argv[++i]);
        else throw usage(`error: option \`${name.slice(2)}' requires a value`);
      } else if (flags.has(arg)) {
        parsed.flags.add(arg);
      } else {
        throw usage(`error: unknown option \`${arg.slice(2)}'\nusage: git ${command} [<options>]`);
      }
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d+$/.test(arg)) {
      for (let j = 1; j < arg.length; j++) {
        const name = `-${arg[j]}`;
        if (values.has(name)) {
          const rest = arg.slice(j + 1);
          if (rest) give(name, rest);
          else if (i + 1 < argv.length) give(name, argv[++i]);
          else throw usage(`error: switch \`${arg[j]}' requires a value`);
          break;
        }
        if (!flags.has(name)) throw usage(`error: unknown switch \`${arg[j]}'\nusage: git ${command} [<options>]`);
        parsed.flags.add(name);
      }
    } else {
      parsed.words.push(arg);
    }
  }
  return parsed;
}

/** Whether any of these spellings was given. */
export function has(parsed: Parsed, ...names: string[]): boolean {
  return names.some((name) => parsed.flags.has(name));
}

/** The last value given under any of these spellings. */
export function value(parsed: Parsed, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    const given = parsed.values.get(name);
    if (given?.length) found = given[given.length - 1];
  }
  return found;
}
