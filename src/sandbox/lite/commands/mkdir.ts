/** `mkdir` with GNU's hint after a missing operand; the rest is just-bash's. */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { callOriginal } from './original';

export const mkdirCommand: LiteCommand = defineLiteCommand('mkdir', async (args, ctx) => {
  const result = await callOriginal(ctx, 'mkdir', args);
  if (result.stderr !== 'mkdir: missing operand\n') return result;
  return { ...result, stderr: `${result.stderr}Try 'mkdir --help' for more information.\n` };
});
