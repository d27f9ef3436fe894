// Network tools: downloading is medium; sending local data (env, keys, files, the tree, piped output) out
// is high; remote shells are high.
import { isSecretPath } from '../paths';
import { secretOf } from '../secrets';
import type { Invocation, Stream } from '../scope';
import { literal } from '../scope';
import { hasFlag, operands, optionValues, runsCommandOptions, show, type Rule } from './util';

/** Where a command sends to: the host of its first URL-like or `host:path` operand. */
export function destination(words: readonly string[]): string {
  for (const w of words) {
    const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(w);
    if (url) return url[1];
  }
  for (const w of words) {
    const host = /^(?:[^@\s/]+@)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::|\/|$)/i.exec(w);
    if (host && !w.startsWith('-')) return host[1];
  }
  return 'the network';
}

/** Any argument that carries a secret (a key variable, `$(cat .env)`, `$(env)`) makes sending it high. */
export function rateSecretArgs(inv: Invocation): void {
  const host = destination(inv.words);
  for (const f of inv.args) if (f.secret) inv.raise('high', `${inv.base} sends ${show(f.secret)} to ${host}`);
}

const DOWNLOAD: Stream = { kind: 'dynamic', source: 'a download' };

/** Rates sending `source` (a path, or `-` for stdin) over the network. */
function rateUpload(inv: Invocation, source: string): void {
  const host = destination(inv.words);
  if (source === '-' || source === '/dev/stdin') {
    const input = inv.stdin;
    if (!input || input.kind === 'static') return void inv.raise('medium', `${inv.base} sends data to ${host}`);
    const secret = secretOf(input);
    const what = secret ?? (input.kind === 'file' ? input.path : input.source);
    return void inv.raise(secret || input.kind === 'dynamic' ? 'high' : 'medium', `${inv.base} sends ${show(what)} to ${host}`);
  }
  if (isSecretPath(source)) return void inv.raise('high', `${inv.base} sends ${show(source)}, which holds secrets, to ${host}`);
  const secret = secretOf(inv.read(literal(source)));
  if (secret) return void inv.raise('high', `${inv.base} sends ${show(source)}, which holds ${show(secret)}, to ${host}`);
  const where = inv.place(literal(source));
  if (where.kind === 'critical' || where.kind === 'unknown' || where.everything) return void inv.raise('high', `${inv.base} uploads ${show(source)} to ${host}`);
  inv.raise('medium', `${inv.base} uploads ${show(source)} to ${host}`);
}

const CURL_DATA = ['-d', '--data', '--data-binary', '--json', '--data-ascii'];
const CURL_FORM = ['-F', '--form'];
const CURL_UPLOAD = ['-T', '--upload-file'];
const CURL_WITH_VALUE = [...CURL_DATA, '--data-urlencode', ...CURL_FORM, ...CURL_UPLOAD, '--data-raw', '-o', '--output', '-H', '--header', '-X', '--request', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '-K', '--config', '-r', '--range', '--retry', '-C', '--url'];

const curl: Rule = (inv) => {
  const w = inv.words;
  rateSecretArgs(inv);
  for (const v of optionValues(w, CURL_DATA)) if (v.startsWith('@')) rateUpload(inv, v.slice(1));
  for (const v of optionValues(w, ['--data-urlencode'])) if (/^[^=]*@/.test(v)) rateUpload(inv, v.slice(v.indexOf('@') + 1));
  for (const v of optionValues(w, CURL_FORM)) {
    const m = /[@<]([^;]*)/.exec(v);
    if (m) rateUpload(inv, m[1]);
  }
  for (const v of optionValues(w, CURL_UPLOAD)) rateUpload(inv, v === '.' ? '-' : v);
  inv.raise('medium', `${inv.base} uses the network`);
  const out = optionValues(w, ['-o', '--output'])[0];
  if (out !== undefined && out !== '-') {
    inv.write(out, DOWNLOAD, false);
    return undefined;
  }
  if (hasFlag(w.filter((x) => !CURL_WITH_VALUE.includes(x)), 'O', ['--remote-name'])) {
    const url = operands(w, CURL_WITH_VALUE).find((x) => x.includes('/'));
    if (url) inv.write(url.replace(/[?#].*$/, '').split('/').pop() || 'index.html', DOWNLOAD, false);
    return undefined;
  }
  return DOWNLOAD;
};

const wget: Rule = (inv) => {
  const w = inv.words;
  rateSecretArgs(inv);
  for (const v of optionValues(w, ['--post-file', '--body-file'])) rateUpload(inv, v);
  inv.raise('medium', 'wget uses the network');
  let out: string | undefined = optionValues(w, ['--output-document'])[0];
  w.forEach((x, i) => {
    const m = /^-[a-zA-Z]*O(.*)$/.exec(x);
    if (m && !x.startsWith('--')) out = m[1] || w[i + 1];
  });
  if (out === '-') return DOWNLOAD;
  const url = operands(w, ['-O', '-o', '-P', '--output-file', '-U', '--user-agent', '-t', '--tries', '-T', '--timeout', '--header']).find((x) => x.includes('/'));
  const file = out ?? url?.replace(/[?#].*$/, '').split('/').pop();
  if (file) inv.write(file, DOWNLOAD, false);
  return undefined;
};

const netcat: Rule = (inv) => {
  rateSecretArgs(inv);
  if (hasFlag(inv.words, 'ec') || inv.words.some((x) => /^(EXEC|SYSTEM):/i.test(x))) return void inv.raise('high', `${inv.base} hands a shell to the network`);
  if (hasFlag(inv.words, 'l', ['--listen'])) inv.raise('medium', `${inv.base} listens for connections`);
  if (inv.stdin) rateUpload(inv, '-');
  else inv.raise('medium', `${inv.base} opens a network connection`);
  return DOWNLOAD;
};

/** ssh-style `-o ProxyCommand=…` (and LocalCommand, KnownHostsCommand) run a local shell command. */
function sshCommands(inv: Invocation): void {
  for (const v of optionValues(inv.words, ['-o'])) {
    const m = /^(ProxyCommand|LocalCommand|KnownHostsCommand|RemoteCommand)\s*[= ]\s*([\s\S]*)$/i.exec(v);
    if (m) inv.shell(m[2].replaceAll('\u0000', '${__unknown}'), `ssh -o ${m[1]}`);
  }
}

const ssh: Rule = (inv) => {
  rateSecretArgs(inv);
  sshCommands(inv);
  if (inv.stdin) rateUpload(inv, '-');
  // What runs on the other machine is rated as if it ran here: it is still the agent's doing.
  const [, ...remote] = operands(inv.words, ['-p', '-i', '-l', '-o', '-F', '-J', '-L', '-R', '-D', '-W', '-b', '-c', '-e', '-m', '-S', '-w', '-E', '-B', '-O', '-Q']);
  if (remote.length && inv.base === 'ssh') inv.shell(remote.join(' ').replaceAll('\u0000', '${__unknown}'), 'the remote command');
  inv.raise('medium', `${inv.base} connects to a remote host`);
  return DOWNLOAD;
};

/** scp/rsync: a `host:path` operand makes it a transfer; sending the tree or secrets is high. */
const copyRemote: Rule = (inv) => {
  rateSecretArgs(inv);
  sshCommands(inv);
  runsCommandOptions(inv, inv.base === 'scp' ? ['-S'] : ['-e', '--rsh', '--rsync-path']);
  const ops = operands(inv.words, ['-e', '-i', '-P', '-p', '-o', '-F', '--rsh', '--exclude', '--include', '--filter']);
  const remote = (p: string) => /^[^/\s]*[^/\s\\]:/.test(p) || p.startsWith('rsync://');
  const dest = ops[ops.length - 1];
  if (dest && remote(dest)) for (const src of ops.slice(0, -1)) if (!remote(src)) rateUpload(inv, src);
  if (ops.some(remote)) inv.raise('medium', `${inv.base} copies files over the network`);
  if (hasFlag(inv.words, '', ['--delete', '--delete-after', '--delete-before', '--delete-during', '--remove-source-files'])) inv.raise('medium', `${inv.base} deletes files`);
  if (dest && !remote(dest)) {
    const where = inv.place(literal(dest));
    inv.raise(where.kind === 'git' || where.kind === 'critical' ? 'high' : where.kind === 'inside' ? 'low' : 'medium', `${inv.base} copies files to ${show(dest)}`);
  }
};

const probe: Rule = (inv) => inv.raise('low', `${inv.base} probes the network`);

const httpie: Rule = (inv) => {
  rateSecretArgs(inv);
  for (const w of inv.words) {
    const m = /^[^=@:]*[=:]?@(.+)$/.exec(w);
    if (m) rateUpload(inv, m[1]);
  }
  if (inv.stdin) rateUpload(inv, '-');
  inv.raise('medium', `${inv.base} uses the network`);
  return DOWNLOAD;
};

/** openssl: `s_client` opens a connection and sends its input; other subcommands compute locally. */
const openssl: Rule = (inv) => {
  if (inv.words[0] !== 's_client') return void inv.raise('low', `openssl ${inv.words[0] ?? ''}`.trim());
  if (inv.stdin) rateUpload(inv, '-');
  inv.raise('medium', `openssl s_client connects to ${optionValues(inv.words, ['-connect'])[0] ?? 'a host'}`);
  return DOWNLOAD;
};

/** PowerShell's downloaders (also as aliases) and Invoke-Expression, which runs its input as code. */
const psDownload: Rule = (inv) => (inv.raise('medium', `${inv.base} uses the network`), DOWNLOAD);

/** Command-line clients of remote services: each call reaches the network and may change remote state. */
const remoteCli: Rule = (inv) => {
  const sub = operands(inv.words, ['-R', '--repo', '-n', '--namespace', '--context', '--profile', '--region', '-o', '--output'])[0] ?? '';
  if (inv.words.length === 0 || /^(-v|--version|version|help|-h|--help)$/.test(sub)) return void inv.raise('none', `${inv.base} ${sub}`.trim());
  if (inv.base === 'gh' && sub === 'auth' && inv.words.includes('token')) {
    inv.raise('low', 'gh auth token prints the GitHub token');
    return { kind: 'dynamic', source: 'the GitHub token', secret: 'the GitHub token (gh auth token)' };
  }
  rateSecretArgs(inv);
  for (const f of inv.args) if (f.known && !f.text.startsWith('-') && isSecretPath(f.text.replace(/^[\w-]+=/, ''))) inv.raise('high', `${inv.base} ${sub} sends ${show(f.text)}, which holds secrets`);
  if (inv.stdin) {
    const secret = secretOf(inv.stdin);
    if (secret) inv.raise('high', `${inv.base} ${sub} sends ${show(secret)}`);
  }
  inv.raise('medium', `${inv.base} ${sub} talks to a remote service`);
  return DOWNLOAD;
};

/** Rules for network commands, by command name. */
export const NETWORK_RULES: Record<string, Rule> = {
  curl, wget, nc: netcat, ncat: netcat, netcat, socat: netcat, telnet: netcat,
  ssh, scp: copyRemote, sftp: ssh, rsync: copyRemote, ftp: ssh,
  ping: probe, dig: probe, nslookup: probe, host: probe, traceroute: probe,
  http: httpie, https: httpie, xh: httpie, aria2c: wget, axel: wget, openssl,
  ...Object.fromEntries(['gh', 'glab', 'kubectl', 'helm', 'aws', 'gcloud', 'az', 'vercel', 'netlify', 'flyctl', 'fly', 'heroku', 'wrangler', 'firebase', 'doctl'].map((name) => [name, remoteCli])),
  irm: psDownload, iwr: psDownload, 'Invoke-RestMethod': psDownload, 'Invoke-WebRequest': psDownload,
};
