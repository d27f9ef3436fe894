import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["realpath a.txt", {"exitCode": 0, "stdout": "/home/project/a.txt\n", "stderr": ""}],
  ["realpath d/../e/f.txt", {"exitCode": 0, "stdout": "/home/project/e/f.txt\n", "stderr": ""}],
  ["realpath nope", {"exitCode": 0, "stdout": "/home/project/nope\n", "stderr": ""}],
  ["realpath nope/x", {"exitCode": 1, "stdout": "", "stderr": "realpath: nope/x: No such file or directory\n"}],
  ["realpath -m nope/x", {"exitCode": 0, "stdout": "/home/project/nope/x\n", "stderr": ""}],
  ["realpath --relative-to=d e/f.txt", {"exitCode": 0, "stdout": "../e/f.txt\n", "stderr": ""}],
  ["realpath", {"exitCode": 1, "stdout": "", "stderr": "realpath: missing operand\nTry 'realpath --help' for more information.\n"}],
];

describe("realpath: GNU's coreutils realpath", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
