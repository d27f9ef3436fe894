/**
 * The lite sandbox against the real thing: every corpus command on the same start tree, in the lite sandbox
 * and in bash 5 with GNU coreutils, grep, sed, gawk (as `awk`) and jq (.ci/run installs gawk and jq).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, parseCorpus } from './corpus';
import { EXPECTED_DIFFERENCES } from './expected-differences';
import { lostFiles } from './report';
import { missingTools, runDifferential, type Comparison } from './runner';
import { START_TREE } from './start-tree';

const corpus = loadCorpus();
let comparisons: Comparison[] = [];

describe('lite sandbox vs bash 5 + GNU tools', () => {
  beforeAll(async () => {
    const missing = await missingTools();
    if (missing.length > 0) throw new Error(`The reference needs ${missing.join(', ')}: run .ci/run (or apt-get install gawk jq).`);
    comparisons = await runDifferential(corpus, START_TREE);
  }, 600_000);

  it('has a corpus of at least 300 distinct commands', () => {
    expect({ enough: corpus.length >= 300, distinct: new Set(corpus.map((item) => item.id)).size }).toEqual({
      enough: true,
      distinct: corpus.length,
    });
  });

  it('agrees on at least 95 % of the commands', () => {
    const agreeing = comparisons.filter((comparison) => comparison.differs.length === 0).length;
    expect(agreeing / comparisons.length).toBeGreaterThanOrEqual(0.95);
  });

  it('differs only where a difference is expected (a new one, or a listed one that now agrees, fails)', () => {
    const differing = comparisons.filter((comparison) => comparison.differs.length > 0);
    const unexpected = differing
      .filter((comparison) => !(comparison.id in EXPECTED_DIFFERENCES))
      .map((comparison) => ({ command: comparison.command, differs: comparison.differs, lite: comparison.lite, bash: comparison.bash }));
    const nowAgreeing = Object.keys(EXPECTED_DIFFERENCES).filter((id) => !differing.some((comparison) => comparison.id === id));
    expect({ unexpected, nowAgreeing }).toEqual({ unexpected: [], nowAgreeing: [] });
  });

  it('loses or changes no start file the real bash leaves as it was, in any command', () => {
    const losing = comparisons.map((comparison) => ({ command: comparison.command, lost: lostFiles(comparison, START_TREE) })).filter((item) => item.lost.length > 0);
    expect(losing).toEqual([]);
  });

  it('lists only corpus commands as expected differences', () => {
    const ids = new Set(corpus.map((item) => item.id));
    expect(Object.keys(EXPECTED_DIFFERENCES).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('parseCorpus', () => {
  it('reads one command a line, multi-line ones between <<< and >>>, and skips comments', () => {
    expect(parseCorpus('## a comment\nls\n\n<<<\ncat <<EOF\nx\nEOF\n>>>\necho "## not a comment"\n')).toEqual([
      { id: 'ls', command: 'ls' },
      { id: 'cat <<EOF\nx\nEOF', command: 'cat <<EOF\nx\nEOF' },
      { id: 'echo "## not a comment"', command: 'echo "## not a comment"' },
    ]);
  });
});
