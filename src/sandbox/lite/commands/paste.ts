/** `paste` reading stdin when no file is named (`seq 5 | paste -sd+`), as GNU does; otherwise just-bash's. */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions } from './gnu-options';
import { callOriginal } from './original';

const SPECS = {
  serial: { short: 's', long: 'serial' },
  delimiters: { short: 'd', long: 'delimiters', value: true },
  zero: { short: 'z', long: 'zero-terminated' },
};

export const pasteCommand: LiteCommand = defineLiteCommand('paste', async (args, ctx) => {
  const parsed = parseGnuOptions('paste', args, SPECS);
  if ('error' in parsed) return optionFailure(parsed);
  const delimiters = parsed.values.get('delimiters');
  const passOn = [
    ...(parsed.flags.has('serial') ? ['-s'] : []),
    ...(delimiters === undefined ? [] : ['-d', delimiters]),
    '--',
    ...(parsed.operands.length > 0 ? parsed.operands : ['-']),
  ];
  return callOriginal(ctx, 'paste', passOn);
});
