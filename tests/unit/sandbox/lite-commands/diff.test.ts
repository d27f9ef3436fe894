import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["diff a.txt n.txt", {"exitCode": 1, "stdout": "1,3c1,3\n< apple\n< banana\n< apple\n---\n> 3\n> 10\n> 2\n", "stderr": ""}],
  ["diff a.txt a.txt; echo $?", {"exitCode": 0, "stdout": "0\n", "stderr": ""}],
  ["diff -q a.txt n.txt", {"exitCode": 1, "stdout": "Files a.txt and n.txt differ\n", "stderr": ""}],
  ["diff -s a.txt a.txt", {"exitCode": 0, "stdout": "Files a.txt and a.txt are identical\n", "stderr": ""}],
  ["diff a.txt nope", {"exitCode": 2, "stdout": "", "stderr": "diff: nope: No such file or directory\n"}],
  ["printf 'x\\ny\\nz\\n' > p; printf 'x\\nz\\n' > q; diff p q", {"exitCode": 1, "stdout": "2d1\n< y\n", "stderr": ""}],
  ["printf 'x\\nz\\n' > p; printf 'x\\ny\\nz\\n' > q; diff p q", {"exitCode": 1, "stdout": "1a2\n> y\n", "stderr": ""}],
  ["printf 'x' > p; printf 'x\\n' > q; diff p q", {"exitCode": 1, "stdout": "1c1\n< x\n\\ No newline at end of file\n---\n> x\n", "stderr": ""}],
  ["printf 'a\\nb\\nc\\n' > p; printf 'a\\nB\\nc\\n' > q; diff -u p q | tail -n +3", {"exitCode": 0, "stdout": "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", "stderr": ""}],
  ["diff -r d e", {"exitCode": 1, "stdout": "Only in e: f.txt\nOnly in d: x.js\nOnly in d: y.py\n", "stderr": ""}],
  ["printf 'A\\n' > p; printf 'a\\n' > q; diff -i p q; echo $?", {"exitCode": 0, "stdout": "0\n", "stderr": ""}],
  ["diff a.txt", {"exitCode": 2, "stdout": "", "stderr": "diff: missing operand after 'a.txt'\ndiff: Try 'diff --help' for more information.\n"}],
];

describe("diff: GNU's normal format, -q, -s, -u, -r, -i", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
