/**
 * `git push` with no Git CORS proxy: the commits the sandbox sends are replayed through GitHub's Git Database
 * API (as a pull request's are) and the branch is moved to the last one — created when new, fast-forwarded
 * when it exists and is where the sandbox last knew it, never forced. A secret scan comes first.
 */
import type { ApiPush } from '../git/context';
import type { SecretRegistry } from '../core/secrets';
import type { Octokit } from './octokit';
import { explain, GitHubError, SecretsFoundError } from './errors';
import { replayCommits, scanForSecrets, type Call } from './pull-request';

/** Push `push` to `repository` (owner/name); the branch's new head on GitHub. */
export async function pushThroughApi(octokit: Octokit, repository: string, push: ApiPush, options: { secrets: SecretRegistry; signedIn: boolean }): Promise<{ sha: string }> {
  const findings = scanForSecrets(push, { title: '', body: '' }, options.secrets);
  if (findings.length) throw new SecretsFoundError(findings);
  const [owner, repo] = repository.split('/');
  const call: Call = async (work) => {
    try {
      return await work();
    } catch (error) {
      throw explain(error, repository, options.signedIn);
    }
  };
  const current = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${push.branch}` }).then(
    (ref) => ref.data.object.sha,
    (error: { status?: number }) => {
      if (error.status === 404) return undefined;
      throw explain(error, repository, options.signedIn);
    },
  );
  if (current !== push.expected) {
    const where = current ? `is at ${current.slice(0, 7)}` : 'does not exist';
    const known = push.expected ? `at ${push.expected.slice(0, 7)}` : 'absent';
    throw new GitHubError(`the branch ${push.branch} on ${repository} ${where}, not ${known} as this repository knew it (fetch first).`, 409);
  }
  const { sha } = await replayCommits(octokit, { owner, repo }, push.onto, push.commits, call);
  if (current) await call(() => octokit.rest.git.updateRef({ owner, repo, ref: `heads/${push.branch}`, sha, force: false }));
  else await call(() => octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${push.branch}`, sha }));
  return { sha };
}
