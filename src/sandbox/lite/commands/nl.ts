/** `nl` printing an unnumbered (blank) line as GNU does: the number's width and the separator as spaces. */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { callOriginal } from './original';

export const nlCommand: LiteCommand = defineLiteCommand('nl', async (args, ctx) => {
  const result = await callOriginal(ctx, 'nl', args);
  const stdout = result.stdout.replace(/^( *)\t$/gm, (_, pad: string) => `${pad} `);
  return { ...result, stdout };
});
