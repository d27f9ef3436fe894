import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["head -n -1 a.txt", {"exitCode": 0, "stdout": "apple\nbanana\n", "stderr": ""}],
  ["head -2 n.txt", {"exitCode": 0, "stdout": "3\n10\n", "stderr": ""}],
  ["head -n 1 a.txt n.txt", {"exitCode": 0, "stdout": "==> a.txt <==\napple\n\n==> n.txt <==\n3\n", "stderr": ""}],
  ["head -c 3 a.txt", {"exitCode": 0, "stdout": "app", "stderr": ""}],
  ["head -c -2 n.txt", {"exitCode": 0, "stdout": "3\n10\n", "stderr": ""}],
  ["head -n x a.txt", {"exitCode": 1, "stdout": "", "stderr": "head: invalid number of lines: 'x'\n"}],
  ["head nope", {"exitCode": 1, "stdout": "", "stderr": "head: cannot open 'nope' for reading: No such file or directory\n"}],
  ["head -q -n1 a.txt n.txt", {"exitCode": 0, "stdout": "apple\n3\n", "stderr": ""}],
  ["seq 20 | head -n 3", {"exitCode": 0, "stdout": "1\n2\n3\n", "stderr": ""}],
  ["head d", {"exitCode": 1, "stdout": "", "stderr": "head: error reading 'd': Is a directory\n"}],
];

describe("head: -n -N, -c -N, -N, headers, GNU's messages", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
