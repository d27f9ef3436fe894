/**
 * The house's arrows, checked: no import cycle among src/ modules (type imports included), and the rooms'
 * direction (DESIGN: ui → api → bridge → agent, sandbox, store → core). Prints what is wrong and exits 1.
 * Run: `node --import tsx/esm scripts/check-imports.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Rooms a room must never import from (by the first path segment under src/). */
const FORBIDDEN: Record<string, string[]> = {
  core: ['agent', 'api', 'bridge', 'sandbox', 'store', 'ui', 'settings', 'shell', 'terminal', 'notify', 'markdown'],
  agent: ['api', 'bridge', 'ui', 'store', 'settings', 'shell', 'terminal', 'notify'],
  bridge: ['api', 'ui', 'store', 'settings'],
  sandbox: ['agent', 'api', 'bridge', 'ui', 'store'],
  store: ['api', 'bridge', 'ui'],
  api: ['ui'],
  models: ['agent', 'api', 'bridge', 'sandbox', 'store', 'ui', 'settings'],
  mcp: ['api', 'bridge', 'ui', 'settings'],
  ui: ['agent', 'bridge'],
};

const SRC = resolve(import.meta.dirname, '../src');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|import\s*['"](\.[^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const graph = new Map<string, string[]>();
for (const file of files(SRC)) {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(IMPORT)].map((m) => resolveImport(file, m[1] ?? m[2] ?? m[3])).filter((t): t is string => !!t);
  graph.set(file, [...new Set(targets)]);
}

const problems: string[] = [];
const room = (file: string) => relative(SRC, file).split('/')[0].replace(/\.(ts|svelte)$/, '');
for (const [file, targets] of graph) {
  for (const target of targets) {
    if (FORBIDDEN[room(file)]?.includes(room(target))) problems.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (${room(file)} → ${room(target)})`);
  }
}

// Tarjan's strongly connected components: any component of more than one file is a cycle
let index = 0;
const indices = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
function connect(node: string): void {
  indices.set(node, index);
  low.set(node, index++);
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!indices.has(next)) {
      connect(next);
      low.set(node, Math.min(low.get(node)!, low.get(next)!));
    } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
  }
  if (low.get(node) !== indices.get(node)) return;
  const component: string[] = [];
  let member: string;
  do {
    member = stack.pop()!;
    onStack.delete(member);
    component.push(member);
  } while (member !== node);
  if (component.length > 1) problems.push(`cycle: ${component.map((file) => relative(SRC, file)).sort().join(', ')}`);
}
for (const node of graph.keys()) if (!indices.has(node)) connect(node);

for (const problem of problems) console.log(problem);
console.log(problems.length === 0 ? `${graph.size} modules: no cycle, every arrow one way.` : `${problems.length} problem(s).`);
process.exit(problems.length === 0 ? 0 : 1);
