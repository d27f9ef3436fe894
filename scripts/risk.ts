// npm run --silent risk -- FILE.jsonl
// Reads lines {"command": "…"} and prints one JSON line per input: {"command", "risk", "reasons"}.
// Reads standard input when FILE is "-" or missing. A line that is not such an object prints an error line.
import { readFileSync } from 'node:fs';
import { rateCommandWith } from '../src/risk/classify';
import { loadShellParser } from '../src/risk/parse';

async function main(): Promise<number> {
  const file = process.argv[2];
  let text: string;
  try {
    text = readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    process.stderr.write(`risk: cannot read ${file ?? 'standard input'}: ${(error as Error).message}\nUsage: npm run --silent risk -- FILE.jsonl\n`);
    return 2;
  }
  const parser = await loadShellParser();
  let bad = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const command = commandOf(line);
    if (command === undefined) {
      bad++;
      process.stdout.write(JSON.stringify({ line: i + 1, error: 'expected a JSON object with a string "command"' }) + '\n');
      return;
    }
    const verdict = rateCommandWith(parser, command);
    process.stdout.write(JSON.stringify({ command, risk: verdict.level, reasons: verdict.reasons }) + '\n');
  });
  return bad ? 1 : 0;
}

function commandOf(line: string): string | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && typeof (value as { command?: unknown }).command === 'string') return (value as { command: string }).command;
  } catch {
    // reported by the caller as a bad line
  }
  return undefined;
}

main().then((code) => process.exit(code));
