import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["rm -v a.txt", {"exitCode": 0, "stdout": "removed 'a.txt'\n", "stderr": ""}],
  ["rm -d e; echo $?", {"exitCode": 0, "stdout": "1\n", "stderr": "rm: cannot remove 'e': Directory not empty\n"}],
  ["mkdir g && rm -d g && ls", {"exitCode": 0, "stdout": "B.md\na.txt\nd\ne\nn.txt\n", "stderr": ""}],
  ["rm", {"exitCode": 1, "stdout": "", "stderr": "rm: missing operand\nTry 'rm --help' for more information.\n"}],
  ["rm -f", {"exitCode": 0, "stdout": "", "stderr": ""}],
  ["rm d", {"exitCode": 1, "stdout": "", "stderr": "rm: cannot remove 'd': Is a directory\n"}],
  ["rm -rf d && ls", {"exitCode": 0, "stdout": "B.md\na.txt\ne\nn.txt\n", "stderr": ""}],
  ["rm nope a.txt; ls", {"exitCode": 0, "stdout": "B.md\nd\ne\nn.txt\n", "stderr": "rm: cannot remove 'nope': No such file or directory\n"}],
  ["rm -x a.txt", {"exitCode": 1, "stdout": "", "stderr": "rm: invalid option -- 'x'\nTry 'rm --help' for more information.\n"}],
];

describe("rm: GNU's options and messages; the guards are in lite-workdir-guard.test.ts", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
