import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["sort a.txt B.md", {"exitCode": 0, "stdout": "# B\napple\napple\nbanana\n", "stderr": ""}],
  ["sort -n n.txt", {"exitCode": 0, "stdout": "2\n3\n10\n", "stderr": ""}],
  ["sort n.txt", {"exitCode": 0, "stdout": "10\n2\n3\n", "stderr": ""}],
  ["sort -rn n.txt", {"exitCode": 0, "stdout": "10\n3\n2\n", "stderr": ""}],
  ["sort -u a.txt", {"exitCode": 0, "stdout": "apple\nbanana\n", "stderr": ""}],
  ["printf 'b\\nA\\na\\nB\\n' | sort", {"exitCode": 0, "stdout": "A\nB\na\nb\n", "stderr": ""}],
  ["printf 'b\\nA\\na\\nB\\n' | sort -f", {"exitCode": 0, "stdout": "A\na\nB\nb\n", "stderr": ""}],
  ["printf 'x,2\\ny,10\\nz,1\\n' | sort -t, -k2,2n", {"exitCode": 0, "stdout": "z,1\nx,2\ny,10\n", "stderr": ""}],
  ["printf '1K\\n2M\\n3\\n' | sort -h", {"exitCode": 0, "stdout": "3\n1K\n2M\n", "stderr": ""}],
  ["sort -c a.txt; echo $?", {"exitCode": 0, "stdout": "1\n", "stderr": "sort: a.txt:3: disorder: apple\n"}],
  ["sort nope", {"exitCode": 2, "stdout": "", "stderr": "sort: cannot read: nope: No such file or directory\n"}],
  ["sort -o o.txt a.txt && cat o.txt", {"exitCode": 0, "stdout": "apple\napple\nbanana\n", "stderr": ""}],
];

describe("sort: GNU's byte order, keys, -h, -c, -o", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
