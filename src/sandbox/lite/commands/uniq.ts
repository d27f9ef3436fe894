/** `uniq` whose `-c` pads counts as GNU does (`%7d `); otherwise just-bash's. */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions } from './gnu-options';
import { callOriginal } from './original';

const SPECS = {
  count: { short: 'c', long: 'count' },
  repeated: { short: 'd', long: 'repeated' },
  unique: { short: 'u', long: 'unique' },
  ignoreCase: { short: 'i', long: 'ignore-case' },
};

export const uniqCommand: LiteCommand = defineLiteCommand('uniq', async (args, ctx) => {
  const parsed = parseGnuOptions('uniq', args, SPECS);
  if ('error' in parsed) return optionFailure(parsed);
  const passOn = [...parsed.flags].map((flag) => `-${SPECS[flag as keyof typeof SPECS].short}`);
  const result = await callOriginal(ctx, 'uniq', [...passOn, ...(parsed.operands.length ? ['--', ...parsed.operands] : [])]);
  if (!parsed.flags.has('count')) return result;
  const stdout = result.stdout.replace(/^ *(\d+) /gm, (_, count: string) => `${count.padStart(7)} `);
  return { ...result, stdout };
});
