import { describe, expect, it } from 'vitest';
import { FILES, liteWith, run, type Ran } from './run-lite';

// Each expected value is what bash 5 with GNU coreutils printed for the same command on the same files (LC_ALL=C).
const CASES: Array<[string, Ran]> = [
  ["ls", {"exitCode": 0, "stdout": "B.md\na.txt\nd\ne\nn.txt\n", "stderr": ""}],
  ["ls a.txt n.txt B.md", {"exitCode": 0, "stdout": "B.md\na.txt\nn.txt\n", "stderr": ""}],
  ["ls d e", {"exitCode": 0, "stdout": "d:\nx.js\ny.py\n\ne:\nf.txt\n", "stderr": ""}],
  ["ls a.txt d", {"exitCode": 0, "stdout": "a.txt\n\nd:\nx.js\ny.py\n", "stderr": ""}],
  ["ls nope a.txt", {"exitCode": 2, "stdout": "a.txt\n", "stderr": "ls: cannot access 'nope': No such file or directory\n"}],
  ["ls -p", {"exitCode": 0, "stdout": "B.md\na.txt\nd/\ne/\nn.txt\n", "stderr": ""}],
  ["ls -F d", {"exitCode": 0, "stdout": "x.js\ny.py\n", "stderr": ""}],
  ["ls -R d", {"exitCode": 0, "stdout": "d:\nx.js\ny.py\n", "stderr": ""}],
  ["ls -1 -r", {"exitCode": 0, "stdout": "n.txt\ne\nd\na.txt\nB.md\n", "stderr": ""}],
  ["ls -d d e", {"exitCode": 0, "stdout": "d\ne\n", "stderr": ""}],
  ["ls -a e", {"exitCode": 0, "stdout": ".\n..\nf.txt\n", "stderr": ""}],
  ["ls -A e", {"exitCode": 0, "stdout": "f.txt\n", "stderr": ""}],
];

describe("ls: one name a line, files before directories, headers, -p/-F/-R/-d/-a/-A", () => {
  it.each(CASES)('%s', async (command, expected) => {
    expect(await run(await liteWith(FILES), command)).toEqual(expected);
  });
});
