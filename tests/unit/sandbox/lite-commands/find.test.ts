import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["find nope", {"exitCode": 1, "stdout": "", "stderr": "find: 'nope': No such file or directory\n"}],
  ["find d -name \"*.js\"", {"exitCode": 0, "stdout": "d/x.js\n", "stderr": ""}],
  ["find . -name \"*.py\" -delete && ls d", {"exitCode": 0, "stdout": "x.js\n", "stderr": ""}],
  ["find e -delete; ls", {"exitCode": 0, "stdout": "B.md\na.txt\nd\nn.txt\n", "stderr": ""}],
];

describe("find: GNU's quoted names and -delete inside the work dir", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
