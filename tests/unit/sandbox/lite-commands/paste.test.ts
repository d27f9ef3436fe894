import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["seq 4 | paste -sd+", {"exitCode": 0, "stdout": "1+2+3+4\n", "stderr": ""}],
  ["seq 4 | paste -sd, -", {"exitCode": 0, "stdout": "1,2,3,4\n", "stderr": ""}],
  ["paste -s a.txt", {"exitCode": 0, "stdout": "apple\tbanana\tapple\n", "stderr": ""}],
  ["paste a.txt n.txt", {"exitCode": 0, "stdout": "apple\t3\nbanana\t10\napple\t2\n", "stderr": ""}],
  ["paste -d: a.txt n.txt", {"exitCode": 0, "stdout": "apple:3\nbanana:10\napple:2\n", "stderr": ""}],
];

describe("paste: stdin without a - operand", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
