/** `node`'s command line as the lite sandbox understands it. */

/** What to run. */
export type NodeInvocation =
  | { mode: 'file'; file: string; args: string[] }
  | { mode: 'eval'; code: string; print: boolean; module: boolean; args: string[] }
  | { mode: 'stdin'; module: boolean; args: string[] }
  | { mode: 'version' }
  | { mode: 'help' }
  | { mode: 'refused'; message: string };

/** Options that take a value as the next argument; they are accepted and ignored. */
const WITH_VALUE = new Set(['--max-old-space-size', '--stack-size', '--title', '--conditions', '-C', '--env-file']);
const REFUSED: Record<string, string> = {
  '--test': 'node --test is not available in the lite sandbox: run each test file with `node file.js` (assert exits 1 on failure)',
  '-r': 'preloading modules (-r/--require/--import) is not available in the lite sandbox',
  '--require': 'preloading modules (-r/--require/--import) is not available in the lite sandbox',
  '--import': 'preloading modules (-r/--require/--import) is not available in the lite sandbox',
  '-i': 'the interactive REPL is not available in the lite sandbox: use node -e or a file',
  '--interactive': 'the interactive REPL is not available in the lite sandbox: use node -e or a file',
  '--inspect': 'the inspector is not available in the lite sandbox',
  '--watch': '--watch is not available in the lite sandbox',
};

/** Parse node's arguments. */
export function parseNodeArgs(argv: readonly string[]): NodeInvocation {
  let module = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-v' || arg === '--version') return { mode: 'version' };
    if (arg === '-h' || arg === '--help') return { mode: 'help' };
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') {
      if (i + 1 >= argv.length) return { mode: 'refused', message: `${arg} requires an argument` };
      const rest = argv.slice(i + 2);
      const args = rest[0] === '--' ? rest.slice(1) : rest;
      return { mode: 'eval', code: argv[i + 1], print: arg === '-p' || arg === '--print', module, args };
    }
    if (arg === '--input-type=module') {
      module = true;
      continue;
    }
    if (arg === '-') return { mode: 'stdin', module, args: argv.slice(i + 1) };
    if (arg === '--') return argv[i + 1] === undefined ? { mode: 'stdin', module, args: [] } : { mode: 'file', file: argv[i + 1], args: argv.slice(i + 2) };
    const name = arg.split('=')[0];
    if (REFUSED[name] !== undefined || name.startsWith('--inspect')) return { mode: 'refused', message: REFUSED[name] ?? REFUSED['--inspect'] };
    if (arg.startsWith('-')) {
      if (WITH_VALUE.has(arg)) i++;
      continue; // --no-warnings, --experimental-…, --enable-source-maps …: accepted and ignored
    }
    return { mode: 'file', file: arg, args: argv.slice(i + 1) };
  }
  return { mode: 'stdin', module, args: [] };
}

/** `node --help` in the lite sandbox. */
export const NODE_HELP = `Usage: node [options] [ script.js | script.mjs ] [arguments]
       node -e "script" | -p "expression" [arguments]

node in the lite sandbox is QuickJS with a subset of Node's built-ins:
fs, fs/promises, path, process, console, assert, timers, util, events, os, readline, buffer, url.
require() and import work for relative files (and for plain-JS packages already in node_modules);
there is no npm: packages need the WebContainer sandbox. No http, child_process, crypto or zlib.
`;
