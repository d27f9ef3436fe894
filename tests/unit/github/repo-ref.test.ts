/** What a person types in the Repository box. */
import { describe, expect, it } from 'vitest';
import { parseRepoRef } from '../../../src/github/repo-ref';

describe('parseRepoRef', () => {
  it('reads owner/name, URLs, .git, /tree/<branch> and #branch', () => {
    expect(parseRepoRef('octo/dash')).toEqual({ owner: 'octo', name: 'dash' });
    expect(parseRepoRef(' https://github.com/octo/dash.git ')).toEqual({ owner: 'octo', name: 'dash' });
    expect(parseRepoRef('github.com/octo/dash/')).toEqual({ owner: 'octo', name: 'dash' });
    expect(parseRepoRef('octo/dash#feature/x')).toEqual({ owner: 'octo', name: 'dash', ref: 'feature/x' });
    expect(parseRepoRef('https://github.com/octo/dash/tree/release-1')).toEqual({ owner: 'octo', name: 'dash', ref: 'release-1' });
    expect(parseRepoRef('git@github.com:octo/dash.git')).toEqual({ owner: 'octo', name: 'dash' });
  });

  it('refuses what is not a repository', () => {
    expect(['', 'octo', 'octo/dash/issues', 'https://gitlab.com/a/b', 'a b/c'].map(parseRepoRef)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
