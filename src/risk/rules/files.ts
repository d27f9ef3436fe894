// Commands that delete, move, copy, overwrite or change files, and disk tools.
import { WORK_DIR } from '../paths';
import type { Invocation } from '../scope';
import type { Field } from '../words';
import { hasFlag, isWholesale, optionValue, show, type Rule } from './util';

/** The fields of `inv.args` that are operands (not options). */
export function operandFields(args: readonly Field[], withValue: readonly string[] = []): Field[] {
  const out: Field[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i].text;
    if (w === '--' && args[i].known) return [...out, ...args.slice(i + 1)];
    if (args[i].known && w.startsWith('-') && w.length > 1) {
      if (withValue.includes(w)) i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

function relative(abs: string): string {
  return abs.startsWith(WORK_DIR + '/') ? abs.slice(WORK_DIR.length + 1) : abs;
}

/** Rates deleting `target`; `recursive` for rm -r, find -delete and the like. */
export function rateDelete(inv: Invocation, target: Field | string, recursive: boolean, verb = 'deletes'): void {
  const where = inv.place(target);
  const via = /^(rm|unlink|find|xargs|parallel)$/.test(inv.base) ? '' : ` via ${inv.base}`;
  const what = where.abs === WORK_DIR && !where.glob ? 'the work dir' : show(where.text);
  if (where.kind === 'unknown') return inv.raise(recursive ? 'high' : 'medium', `${verb} ${what}, a path only known at run time${via}`);
  if (where.kind === 'git') return inv.raise('high', `${verb} ${what}, inside .git${via}`);
  if (where.kind === 'critical' || where.kind === 'device') return inv.raise('high', `${verb} ${what}${recursive ? ' and everything in it' : ''}${via}`);
  if (where.everything) return inv.raise('medium', `${verb} everything in ${where.abs ? relative(where.abs) : show(where.text)}${via}`);
  inv.raise('medium', `${verb} ${what}${where.kind === 'outside' ? ', outside the project' : ''}${via}`);
}

/** Folders and files a build or install makes again: deleting them all at once is routine. */
const GENERATED = /^(node_modules|dist|build|out|coverage|target|tmp|temp|\.cache|\.next|\.nuxt|\.svelte-kit|\.turbo|\.parcel-cache|\.vite|__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.venv|venv|\.tox|logs?|.*\.log|package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/;

/** Deleting three or more of the project's own top-level entries in one go (`rm -rf {src,tests,package.json}`) is deleting the project. */
export function rateBulkDelete(inv: Invocation, targets: readonly Field[]): void {
  const top = new Set<string>();
  for (const t of targets) {
    const where = inv.place(t);
    if (where.abs === null || where.glob || !where.abs.startsWith(WORK_DIR + '/')) continue;
    const name = where.abs.slice(WORK_DIR.length + 1);
    if (!name.includes('/') && !GENERATED.test(name)) top.add(name);
  }
  if (top.size >= 3) inv.raise('high', `deletes ${top.size} of the project's top-level entries (${[...top].slice(0, 5).join(', ')})`);
}

const rm: Rule = (inv) => {
  const recursive = hasFlag(inv.words, 'rR', ['--recursive']);
  if (inv.words.includes('--no-preserve-root')) inv.raise('high', 'rm --no-preserve-root');
  const targets = operandFields(inv.args);
  for (const t of targets) rateDelete(inv, t, recursive);
  if (recursive) rateBulkDelete(inv, targets);
  if (targets.length === 0 && inv.args.some((a) => !a.known)) inv.raise('high', 'deletes paths only known at run time');
};

const rmdir: Rule = (inv) => {
  for (const t of operandFields(inv.args)) {
    const where = inv.place(t);
    inv.raise(where.kind === 'git' ? 'high' : 'medium', `removes the folder ${show(where.text)}`);
  }
};

const shred: Rule = (inv) => inv.raise('high', `${inv.base} destroys file contents beyond recovery`);

const truncate: Rule = (inv) => {
  for (const t of operandFields(inv.args, ['-s', '-r', '--size', '--reference'])) {
    const where = inv.place(t);
    if (where.glob || isWholesale(where)) inv.raise('high', `truncates ${show(where.text)}`);
    else inv.raise('medium', `truncates ${show(where.text)}`);
  }
};

const dd: Rule = (inv) => {
  const of = inv.args.find((a) => a.text.startsWith('of='));
  if (!of) return void inv.raise('medium', 'dd reads raw data');
  const where = inv.place({ ...of, text: of.text.slice(3) });
  if (where.kind === 'sink') return void inv.raise('low', 'dd into /dev/null');
  inv.raise('high', `dd writes raw blocks over ${show(where.text)}`);
};

const diskTool: Rule = (inv) => inv.raise('high', `${inv.base} changes disks or file systems`);

const chmod: Rule = (inv) => {
  const recursive = hasFlag(inv.words, 'R', ['--recursive']);
  const targets = operandFields(inv.args, ['--reference']).slice(1);
  for (const t of targets) {
    const where = inv.place(t);
    const what = `${inv.base}${recursive ? ' -R' : ''} on ${show(where.text)}`;
    if (recursive && isWholesale(where)) inv.raise('high', what);
    else if (recursive || where.kind !== 'inside' || inv.base !== 'chmod') inv.raise('medium', what);
    else inv.raise('low', what);
  }
};

/** mv: moving the work dir, `/`, .git or anything critical is high; moving out of the project medium. */
const mv: Rule = (inv) => {
  const ops = operandFields(inv.args, ['-t', '--target-directory', '-S', '--suffix']);
  const dest = optionValue(inv.words, ['-t', '--target-directory']) ?? ops.pop()?.text;
  for (const src of ops) {
    const where = inv.place(src);
    if (where.kind === 'critical' || where.kind === 'unknown' || where.kind === 'git' || where.text.replace(/\/$/, '').endsWith('.git')) inv.raise('high', `moves ${show(where.text)} away`);
  }
  rateDestination(inv, dest, 'moves', 'low');
};

const cp: Rule = (inv) => {
  const ops = operandFields(inv.args, ['-t', '--target-directory', '-S', '--suffix']);
  const dest = optionValue(inv.words, ['-t', '--target-directory']) ?? ops.pop()?.text;
  rateDestination(inv, dest, 'copies', 'low');
};

function rateDestination(inv: Invocation, dest: string | undefined, verb: string, normal: 'low' | 'medium'): void {
  if (dest === undefined) return void inv.raise(normal, `${verb} files`);
  const field = inv.args.find((a) => a.text === dest) ?? { text: dest, known: true, glob: false };
  const where = inv.place(field);
  const what = show(where.text);
  if (where.kind === 'git' || where.kind === 'device') inv.raise('high', `${verb} files into ${what}`);
  else if (where.kind === 'critical') inv.raise('high', `${verb} files over ${what}`);
  else if (where.kind === 'outside') inv.raise('medium', `${verb} files out of the project, to ${what}`);
  else if (where.kind === 'unknown') inv.raise('medium', `${verb} files to a path only known at run time`);
  else inv.raise(normal, `${verb} files to ${what}`);
}

/** unzip -d DIR / tar -x -C DIR: extracting over a folder is like copying into it. */
export const extract: Rule = (inv) => {
  const dest = optionValue(inv.words, inv.base === 'unzip' ? ['-d'] : ['-C', '--directory']) ?? '.';
  const where = inv.place(inv.args.find((a) => a.text === dest) ?? dest);
  const what = `extracts an archive into ${show(dest)}`;
  if (where.abs === WORK_DIR || where.kind === 'inside' || where.abs?.startsWith('/tmp/')) inv.raise('low', what);
  else inv.raise(where.kind === 'outside' ? 'medium' : 'high', what);
};

const ln: Rule = (inv) => {
  const ops = operandFields(inv.args, ['-t', '--target-directory', '-S']);
  rateDestination(inv, ops.length > 1 ? ops[ops.length - 1].text : '.', 'links', 'low');
};

const create: Rule = (inv) => {
  for (const t of operandFields(inv.args, ['-m', '--mode', '-d', '-r', '-t', '--date', '--reference'])) {
    const where = inv.place(t);
    const what = show(where.text);
    if (where.kind === 'git') inv.raise('high', `creates ${what} inside .git`);
    else if (where.kind === 'critical' || (where.kind === 'outside' && !where.abs?.startsWith('/tmp/'))) inv.raise('medium', `creates ${what}, outside the project`);
    else inv.raise('low', `creates ${what}`);
  }
};

const tee: Rule = (inv) => {
  const append = hasFlag(inv.words, 'a', ['--append']);
  for (const t of operandFields(inv.args)) inv.write(t, inv.stdin, append);
  return inv.stdin;
};

/** GNU sed runs shell commands with the `e COMMAND` command and the `e` flag of `s///`. */
function sedCommands(inv: Invocation): void {
  const scripts = inv.words.flatMap((w, i) => (/^(-e|--expression)$/.test(w) ? [inv.words[i + 1] ?? ''] : w.startsWith('--expression=') ? [w.slice(13)] : []));
  if (scripts.length === 0) {
    const first = operandFields(inv.args, ['-f', '--file', '-l', '--line-length'])[0];
    if (first) scripts.push(first.text);
  }
  for (const script of scripts) {
    for (const m of script.matchAll(/(?:^|[;\n{}]|[\d$\/])\s*e\s+([^;\n}]+)/g)) inv.shell(m[1].replaceAll('\u0000', '${__unknown}'), 'sed e');
    for (const m of script.matchAll(/\bs(.)(?:(?!\1).)*\1((?:(?!\1).)*)\1[gpiImM\d]*e/g)) {
      inv.shell(m[2].replaceAll('\u0000', '${__unknown}'), 'sed s///e');
      inv.raise('medium', 'sed s///e runs the edited text as a command');
    }
  }
}

const sed: Rule = (inv) => {
  sedCommands(inv);
  if (!hasFlag(inv.words.filter((w) => !/^-[ef]$/.test(w)), 'i', ['--in-place'])) return { kind: 'dynamic', source: 'sed' };
  const scripted = inv.words.some((w) => w === '-e' || w === '-f' || w.startsWith('--expression'));
  const ops = operandFields(inv.args, ['-e', '-f', '--expression', '--file', '-l']);
  for (const t of scripted ? ops : ops.slice(1)) {
    const where = inv.place(t);
    if (where.kind === 'git' || where.kind === 'critical') inv.raise('high', `edits ${show(where.text)} in place`);
    else inv.raise(where.kind === 'inside' ? 'low' : 'medium', `edits ${show(where.text)} in place`);
  }
};

/** rimraf, del-cli, trash-cli (as run by npx, npm scripts or directly): every operand is deleted recursively. */
const packageDelete: Rule = (inv) => {
  const targets = operandFields(inv.args, ['--impl', '--filter']).filter((t) => !(t.known && t.text.startsWith('-')));
  // These tools expand glob patterns themselves, quoted or not.
  for (const t of targets) rateDelete(inv, { ...t, glob: t.glob || /[*?[]/.test(t.text) }, true);
  rateBulkDelete(inv, targets);
  if (targets.length === 0) inv.raise(inv.args.some((a) => !a.known) ? 'high' : 'low', `${inv.base} without a path`);
};

/** shx runs a portable version of a shell command: rate that command. */
const shx: Rule = (inv) => {
  const at = inv.args.findIndex((a) => !a.text.startsWith('-'));
  return at < 0 ? void inv.raise('low', 'shx') : inv.run(inv.args.slice(at), inv.stdin);
};

/** Rules for file commands, by command name. */
export const FILE_RULES: Record<string, Rule> = {
  rm, unlink: rm, rmdir, shred, srm: shred, wipe: shred, truncate, dd,
  mkfs: diskTool, fdisk: diskTool, sfdisk: diskTool, parted: diskTool, gdisk: diskTool, wipefs: diskTool,
  mkswap: diskTool, losetup: diskTool, hdparm: diskTool, blkdiscard: diskTool, mdadm: diskTool,
  cryptsetup: diskTool, mount: diskTool, umount: diskTool, format: diskTool, diskutil: diskTool,
  rimraf: packageDelete, del: packageDelete, 'del-cli': packageDelete, trash: packageDelete, 'trash-cli': packageDelete, 'trash-put': packageDelete,
  'rm-cli': packageDelete, 'delete-cli': packageDelete, rimraf3: packageDelete, shx,
  unzip: extract, chmod, chown: chmod, chgrp: chmod, mv, cp, install: cp, ln, mkdir: create, touch: create, tee, sed,
};
