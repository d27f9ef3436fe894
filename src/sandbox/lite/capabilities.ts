import type { Capabilities } from '../sandbox';

/** What the lite sandbox can run, for the fallback banner and the agent's system prompt. */
export const LITE_CAPABILITIES: Capabilities = {
  summary:
    'Lite sandbox: an emulated bash (just-bash) with an in-memory file system; work dir /home/project. ' +
    'It has bash syntax and builtins (pipes, redirects, heredocs, functions, loops — a loop stops after ' +
    '100000 iterations), coreutils (ls, cat, cp, mv, rm, mkdir, touch, head, tail, wc, sort, uniq, cut, tr, ' +
    'find, xargs, diff, tee, seq, date, sleep …), grep and rg, sed, awk, jq, yq, base64, sha256sum and md5sum. ' +
    'git works for local work (init, status, add, commit, diff, log, show, branch, checkout, switch, restore, ' +
    'reset, rm, mv, stash, rev-parse, config, remote); clone/fetch/pull/push only when the page connects a ' +
    'repository — publish changes with the create_pull_request tool. ' +
    'There is NO node, npm, npx, python, pip, curl, wget, tar, gzip, sqlite3 or network, and nothing can ' +
    'be installed. ' +
    '`cmd &` does not run in the background (it runs to its end first) and there is no kill, ps or jobs: ' +
    'use start_process for a long-running command, whose own output is known only when it ends (or from ' +
    'files it writes). Each command starts in the previous one\'s directory with its variables, but shell ' +
    'functions and aliases do not carry over: keep them in a file and `source` it. ' +
    'Servers cannot run here: there are no ports and no preview.',
  node: false,
  network: false,
  processes: true,
  servers: false,
};
