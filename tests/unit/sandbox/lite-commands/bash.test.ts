import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["printf 'echo \"[$@] $#\"\\n' > s.sh; bash s.sh --help", {"exitCode": 0, "stdout": "[--help] 1\n", "stderr": ""}],
  ["printf 'echo \"[$@] $#\"\\n' > s.sh; sh s.sh a --help", {"exitCode": 0, "stdout": "[a --help] 2\n", "stderr": ""}],
  ["bash -c 'echo \"$0 $1\"' me --help", {"exitCode": 0, "stdout": "me --help\n", "stderr": ""}],
  ["printf 'echo \"[$@]\"\\n' > s.sh; bash s.sh a b", {"exitCode": 0, "stdout": "[a b]\n", "stderr": ""}],
  ["bash nope.sh --help", {"exitCode": 127, "stdout": "", "stderr": "bash: nope.sh: No such file or directory\n"}],
];

describe("bash and sh: a script given --help runs with it", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
