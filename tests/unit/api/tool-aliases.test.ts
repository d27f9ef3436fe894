/** execute({tools}) takes the seed's tool names as aliases of our groups; anything else is a clear TypeError. */
import { describe, expect, it } from 'vitest';
import { checkExecuteParams } from '../../../src/api/validate';
import { specOf } from '../../../src/api/run-setup';
import { resolveToolGroups } from '../../../src/core';

const DEFAULTS = { baseURL: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'k', max_steps: 5, human_intervention_threshold: 'high' as const };

describe('tool aliases', () => {
  it('resolves the seed names to groups, each once', () => {
    expect(resolveToolGroups(['ubuntu_terminal', 'python_interpreter', 'human'])).toEqual(['terminal', 'files', 'human']);
    expect(resolveToolGroups(['terminal'])).toEqual(['terminal']);
    expect(resolveToolGroups(['github_integration', 'ubuntu_terminal', 'python_interpreter'])).toEqual(['github', 'terminal', 'files']);
    expect(resolveToolGroups(['web_browser'])).toBeUndefined();
  });

  it('resolves them once, into the run spec execute() stores and the job carries', () => {
    const params = { instructions: 'go', tools: ['ubuntu_terminal' as const, 'python_interpreter' as const] };
    expect(() => checkExecuteParams(params)).not.toThrow();
    expect(specOf(params, DEFAULTS).tools).toEqual(['terminal', 'files']);
  });

  it('refuses an unknown name, listing what it takes', () => {
    expect(() => checkExecuteParams({ instructions: 'go', tools: ['web_browser' as never] })).toThrow(
      new TypeError('execute(): `tools` is a list of terminal, files, human, github, mcp, ubuntu_terminal, python_interpreter, github_integration.'),
    );
  });
});
