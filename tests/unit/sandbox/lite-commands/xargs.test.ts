import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["echo a b c d | xargs -n2", {"exitCode": 0, "stdout": "a b\nc d\n", "stderr": ""}],
  ["echo a b | xargs -n1 echo x", {"exitCode": 0, "stdout": "x a\nx b\n", "stderr": ""}],
  ["printf '1\\n2\\n' | xargs -I{} echo '<{}>'", {"exitCode": 0, "stdout": "<1>\n<2>\n", "stderr": ""}],
  ["printf '1\\n2\\n' | xargs -I {} echo '<{}>'", {"exitCode": 0, "stdout": "<1>\n<2>\n", "stderr": ""}],
  ["echo | xargs echo empty", {"exitCode": 0, "stdout": "empty\n", "stderr": ""}],
  ["true | xargs -r echo never", {"exitCode": 0, "stdout": "", "stderr": ""}],
  ["xargs -a a.txt echo", {"exitCode": 0, "stdout": "apple banana apple\n", "stderr": ""}],
  ["xargs -a nope echo", {"exitCode": 1, "stdout": "", "stderr": "xargs: Cannot open input file 'nope': No such file or directory\n"}],
  ["printf 'a\\0b\\0' | xargs -0 -n1 echo", {"exitCode": 0, "stdout": "a\nb\n", "stderr": ""}],
  ["echo a b c | xargs -L1 echo", {"exitCode": 0, "stdout": "a b c\n", "stderr": ""}],
];

describe("xargs: GNU's command line, empty input, -a", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
