import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["cp -a d g && ls g", {"exitCode": 0, "stdout": "x.js\ny.py\n", "stderr": ""}],
  ["cp -v a.txt b.txt", {"exitCode": 0, "stdout": "'a.txt' -> 'b.txt'\n", "stderr": ""}],
  ["cp -t e a.txt n.txt && ls e", {"exitCode": 0, "stdout": "a.txt\nf.txt\nn.txt\n", "stderr": ""}],
  ["cp", {"exitCode": 1, "stdout": "", "stderr": "cp: missing file operand\nTry 'cp --help' for more information.\n"}],
  ["cp a.txt", {"exitCode": 1, "stdout": "", "stderr": "cp: missing destination file operand after 'a.txt'\nTry 'cp --help' for more information.\n"}],
  ["cp -r d e/ && ls e/d", {"exitCode": 0, "stdout": "x.js\ny.py\n", "stderr": ""}],
];

describe("cp: -a, -t, -v as given, GNU's messages", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
