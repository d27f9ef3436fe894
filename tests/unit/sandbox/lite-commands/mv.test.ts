import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["mv a.txt b.txt && ls", {"exitCode": 0, "stdout": "B.md\nb.txt\nd\ne\nn.txt\n", "stderr": ""}],
  ["mv -t e a.txt n.txt && ls e", {"exitCode": 0, "stdout": "a.txt\nf.txt\nn.txt\n", "stderr": ""}],
  ["mv a.txt n.txt nope", {"exitCode": 1, "stdout": "", "stderr": "mv: target 'nope': No such file or directory\n"}],
  ["mv a.txt", {"exitCode": 1, "stdout": "", "stderr": "mv: missing destination file operand after 'a.txt'\nTry 'mv --help' for more information.\n"}],
  ["mv -v a.txt z.txt", {"exitCode": 0, "stdout": "renamed 'a.txt' -> 'z.txt'\n", "stderr": ""}],
  ["mv nope x", {"exitCode": 1, "stdout": "", "stderr": "mv: cannot stat 'nope': No such file or directory\n"}],
];

describe("mv: GNU's -t and messages; the guards are in lite-workdir-guard.test.ts", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
