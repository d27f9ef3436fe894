import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["uniq -c a.txt", {"exitCode": 0, "stdout": "      1 apple\n      1 banana\n      1 apple\n", "stderr": ""}],
  ["sort a.txt | uniq -c", {"exitCode": 0, "stdout": "      2 apple\n      1 banana\n", "stderr": ""}],
  ["sort a.txt | uniq -cd", {"exitCode": 0, "stdout": "      2 apple\n", "stderr": ""}],
  ["uniq -u a.txt", {"exitCode": 0, "stdout": "apple\nbanana\napple\n", "stderr": ""}],
];

describe("uniq -c: GNU's padding", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
