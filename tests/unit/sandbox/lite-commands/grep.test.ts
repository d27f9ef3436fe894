import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["grep -e apple -e banana a.txt", {"exitCode": 0, "stdout": "apple\nbanana\napple\n", "stderr": ""}],
  ["grep -c \"ap\\+\" a.txt", {"exitCode": 0, "stdout": "2\n", "stderr": ""}],
  ["grep \"ban\\|nope\" a.txt", {"exitCode": 0, "stdout": "banana\n", "stderr": ""}],
  ["grep -H apple a.txt", {"exitCode": 0, "stdout": "a.txt:apple\na.txt:apple\n", "stderr": ""}],
  ["grep -s x nope; echo $?", {"exitCode": 0, "stdout": "2\n", "stderr": ""}],
  ["grep -r TODO .", {"exitCode": 0, "stdout": "./d/x.js:// TODO x\n", "stderr": ""}],
  ["grep -rl TODO", {"exitCode": 0, "stdout": "d/x.js\n", "stderr": ""}],
  ["grep -rn TODO d", {"exitCode": 0, "stdout": "d/x.js:1:// TODO x\n", "stderr": ""}],
  ["grep", {"exitCode": 2, "stdout": "", "stderr": "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"}],
  ["grep -Fx apple a.txt", {"exitCode": 0, "stdout": "apple\napple\n", "stderr": ""}],
  ["grep -y APPLE a.txt", {"exitCode": 0, "stdout": "apple\napple\n", "stderr": ""}],
];

describe("grep: several -e, GNU BRE operators, -H, -s, ./ names under -r .", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
