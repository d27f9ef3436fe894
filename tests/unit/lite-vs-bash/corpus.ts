/** The differential corpus, read from corpus.txt (kept as plain text so commands need no escaping). */
import { readFileSync } from 'node:fs';
import type { Case } from './runner';

/** Parse corpus text: one command a line, multi-line ones between `<<<` and `>>>`, `## ` lines are comments. */
export function parseCorpus(text: string): Case[] {
  const cases: Case[] = [];
  let block: string[] | undefined;
  for (const line of text.split('\n')) {
    if (block !== undefined) {
      if (line === '>>>') {
        cases.push({ id: block.join('\n'), command: block.join('\n') });
        block = undefined;
      } else {
        block.push(line);
      }
    } else if (line === '<<<') {
      block = [];
    } else if (line.trim() !== '' && !line.startsWith('## ')) {
      cases.push({ id: line, command: line });
    }
  }
  if (block !== undefined) throw new Error('corpus.txt: a `<<<` block has no closing `>>>`');
  return cases;
}

/** The corpus as shipped. */
export function loadCorpus(): Case[] {
  return parseCorpus(readFileSync(new URL('./corpus.txt', import.meta.url), 'utf8'));
}
