// src/risk is a room of its own: it imports only core (and its parsers, mvdan-sh and acorn), and its files do not
// import each other in a circle (type imports included).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');
const RISK = join(ROOT, 'risk');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every import and re-export specifier of a file, resolved to a path when relative. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm), ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => {
    if (!m[1].startsWith('.')) return m[1];
    const base = resolve(dirname(file), m[1]);
    return [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p)) ?? base;
  });
}

describe('src/risk', () => {
  const all = files(RISK);

  it('imports only core, its own files and its two parsers (mvdan-sh, acorn)', () => {
    const outside = all.flatMap((f) => imports(f).filter((i) => (i.startsWith('/') ? !i.startsWith(RISK) && !i.startsWith(join(ROOT, 'core')) : i !== 'mvdan-sh' && i !== 'acorn')).map((i) => `${relative(ROOT, f)} → ${relative(ROOT, i)}`));
    expect(outside).toEqual([]);
  });

  it('has no import cycles', () => {
    const edges = new Map(all.map((f) => [f, imports(f).filter((i) => i.startsWith(RISK))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const next of edges.get(f) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((p) => relative(RISK, p)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of all) if (!state.has(f)) visit(f);
    expect(all.length).toBeGreaterThan(20);
    expect(cycles).toEqual([]);
  });
});
