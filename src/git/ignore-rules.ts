/** .gitignore rules, per directory as git reads them (the only module that imports `ignore`). */
import ignore, { type Ignore } from 'ignore';
import type { GitFs } from './fs';

/** The rules in force inside one directory: its parent's plus its own .gitignore. */
export class IgnoreRules {
  private constructor(
    private readonly chain: readonly { base: string; rules: Ignore }[],
  ) {}

  /** The rules at the repository root: .git/info/exclude and the root .gitignore. */
  static async atRoot(fs: GitFs, dir: string): Promise<IgnoreRules> {
    const rules = ignore();
    for (const file of [`${dir}/.git/info/exclude`, `${dir}/.gitignore`]) {
      const text = await readText(fs, file);
      if (text !== undefined) rules.add(text);
    }
    return new IgnoreRules([{ base: '', rules }]);
  }

  /** The rules inside a subdirectory (`path` relative to the root), adding its .gitignore if it has one. */
  async enter(fs: GitFs, dir: string, path: string): Promise<IgnoreRules> {
    const text = await readText(fs, `${dir}/${path}/.gitignore`);
    if (text === undefined) return this;
    return new IgnoreRules([...this.chain, { base: `${path}/`, rules: ignore().add(text) }]);
  }

  /** Whether a path (relative to the root; directories end with `/`) is ignored. */
  ignores(path: string): boolean {
    let ignored = false;
    for (const { base, rules } of this.chain) {
      if (!path.startsWith(base)) continue;
      const result = rules.test(path.slice(base.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

async function readText(fs: GitFs, path: string): Promise<string | undefined> {
  try {
    return (await fs.promises.readFile(path, { encoding: 'utf8' })) as string;
  } catch {
    return undefined;
  }
}
