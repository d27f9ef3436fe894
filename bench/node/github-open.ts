/**
 * github_open: Open from GitHub without a proxy (src/github/page.ts: plan, one request per file, the one-commit
 * repository built in memory), for a 1 000-file repository served by the GitHub stand-in; baseline: a bare
 * fetch of the same bytes (the same requests — repository, ref, commit, tree, rate limit, every blob — with
 * plain `fetch`, one after another, nothing decoded or built). Target ≤ 2×.
 */
import { GitHubPage, type WorkdirPort } from '../../src/github/page';
import { SecretRegistry } from '../../src/core/secrets';
import { GitHubStandIn } from '../../tests/fixtures/github-standin';
import { fmt, median, rotated, row, type Measured } from '../lib/stats';

const TOKEN = 'github_pat_bench_token_0123456789_abcdefghij';
const FILES = 1_000;

/** The same requests the open makes, as bare fetches. */
async function bareFetch(url: string, repository: string): Promise<void> {
  const headers = { authorization: `token ${TOKEN}` };
  const get = async (path: string) => (await fetch(`${url}${path}`, { headers })).json();
  const base = `/repos/${repository}`;
  const info = await get(base);
  const ref = await get(`${base}/git/ref/heads/${info.default_branch}`);
  const commit = await get(`${base}/git/commits/${ref.object.sha}`);
  const tree = await get(`${base}/git/trees/${commit.tree.sha}?recursive=1`);
  await get('/rate_limit');
  for (const entry of tree.tree) if (entry.type === 'blob') await get(`${base}/git/blobs/${entry.sha}`);
}

/** The row. */
export async function githubOpenRow(reps: number): Promise<Measured> {
  const hub = await new GitHubStandIn({ tokens: { [TOKEN]: { login: 'bench', push: [] } }, tokenLimit: 1_000_000 }).start();
  try {
    const files = Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`src/d${Math.floor(i / 50)}/f${i}.ts`, `export const v${i} = ${i};\n`]));
    hub.seed('octo/big', files);
    const workdir: WorkdirPort = { snapshot: async () => ({ files: [], dirs: [] }), replaceWith: async () => {}, readTextFile: async () => '' };
    const page = new GitHubPage({ access: () => ({ token: TOKEN, apiURL: hub.url, corsProxy: '' }), workdir, secrets: new SecretRegistry() });
    let opened = 0;
    const samples = await rotated(reps, {
      ours: async () => {
        const started = performance.now();
        opened = (await page.fetch('octo/big')).report.files;
        return performance.now() - started;
      },
      bare: async () => {
        const started = performance.now();
        await bareFetch(hub.url, 'octo/big');
        return performance.now() - started;
      },
    }, 0); // no warm-up round: one open of 1 000 files is long enough to be warm after its first requests
    const ours = median(samples.ours);
    const bare = median(samples.bare);
    return {
      name: 'github_open',
      row: row(ours, bare, 'ms per open', '<= 2x bare fetch', ours <= 2 * bare),
      note: `${opened} files`,
      details: [fmt(`${FILES} files from the stand-in: Open from GitHub (REST, one request per file, repository built in memory) {} ms (median); the same requests as bare fetches {} ms.`, ours, bare)],
    };
  } finally {
    await hub.stop();
  }
}
