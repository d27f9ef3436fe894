import { describe, expect, it } from 'vitest';
import { unsupportedSyntaxNote } from '../../../src/sandbox/webcontainer/syntax-note';

const REFUSED = 'jsh: unsupported shell syntax\n';
const uses = (command: string) => unsupportedSyntaxNote(command, REFUSED)?.replace(/^.*It uses /, '').split('; ').map((advice) => advice.split(':')[0]);

describe('unsupportedSyntaxNote', () => {
  it('says nothing when jsh did not refuse', () => {
    expect(unsupportedSyntaxNote('ls 2>&1', 'ls: nowhere\n')).toBeUndefined();
  });

  it('names each construct the refused command used', () => {
    expect(uses('npm test 2>&1 | tail -5')).toEqual(['`2>&1` (or `&>`)']);
    expect(uses('if ! command -v jq; then npm i jq; fi')).toEqual(['`!` negation']);
    expect(uses('cat <<EOF > a.txt\nhi\nEOF')).toEqual(['a heredoc']);
    expect(uses('greet() { echo hi; }; greet')).toEqual(['a shell function']);
    expect(uses("echo 'a\nb'")).toEqual(['a quoted string over several lines']);
    expect(uses('echo "a\\"\nb"')).toEqual(['a quoted string over several lines']);
    expect(unsupportedSyntaxNote('echo a\necho b', REFUSED)).toBe(
      "jsh (the WebContainer shell, not bash) refused this command's syntax. Rewrite it with simple commands, pipes, &&, || and ;, or do the logic in node.",
    );
  });
});
