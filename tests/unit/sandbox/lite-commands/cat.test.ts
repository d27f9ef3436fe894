import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["cat d", {"exitCode": 1, "stdout": "", "stderr": "cat: d: Is a directory\n"}],
  ["cat a.txt d n.txt", {"exitCode": 1, "stdout": "apple\nbanana\napple\n3\n10\n2\n", "stderr": "cat: d: Is a directory\n"}],
  ["cat -n a.txt", {"exitCode": 0, "stdout": "     1\tapple\n     2\tbanana\n     3\tapple\n", "stderr": ""}],
];

describe("cat: a directory operand", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
