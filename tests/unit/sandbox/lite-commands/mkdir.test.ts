import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["mkdir", {"exitCode": 1, "stdout": "", "stderr": "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"}],
  ["mkdir d", {"exitCode": 1, "stdout": "", "stderr": "mkdir: cannot create directory 'd': File exists\n"}],
  ["mkdir -p x/y && ls x", {"exitCode": 0, "stdout": "y\n", "stderr": ""}],
];

describe("mkdir: GNU's hint", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
