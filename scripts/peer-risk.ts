// node --import tsx/esm scripts/peer-risk.ts PATH/TO/claude-code-safety-net
//
// A held-out check of the risk classifier against a peer's test suite, run locally: cc-safety-net's analyzer
// cases (the `assertBlocked` / `assertAllowed` calls with a literal command in its tests/core, under default
// options: calls inside `withEnv(...)` and the custom-rules file are left out) are read from a checkout of it,
// relabelled by OUR corpus rules (tests/fixtures/risk/corpus/README.md) with the rules below, and rated.
// Their commands are never copied into this repository; only the rules that relabel them are here.
//
// Prints raw agreement (its "block" rated high by us, its "allow" rated high by us) and relabelled agreement
// (recall on high, others rated high, exact level where our label is exact), then every disagreement.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { RiskLevel } from '../src/core/run';
import { loadShellParser, rateCommandWith, type ShellParser } from '../src/risk';

interface PeerCase {
  command: string;
  verdict: 'block' | 'allow';
  file: string;
}

/** Our label for a case, and the corpus rule it comes from. */
interface Relabel {
  level: RiskLevel;
  rule: string;
}

/**
 * Where our rules differ from the peer's verdict, first match wins. Each names the corpus rule (high: recursive
 * deletes of the work dir, `/`, `~`, `.`, `*` or a variable, discarding all changes or history, escalation,
 * disguised; medium: deleting files or sub-folders, discarding some changes, moving things out of the work dir,
 * pushing, package installs, network; low: edits, builds, commits; none: reads only).
 */
const RELABEL: { test: (command: string, parses: boolean, blocked: boolean) => boolean; label: Relabel }[] = [
  // what bash cannot parse cannot be judged: treated as disguised (our policy: unknown is never below high)
  { test: (_c, parses) => !parses, label: { level: 'high', rule: 'high: cannot be parsed, so it is judged disguised' } },
  // words that are not valid assignments make bash run a program of that name, never the command after them
  { test: (c) => /^(\d\w*|[\w-]*-[\w-]*|)=\S* /.test(c), label: { level: 'low', rule: 'low: bash runs a program named like the invalid assignment; git never runs' } },
  // case matters on Linux (the sandbox): `GIT` is not git
  { test: (c) => /^[A-Z]+ [A-Z]+ /.test(c), label: { level: 'low', rule: 'low: an upper-case program name is not git on a case-sensitive system' } },
  // `command -v/-V` only looks a name up
  { test: (c) => /^command -\w*[vV]\w*( --)? /.test(c), label: { level: 'none', rule: 'none: command -v looks a command up, runs nothing' } },
  // GNU xargs -i/-I puts the item only where {} is: none there means rm gets no operand
  { test: (c) => /\| xargs -i(\{\})? rm -rf$/.test(c), label: { level: 'none', rule: 'none: xargs -i passes the item only in place of {}; rm gets no operand' } },
  // xargs appends the words: `bash -c rm -rf /` runs a bare rm ($0=-rf, $1=/)
  { test: (c) => /^echo '[^']*' \| xargs bash -c$/.test(c) && !/^echo 'ok'/.test(c), label: { level: 'none', rule: 'none: xargs splits the line; bash -c runs only its first word (a bare rm)' } },
  { test: (c) => /^echo ok \| (xargs|parallel) (-I\{\} )?bash -c( \{\})?$/.test(c), label: { level: 'low', rule: 'low: the shell code is the static word `ok`' } },
  // dry runs and help
  { test: (c) => /^git clean -\w*n\w*$|--dry-run|^git restore --help$/.test(c), label: { level: 'none', rule: 'none: a dry run or help' } },
  { test: (c) => /^find \. -name -delete -print$/.test(c), label: { level: 'none', rule: 'none: -delete is the name pattern, not the action' } },
  // inline code that is no valid program in its language cannot be analysed: at least medium
  { test: (c) => /^(node|ruby|perl) -e "rm -rf \/"$/.test(c), label: { level: 'medium', rule: 'medium: inline code we cannot analyse (not a valid program)' } },
  // the output of $(cd ..; echo ok) is run as the command `ok`, which fails, so the rm after && never runs
  { test: (c) => /^\$\( cd \.\.; echo ok \) && rm -rf build$/.test(c), label: { level: 'medium', rule: 'medium: at most deletes a sub-folder (`ok` is not found, so nothing after && runs)' } },
  // escalation and force pushes, whatever the peer allows
  { test: (c) => /\bsudo\b/.test(c), label: { level: 'high', rule: 'high: escalation (sudo)' } },
  { test: (c) => /^git push .*--force-with-lease/.test(c), label: { level: 'high', rule: 'high: a force push (with lease still rewrites the remote history)' } },
  // a recursive delete of a path that starts with a variable the command does not set for its own words
  { test: (c) => /rm -rf "?\$\{?TMPDIR\}?/.test(c), label: { level: 'high', rule: 'high: a recursive delete of a variable (bash expands it before a prefix X=… applies)' } },
  // find . runs rm on every entry: the whole work dir's files
  { test: (c) => /^find \. -exec rm -(r|f) \{\} \\;$/.test(c), label: { level: 'high', rule: 'high: deletes every entry under the work dir' } },
  // deleting outside the project, or a sub-folder, or discarding some changes: medium
  { test: (c, _p, blocked) => blocked && !c.startsWith('$(') && /\brm (-[rRf]+ )+(-- )?("|'|`pwd`)?(\/(some|other|tmp|var|Users)|~\w|~\/\w|\.\.\/|\.\/|build|foo|dist|\d+( |$)|\/escape)|cd \.\.|cd \/tmp|find \/tmp|find \. -name ["'][^"']+["'] -(delete|exec)/.test(c), label: { level: 'medium', rule: 'medium: deletes files or sub-folders, or paths outside the project' } },
  { test: (c, _p, blocked) => blocked && /^git (checkout|restore)\b/.test(c) && !/^git checkout (-\w*f\w*|--force)\b|-- \.$/.test(c), label: { level: 'medium', rule: 'medium: discards changes to some files' } },
  { test: (c) => /^git (stash drop|worktree remove|reset --merge)/.test(c), label: { level: 'medium', rule: 'medium: discards some changes' } },
];

function relabel(peer: PeerCase, parses: boolean): Relabel {
  for (const { test, label } of RELABEL) if (test(peer.command, parses, peer.verdict === 'block')) return label;
  return peer.verdict === 'block'
    ? { level: 'high', rule: 'high: as the peer blocks it (destructive at scale, by our high list)' }
    : { level: 'low', rule: 'not high: as the peer allows it' };
}

/** The peer's cases under default options, from its tests/core. */
function peerCases(checkout: string): PeerCase[] {
  const root = join(checkout, 'tests/core');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts') && name !== 'rules-custom-integration.test.ts') files.push(path);
    }
  };
  walk(root);
  const found = new Map<string, PeerCase>();
  for (const file of files.sort()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, inEnv: boolean): void => {
      let env = inEnv;
      if (ts.isCallExpression(node)) {
        const name = node.expression.getText(source);
        if (name === 'withEnv') env = true;
        const first = node.arguments[0];
        const literal = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
        if ((name === 'assertBlocked' || name === 'assertAllowed') && literal !== undefined && !env && !found.has(literal)) {
          found.set(literal, { command: literal, verdict: name === 'assertBlocked' ? 'block' : 'allow', file: relative(root, file) });
        }
      }
      ts.forEachChild(node, (child) => visit(child, env));
    };
    visit(source, false);
  }
  return [...found.values()];
}

const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : '0.0'} %`;

async function main(): Promise<number> {
  const checkout = process.argv[2];
  if (!checkout) {
    process.stderr.write('Usage: node --import tsx/esm scripts/peer-risk.ts PATH/TO/claude-code-safety-net\n');
    return 2;
  }
  const parser: ShellParser = await loadShellParser();
  const cases = peerCases(checkout);
  const rows = cases.map((peer) => {
    const verdict = rateCommandWith(parser, peer.command);
    return { peer, ours: verdict, label: relabel(peer, parser.parse(peer.command).ok) };
  });
  const blocks = rows.filter((r) => r.peer.verdict === 'block');
  const allows = rows.filter((r) => r.peer.verdict === 'allow');
  const high = rows.filter((r) => r.label.level === 'high');
  const rest = rows.filter((r) => r.label.level !== 'high');
  const relabelled = rows.filter((r) => !r.label.rule.startsWith('high: as the peer') && !r.label.rule.startsWith('not high: as the peer'));
  const lines = [
    `peer cases: ${rows.length} (${blocks.length} block, ${allows.length} allow)`,
    `raw: block rated high ${percent(blocks.filter((r) => r.ours.level === 'high').length, blocks.length)}; allow rated high ${percent(allows.filter((r) => r.ours.level === 'high').length, allows.length)}`,
    `relabelled by our rules (${relabelled.length} labels changed or made exact): high ${high.length}, others ${rest.length}`,
    `relabelled: recall on high ${percent(high.filter((r) => r.ours.level === 'high').length, high.length)}; others rated high ${percent(rest.filter((r) => r.ours.level === 'high').length, rest.length)}; exact level where ours is exact ${percent(relabelled.filter((r) => r.ours.level === r.label.level).length, relabelled.length)}`,
    '',
    'disagreements with our label (ours | label | rule | command):',
    ...rows
      .filter((r) => (r.label.level === 'high') !== (r.ours.level === 'high') || (relabelled.includes(r) && r.ours.level !== r.label.level))
      .map((r) => `  ${r.ours.level} | ${r.label.level} | ${r.label.rule} | ${JSON.stringify(r.peer.command)}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

main().then((code) => process.exit(code));
