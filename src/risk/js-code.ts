// Inline JavaScript (`node -e`, scripts piped to node) read with a real parser: the one module that imports
// acorn. It finds what the code runs and deletes, with literal strings, constants, `+`, templates,
// `path.join` and `process.cwd()`/`os.homedir()` worked out; what cannot be worked out is null (unknown).
import type * as Acorn from 'acorn';

/** What a piece of JavaScript visibly does to the shell and the file system. */
export interface JsEffects {
  /** Shell command lines it runs (`execSync`, `spawn('rm', ['-rf', d])` …); null for one built at run time. */
  commands: (string | null)[];
  /** Paths it deletes; null for a path computed at run time. */
  deletes: { target: string | null; recursive: boolean }[];
}

let acorn: typeof Acorn | undefined;

/** Loads the parser once (lazily: it is only needed when rating). */
export async function loadJsParser(): Promise<void> {
  acorn ??= await import('acorn');
}

type Node = Acorn.Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHELL = new Set(['exec', 'execSync']);
const SPAWN = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const RECURSIVE = new Set(['rimraf', 'rimrafSync', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'deleteSync', 'del', 'deleteAsync']);
const MAYBE_RECURSIVE = new Set(['rmSync', 'rm', 'rmdirSync', 'rmdir']);
const SINGLE = new Set(['unlinkSync', 'unlink']);

/** Whether the JavaScript parser is loaded (so an undefined `jsEffects` means the code does not parse). */
export function jsParserLoaded(): boolean {
  return Boolean(acorn);
}

/** The effects of `code`, or undefined when the parser is not loaded or the code does not parse. */
export function jsEffects(code: string): JsEffects | undefined {
  if (!acorn) return undefined;
  let program: Node;
  try {
    program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true, allowHashBang: true }) as Node;
  } catch {
    return undefined;
  }
  const constants = new Map<string, Node>();
  walk(program, (n) => {
    if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && n.init) constants.set(n.id.name, n.init);
  });
  const effects: JsEffects = { commands: [], deletes: [] };
  const value = (n: Node | undefined) => evaluate(n, constants, 0);
  walk(program, (n) => {
    if (n.type !== 'CallExpression') return;
    const name = calleeName(n.callee);
    const [first, second] = n.arguments as Node[];
    if (SHELL.has(name)) effects.commands.push(value(first));
    else if (SPAWN.has(name)) effects.commands.push(commandLine(value(first), second, value));
    else if (RECURSIVE.has(name)) effects.deletes.push({ target: value(first), recursive: true });
    else if (MAYBE_RECURSIVE.has(name)) effects.deletes.push({ target: value(first), recursive: hasRecursive(second) });
    else if (SINGLE.has(name)) effects.deletes.push({ target: value(first), recursive: false });
  });
  return effects;
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((child) => walk(child, visit));
  const n = node as Node;
  if (typeof n.type === 'string') visit(n);
  for (const key of Object.keys(n)) if (key !== 'loc' && key !== 'range') walk(n[key], visit);
}

/** `exec`, `cp.exec`, `require('child_process').exec` → `exec`. */
function calleeName(callee: Node): string {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return '';
}

/** `spawn('rm', ['-rf', dir])` as one shell line; null when the program or any argument is unknown. */
function commandLine(program: string | null, args: Node | undefined, value: (n: Node | undefined) => string | null): string | null {
  if (program === null) return null;
  if (!args || args.type !== 'ArrayExpression') return program;
  const words = (args.elements as Node[]).map((e) => value(e));
  if (words.some((w) => w === null)) return null;
  return [program, ...(words as string[]).map((w) => (/^[\w@%+=:,./~-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`))].join(' ');
}

function hasRecursive(options: Node | undefined): boolean {
  return options?.type === 'ObjectExpression' && (options.properties as Node[]).some((p) => p.type === 'Property' && (p.key.name ?? p.key.value) === 'recursive' && p.value.type === 'Literal' && p.value.value === true);
}

/** The string an expression always evaluates to, as far as can be known without running it. */
function evaluate(n: Node | undefined, constants: Map<string, Node>, depth: number): string | null {
  if (!n || depth > 20) return null;
  const again = (m: Node | undefined) => evaluate(m, constants, depth + 1);
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'string' || typeof n.value === 'number' ? String(n.value) : null;
    case 'TemplateLiteral': {
      const parts = (n.quasis as Node[]).map((q, i) => [q.value.cooked as string, i < n.expressions.length ? again(n.expressions[i]) : ''] as const);
      return parts.some(([, v]) => v === null) ? null : parts.map(([q, v]) => q + v).join('');
    }
    case 'BinaryExpression': {
      if (n.operator !== '+') return null;
      const [a, b] = [again(n.left), again(n.right)];
      return a === null || b === null ? null : a + b;
    }
    case 'Identifier':
      if (n.name === '__dirname') return '.';
      return constants.has(n.name) ? again(constants.get(n.name)) : null;
    case 'MemberExpression': {
      const text = memberText(n);
      return text === 'process.env.HOME' || text === 'os.homedir' ? '~' : null;
    }
    case 'CallExpression': {
      const name = calleeName(n.callee);
      if (name === 'cwd') return '.';
      if (name === 'homedir') return '~';
      if (name === 'join' || name === 'resolve') {
        const parts = (n.arguments as Node[]).map(again);
        return parts.some((p) => p === null) ? null : (parts as string[]).join('/');
      }
      return null;
    }
    default:
      return null;
  }
}

function memberText(n: Node): string {
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression' && !n.computed) return `${memberText(n.object)}.${n.property.name}`;
  return '?';
}
