import type { Capabilities } from '../sandbox';

/** What the lite sandbox can run, for the fallback banner and the agent's system prompt. */
export const LITE_CAPABILITIES: Capabilities = {
  summary:
    'Lite sandbox: an emulated bash (just-bash) with an in-memory file system; work dir /home/project, ' +
    'HOME /home/user. ' +
    'It has bash syntax and builtins (pipes, redirects, heredocs, functions, loops — a loop stops after ' +
    '100000 iterations), coreutils (ls, cat, cp, mv, rm, mkdir, touch, head, tail, wc, sort, uniq, cut, tr, ' +
    'find, xargs, diff, tee, seq, date, sleep, realpath …), grep and rg, sed, awk, jq, yq, base64, sha256sum and ' +
    'md5sum; ls, grep, sort, uniq, diff, xargs, paste, head, cp, sed -i behave as GNU\'s (sort in byte order). ' +
    'Differences from real bash: awk is not gawk (write length($0), print > ($1 ".txt"), no /dev/stderr); ' +
    'there is no bc (use $(( )) or awk); arithmetic is floating point, not 64-bit; a function called in $( ) ' +
    'inside $(( )) is not found (assign it to a variable first); ${c[$k]:-0} inside $(( )) always gives the ' +
    'default (use (( c[$k]++ )) or $(( c[$k] + 1 ))); a */ glob matches files too (use find -type d); a redirection ' +
    'into a missing directory creates it; there is no select. The work dir and the cwd can never be removed or ' +
    'moved (Device or resource busy). ' +
    'python3 (and python) is CPython 3.14 on Pyodide with the full standard library: python3 -c, python3 file.py, ' +
    'python3 -m unittest, stdin pipes and exit codes work, and scripts see the same files as bash (the work dir and ' +
    '/tmp). Offline only the standard library is available; pip install NAME (micropip, pure-Python wheels) works ' +
    'only when the page is online. No sockets, subprocess or threads in Python. ' +
    'node is QuickJS, not Node.js: node -e, node file.js, node file.mjs, require and import of relative files, ' +
    'and the built-ins fs, fs/promises, path, process, console, assert, timers, util, events, os, readline, buffer ' +
    'and url; there is no npm or npx, no http, child_process or crypto, and packages need the WebContainer sandbox. ' +
    'Test JavaScript with node test.js and assert (a failing assert exits 1). ' +
    'git works for local work (init, status, add, commit, diff, log, show, branch, checkout, switch, restore, ' +
    'reset, rm, mv, stash, rev-parse, config, remote). git push, pull, fetch and clone reach only the GitHub ' +
    'repository opened on the page (Open from GitHub), through the page, which holds the token (never put a ' +
    'token in a URL or config; other remotes are refused): push sends committed work, never forced (with no Git ' +
    'CORS proxy set it goes through GitHub\'s API); fetch, pull (fast-forward only) and clone need the Git CORS ' +
    'proxy in Settings; with no repository opened they fail saying so. ' +
    'There is NO curl, wget, tar, gzip, sqlite3 or network, and nothing can be installed from npm. ' +
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
