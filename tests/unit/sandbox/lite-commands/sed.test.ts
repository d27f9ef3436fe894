import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["sed -i.bak s/apple/APPLE/ a.txt && cat a.txt a.txt.bak", {"exitCode": 0, "stdout": "APPLE\nbanana\nAPPLE\napple\nbanana\napple\n", "stderr": ""}],
  ["sed --in-place=.orig s/3/X/ n.txt && ls", {"exitCode": 0, "stdout": "B.md\na.txt\nd\ne\nn.txt\nn.txt.orig\n", "stderr": ""}],
  ["sed s/a/b/ nope; echo $?", {"exitCode": 0, "stdout": "2\n", "stderr": "sed: can't read nope: No such file or directory\n"}],
  ["sed -n 2p a.txt", {"exitCode": 0, "stdout": "banana\n", "stderr": ""}],
  ["sed -i -e 's/1/one/' -e 's/2/two/' n.txt && cat n.txt", {"exitCode": 0, "stdout": "3\none0\ntwo\n", "stderr": ""}],
];

describe("sed: -i SUFFIX backups and GNU's can't-read", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
