import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["printf 'a\\n\\nb\\n' | nl", {"exitCode": 0, "stdout": "     1\ta\n       \n     2\tb\n", "stderr": ""}],
  ["printf 'a\\n\\nb\\n' | nl -ba", {"exitCode": 0, "stdout": "     1\ta\n     2\t\n     3\tb\n", "stderr": ""}],
];

describe("nl: GNU's blank lines", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
