/**
 * create_pull_request as the page runs it (api/page-tools.ts) and its link in the run (api/run-state.ts): the
 * observation the model reads, the `pull_request` event, outputs.pr_url kept through `finish` and recorded on a
 * run that already ended; `github` joins the default tools for a work dir opened from GitHub.
 */
import { describe, expect, it } from 'vitest';
import { groupsFor, runPageTool, type PullRequestPort } from '../../../src/api/page-tools';
import { applyEvent, newRun } from '../../../src/api/run-state';
import type { AgentEvent } from '../../../src/core';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

const OPENED = { url: 'https://github.com/octo/dash/pull/7', number: 7, repository: 'octo/dash', branch: 'autopilot/fix', commits: 1, files: 2 };

describe('create_pull_request on the page', () => {
  it('opens the pull request, records it, and tells the model; failures are observations', async () => {
    const asked: unknown[] = [];
    const port: PullRequestPort = { create: async (request) => (asked.push(request), OPENED) };
    const events: AgentEvent[] = [];
    const signal = new AbortController().signal;
    const result = await runPageTool(port, 'create_pull_request', { title: ' Fix ', body: 'b', base: 'dev' }, signal, (event) => events.push(event));
    expect(result).toEqual({ ok: true, observation: 'Opened pull request #7: https://github.com/octo/dash/pull/7 (branch autopilot/fix; 1 commit, 2 files).' });
    expect(asked).toEqual([{ title: 'Fix', body: 'b', base: 'dev' }]);
    expect(events).toEqual([{ type: 'pull_request', url: OPENED.url, number: 7, repository: 'octo/dash', branch: 'autopilot/fix' }]);
    expect(await runPageTool(port, 'create_pull_request', { body: 'no title' }, signal, () => {})).toEqual({ ok: false, observation: 'create_pull_request needs a non-empty `title`.' });
    const failing: PullRequestPort = { create: async () => { throw new Error('GitHub refused the token (401).'); } };
    expect(await runPageTool(failing, 'create_pull_request', { title: 't', body: '' }, signal, () => {})).toEqual({ ok: false, observation: 'The pull request was not opened: GitHub refused the token (401).' });
  });

  it('keeps the link in outputs.pr_url through finish, and on a run that already ended', () => {
    let run = applyEvent(newRun('r', { instructions: 'go' }, 0), { type: 'status', status: 'in_progress' }, 1);
    run = applyEvent(run, { type: 'pull_request', url: OPENED.url, number: 7, repository: 'octo/dash', branch: 'autopilot/fix' }, 2);
    const call = { id: 'c', name: 'finish', arguments: '{"summary":"done","outputs":{"tests":"passed"}}' };
    run = applyEvent(run, { type: 'tool_call', call, args: { summary: 'done', outputs: { tests: 'passed' } } } as AgentEvent, 3);
    expect(run.outputs).toEqual({ pr_url: OPENED.url, tests: 'passed' });
    const ended = applyEvent(run, { type: 'status', status: 'completed' }, 4);
    const later = applyEvent(ended, { type: 'pull_request', url: 'https://github.com/octo/dash/pull/8', number: 8, repository: 'octo/dash', branch: 'b' }, 5);
    expect({ status: later.status, outputs: later.outputs }).toEqual({ status: 'completed', outputs: { pr_url: 'https://github.com/octo/dash/pull/8', tests: 'passed' } });
  });

  it('adds github to the default tools only for a work dir opened from GitHub', async () => {
    const sandbox = new LiteSandbox();
    try {
      expect(await groupsFor(['terminal', 'files', 'human'], false, sandbox)).toEqual(['terminal', 'files', 'human']);
      await sandbox.writeFile('.git/config', '[core]\n\tbare = false\n[autopilot]\n\trepository = octo/dash\n\tbranch = main\n');
      expect(await groupsFor(['terminal', 'files', 'human'], false, sandbox)).toEqual(['terminal', 'files', 'human', 'github']);
      expect(await groupsFor(['terminal'], true, sandbox)).toEqual(['terminal']);
    } finally {
      await sandbox.dispose();
    }
  });
});
