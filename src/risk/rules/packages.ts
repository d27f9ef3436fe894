// Package managers and project tools: installing is medium (network, code from elsewhere), publishing is
// high (irreversible, public), project scripts are low, servers are medium.
import type { RiskLevel } from '../../core/run';
import type { Invocation } from '../scope';
import { literal } from '../scope';
import { operands, type Rule } from './util';

const VERSION_ONLY = /^(-v|-V|--version|version|-h|--help|help)$/;
const SERVER_SCRIPTS = /^(dev|start|serve|server|preview|watch|storybook|develop)(:.*)?$/;
/** Tools that start a server unless given one of these one-shot subcommands ('serve-only': only `serve` does). */
const SERVER_TOOLS: Record<string, readonly string[] | 'serve-only'> = {
  vite: ['build', 'optimize'], next: ['build', 'lint', 'export', 'info', 'telemetry'], nuxt: ['build', 'generate', 'prepare', 'typecheck'],
  'http-server': [], serve: [], 'live-server': [], nodemon: [], 'webpack-dev-server': [], 'json-server': [],
  uvicorn: [], gunicorn: [], hypercorn: [], astro: ['build', 'check', 'add', 'sync'], 'react-scripts': ['build', 'test', 'eject'],
  webpack: 'serve-only', ng: ['build', 'test', 'lint', 'generate', 'g', 'new', 'add', 'version'], 'vue-cli-service': ['build', 'lint'],
};
/** Packages run by npx & co. whose binary has a rule of its own: package → binary. */
const PACKAGE_BINARIES: Record<string, string> = {
  rimraf: 'rimraf', 'del-cli': 'del', 'trash-cli': 'trash', trash: 'trash', shx: 'shx', 'rm-cli': 'rm-cli', 'delete-cli': 'delete-cli',
  'cross-env': 'env', concurrently: 'concurrently', 'cpy-cli': 'cp', 'copyfiles': 'cp', 'mkdirp': 'mkdir', 'make-dir-cli': 'mkdir',
};

/** Packages whose whole job is to download and scaffold something. */
const DOWNLOADERS = /^(create-.*|@[^/]+\/create.*|degit|tiged|giget|npm-check-updates|ncu)$/;

function verdict(inv: Invocation, [level, reason]: [RiskLevel, string]): void {
  inv.raise(level, reason);
}

/** `npm run NAME` and friends. */
function script(tool: string, name: string | undefined): [RiskLevel, string] {
  if (!name) return ['none', `${tool} run lists the scripts`];
  if (SERVER_SCRIPTS.test(name)) return ['medium', `${tool} run ${name} starts a server`];
  return ['low', `${tool} runs the project script ${name}`];
}

/** Starting a dev server, for tools run directly or through npx; undefined for other tools. */
export function rateTool(tool: string, args: readonly string[]): [RiskLevel, string] | undefined {
  const spec = SERVER_TOOLS[tool];
  if (!spec) return undefined;
  const sub = operands(args, ['--port', '-p', '--host', '--config', '-c', '--mode', '-m'])[0] ?? '';
  const serves = spec === 'serve-only' ? sub === 'serve' || args.includes('--watch') : !spec.includes(sub);
  return serves ? ['medium', `${tool} starts a server`] : ['low', `runs ${tool} ${sub}`.trim()];
}

/** npx / npm exec / pnpm dlx / yarn dlx / bunx. */
function npx(inv: Invocation, words: readonly string[], tool: string): void {
  const withValue = ['-p', '--package', '-c', '--call', '-w', '--workspace'];
  const call = words.findIndex((w) => w === '-c' || w === '--call');
  if (call >= 0 && words[call + 1] !== undefined) inv.shell(words[call + 1], `${tool} -c`);
  const ops = operands(words, withValue);
  const firstOp = words.indexOf(ops[0]);
  const pkg = ops[0];
  const rest = firstOp >= 0 ? words.slice(firstOp + 1) : [];
  if (!pkg) return void inv.raise('low', `${tool}`);
  if (rest.length === 1 && VERSION_ONLY.test(rest[0])) return void inv.raise('none', `${pkg} ${rest[0]}`);
  const fetches = words.slice(0, Math.max(firstOp, 0)).some((w) => /^(-y|--yes|-p|--package)/.test(w)) || pkg.lastIndexOf('@') > 0 || DOWNLOADERS.test(pkg);
  const name = pkg.replace(/(.)@.*$/, '$1');
  const bin = PACKAGE_BINARIES[name];
  if (bin) {
    // A package binary we know (rimraf, shx …) is rated by what it does, exactly as if run directly.
    const fields = inv.args.slice(inv.args.length - rest.length);
    inv.run([literal(bin), ...(fields[0]?.text === '--' ? fields.slice(1) : fields)], inv.stdin);
  }
  if (fetches || tool !== 'npx') return void inv.raise('medium', `${tool} downloads and runs ${pkg}`);
  if (!bin) verdict(inv, rateTool(name, rest) ?? ['low', `runs ${pkg}`]);
}

const npm: Rule = (inv) => {
  const w = inv.words;
  const ops = operands(w, ['--prefix', '-w', '--workspace', '--registry', '--loglevel', '--tag', '--otp', '-C']);
  const [sub, arg] = ops;
  if (!sub) return void inv.raise(w.every((x) => VERSION_ONLY.test(x)) ? 'none' : 'low', 'npm');
  if (/^(-v|-V|--version|-h|--help)$/.test(sub) || (/^(help|version)$/.test(sub) && !arg)) return void inv.raise('none', `npm ${sub}`);
  if (/^(install|i|in|ins|inst|insta|instal|isnt|add|ci|clean-install|ic|uninstall|un|unlink|remove|rm|r|update|up|upgrade|prune|dedupe|ddp|link|ln|rebuild|install-test|it)$/.test(sub)) {
    return void inv.raise('medium', `npm ${sub} changes the installed packages`);
  }
  if (/^(publish|unpublish|deprecate|dist-tag|owner|access|team|undeprecate)$/.test(sub)) {
    if (w.includes('--dry-run')) return void inv.raise('low', `npm ${sub} --dry-run`);
    if (!(sub === 'dist-tag' && (arg === 'ls' || arg === 'list')) && !(sub === 'owner' && arg === 'ls')) return void inv.raise('high', `npm ${sub} changes what the public registry serves`);
  }
  if (/^(test|t|tst|start|stop|restart)$/.test(sub)) return verdict(inv, script('npm', sub === 't' || sub === 'tst' ? 'test' : sub));
  if (/^(run|run-script|rum|urn)$/.test(sub)) return verdict(inv, script('npm', arg));
  if (sub === 'exec' || sub === 'x') return npx(inv, w.slice(w.indexOf(sub) + 1), 'npx');
  if (sub === 'cache') return void inv.raise(arg === 'clean' || arg === 'clear' || arg === 'rm' ? 'medium' : 'none', `npm cache ${arg ?? ''}`);
  if (sub === 'audit') return void inv.raise(arg === 'fix' ? 'medium' : 'low', `npm audit ${arg ?? ''}`);
  if (/^(init|create|innit)$/.test(sub)) return void inv.raise(arg ? 'medium' : 'low', arg ? `npm ${sub} downloads ${arg}` : 'npm init');
  if (/^(login|adduser|logout|token|profile)$/.test(sub)) return void inv.raise('medium', `npm ${sub} changes registry credentials`);
  if (/^(view|v|info|show|search|s|se|find|outdated|ls|list|la|ll|explain|why|get|root|bin|prefix|help|doctor|fund|whoami|query|config|c|pkg|version|ping|repo|docs|bugs|home)$/.test(sub)) {
    const changes = (sub === 'config' || sub === 'c' || sub === 'pkg') ? /^(set|delete|edit|fix)$/.test(arg ?? '') : sub === 'version' && !!arg;
    return void inv.raise(changes ? 'low' : 'none', `npm ${sub}`);
  }
  inv.raise('low', `npm ${sub}`);
};

/** yarn, pnpm and bun share most subcommands; anything unknown is a project script. */
function makeManager(tool: string, install: RegExp, dlx: RegExp): Rule {
  return (inv) => {
    const w = inv.words;
    const ops = operands(w, ['--cwd', '-C', '--filter', '-F', '--dir']);
    const [sub, arg] = ops;
    if (!sub) return void inv.raise(w.some((x) => VERSION_ONLY.test(x)) ? 'none' : tool === 'bun' ? 'low' : 'medium', w.length ? tool : `${tool} installs the dependencies`);
    if (VERSION_ONLY.test(sub)) return void inv.raise('none', `${tool} ${sub}`);
    if (install.test(sub)) return void inv.raise('medium', `${tool} ${sub} changes the installed packages`);
    if (sub === 'publish' || (sub === 'npm' && arg === 'publish')) return void inv.raise('high', `${tool} publish changes what the public registry serves`);
    if (dlx.test(sub)) return npx(inv, w.slice(w.indexOf(sub) + 1), `${tool} ${sub}`);
    if ((sub === 'run' || sub === 'run-script') && arg && PACKAGE_BINARIES[arg]) return void inv.run([literal(PACKAGE_BINARIES[arg]), ...inv.args.slice(inv.words.indexOf(arg) + 1)], inv.stdin);
    if (sub === 'run' || sub === 'run-script') return verdict(inv, script(tool, arg));
    if (sub === 'exec') return npx(inv, w.slice(w.indexOf(sub) + 1), 'npx');
    if (/^(list|ls|why|info|outdated|view|config|bin|root|store)$/.test(sub)) return void inv.raise('none', `${tool} ${sub}`);
    if (tool === 'bun' && /\.(m?[jt]sx?|cjs)$/.test(sub)) return verdict(inv, /server|serve|app|start|dev|listen|www|api/i.test(sub) ? ['medium', `bun ${sub} may start a server`] : ['low', `bun runs ${sub}`]);
    // `yarn rimraf .`, `pnpm exec shx rm -rf .`: a package binary run by the manager is rated by what it does.
    const bin = PACKAGE_BINARIES[sub];
    if (bin) return void inv.run([literal(bin), ...inv.args.slice(inv.words.indexOf(sub) + 1)], inv.stdin);
    verdict(inv, script(tool, sub));
  };
}

/** A simple manager: sub-commands that install (medium), publish (high), read (none); others low. */
function simpleManager(tool: string, install: RegExp, publish: RegExp, read: RegExp): Rule {
  return (inv) => {
    const ops = operands(inv.words, ['-C', '--manifest-path', '-r', '--requirement', '-t', '--target', '-p', '--package']);
    const sub = ops[0] ?? '';
    if (publish.test(sub)) return void inv.raise('high', `${tool} ${sub} publishes a package`);
    if (install.test(sub)) return void inv.raise('medium', `${tool} ${sub} changes the installed packages`);
    if (read.test(sub) || (ops.length === 0 && inv.words.every((w) => VERSION_ONLY.test(w)))) return void inv.raise('none', `${tool} ${sub}`.trim());
    inv.raise('low', `runs ${tool} ${sub}`.trim());
  };
}

const pipLike = simpleManager('pip', /^(install|uninstall|download|wheel)$/, /^$/, /^(freeze|list|show|check|help|--version|search|index|inspect|config)$/);
const uv: Rule = (inv) => (inv.words[0] === 'pip' ? pipLike({ ...inv, words: inv.words.slice(1) }) : simpleManager('uv', /^(add|remove|sync|lock|tool|python|venv)$/, /^publish$/, /^(tree|version|help)$/)(inv));
const OS_INSTALL = /^(install|reinstall|remove|purge|erase|upgrade|update|dist-upgrade|full-upgrade|autoremove|add|del|uninstall|tap|cask|refresh|-S.*|-R.*|-U.*)$/;
const OS_READ = /^(list|search|show|info|policy|-Q.*|-Ss.*|doctor|config|outdated|leaves|deps)$/;

const docker: Rule = (inv) => {
  const sub = operands(inv.words, ['-H', '--host', '-c', '--context', '--config', '-f', '--file', '-p', '--project-name'])[0] ?? '';
  if (/^(push|login|logout)$/.test(sub)) return void inv.raise('high', `${inv.base} ${sub} publishes images or credentials`);
  if (/^(ps|images|logs|inspect|version|info|top|stats|history|search|port)$/.test(sub)) return void inv.raise('none', `${inv.base} ${sub}`);
  inv.raise('medium', `${inv.base} ${sub}`.trim());
};

/** A server started directly (vite, next dev, uvicorn …). */
const serverTool: Rule = (inv) => verdict(inv, rateTool(inv.base, inv.words) ?? ['low', `runs ${inv.base}`]);

/** Rules for package managers and project tools, by command name. */
export const PACKAGE_RULES: Record<string, Rule> = {
  npm,
  npx: (inv) => npx(inv, inv.words, 'npx'),
  pnpx: (inv) => npx(inv, ['--yes', ...inv.words], 'pnpx'),
  bunx: (inv) => npx(inv, ['--yes', ...inv.words], 'bunx'),
  yarn: makeManager('yarn', /^(install|add|remove|upgrade|up|upgrade-interactive|unlink|link|import|set|plugin)$/, /^(dlx|create)$/),
  pnpm: makeManager('pnpm', /^(install|i|add|remove|rm|un|uninstall|update|up|upgrade|fetch|prune|link|unlink|import|rebuild|install-test|it|ci|env|setup)$/, /^(dlx|create)$/),
  bun: makeManager('bun', /^(install|i|add|a|remove|rm|update|upgrade|link|unlink|pm|patch)$/, /^(x|create|init)$/),
  pip: pipLike, pip3: pipLike, pipx: simpleManager('pipx', /^(install|uninstall|upgrade|run|inject|reinstall)/, /^$/, /^(list|--version)$/),
  uv,
  poetry: simpleManager('poetry', /^(add|install|remove|update|lock|self|source)$/, /^publish$/, /^(show|check|version|env|config|search|about)$/),
  twine: simpleManager('twine', /^$/, /^(upload|register)$/, /^check$/),
  cargo: simpleManager('cargo', /^(install|uninstall|add|remove|update|fetch|generate-lockfile|vendor)$/, /^(publish|yank|owner|login|logout)$/, /^(tree|metadata|search|--version|version|help|locate-project|pkgid|verify-project)$/),
  go: simpleManager('go', /^(get|install|mod|work|clean)$/, /^$/, /^(version|env|list|doc|help|vet)$/),
  gem: simpleManager('gem', /^(install|uninstall|update|cleanup|sources)$/, /^(push|yank|owner|signin)$/, /^(list|search|info|query|env|contents|which|help)$/),
  bundle: simpleManager('bundle', /^(install|update|add|remove|lock|clean)$/, /^$/, /^(list|show|info|check|outdated|version)$/),
  composer: simpleManager('composer', /^(install|require|update|remove|create-project|global)$/, /^$/, /^(show|info|outdated|validate|licenses|depends|why)$/),
  apt: simpleManager('apt', OS_INSTALL, /^$/, OS_READ),
  'apt-get': simpleManager('apt-get', OS_INSTALL, /^$/, OS_READ),
  yum: simpleManager('yum', OS_INSTALL, /^$/, OS_READ), dnf: simpleManager('dnf', OS_INSTALL, /^$/, OS_READ),
  apk: simpleManager('apk', OS_INSTALL, /^$/, OS_READ), brew: simpleManager('brew', OS_INSTALL, /^$/, OS_READ),
  pacman: simpleManager('pacman', OS_INSTALL, /^$/, OS_READ), snap: simpleManager('snap', OS_INSTALL, /^$/, OS_READ),
  dpkg: simpleManager('dpkg', /^(-i|--install|-r|--remove|-P|--purge|--configure)$/, /^$/, /^(-l|--list|-L|-s|--status|-S)$/),
  docker, podman: docker,
  corepack: simpleManager('corepack', /^(enable|disable|prepare|install|use|up)$/, /^$/, /^(--version)$/),
  ...Object.fromEntries(Object.keys(SERVER_TOOLS).map((tool) => [tool, serverTool])),
};
