/** ~/.gitconfig (`git config --global`), read and written for simple `section.key` settings. */
import type { GitFs } from './fs';

function configPath(env: Record<string, string>): string {
  return `${(env.HOME || '/root').replace(/\/$/, '')}/.gitconfig`;
}

/** `section.key` → value, from ~/.gitconfig (empty when there is none). */
export async function readGlobalConfig(fs: GitFs, env: Record<string, string>): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  let text: string;
  try {
    text = (await fs.promises.readFile(configPath(env), { encoding: 'utf8' })) as string;
  } catch {
    return values;
  }
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[([^\]\s"]+)(?:\s+"([^"]*)")?\]$/.exec(line);
    if (header) section = header[2] ? `${header[1]}.${header[2]}` : header[1];
    const pair = /^([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (pair && section) values.set(`${section}.${pair[1]}`.toLowerCase(), pair[2].replace(/^"(.*)"$/, '$1'));
  }
  return values;
}

/** Set `section.key` in ~/.gitconfig. */
export async function writeGlobalConfig(fs: GitFs, env: Record<string, string>, key: string, value: string): Promise<void> {
  const values = await readGlobalConfig(fs, env);
  values.set(key.toLowerCase(), value);
  const sections = new Map<string, string[]>();
  for (const [name, item] of values) {
    const dot = name.lastIndexOf('.');
    const section = name.slice(0, dot);
    if (!sections.has(section)) sections.set(section, []);
    sections.get(section)!.push(`\t${name.slice(dot + 1)} = ${item}`);
  }
  let text = '';
  for (const [section, lines] of sections) {
    const dot = section.indexOf('.');
    text += (dot < 0 ? `[${section}]` : `[${section.slice(0, dot)} "${section.slice(dot + 1)}"]`) + `\n${lines.join('\n')}\n`;
  }
  await fs.promises.writeFile(configPath(env), text, { encoding: 'utf8' });
}
