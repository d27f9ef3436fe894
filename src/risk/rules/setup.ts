// Well-known tools that print shell setup for `eval "$(…)"` or `source <(…)`: an agent's environment
// (ssh-agent, Homebrew, direnv, prompt and version managers, completions). What they print is their own
// setup code, so running it is rated low instead of as "code only known at run time".

/** Command name → the arguments (joined by spaces) that make it print shell setup. */
const GENERATORS: Record<string, RegExp> = {
  'ssh-agent': /^(-[sc])?$/,
  keychain: /(^|\s)--eval(\s|$)/,
  brew: /^shellenv(\s|$)/,
  direnv: /^hook \w+$/,
  starship: /^init \w+( --print-full-init)?$/,
  zoxide: /^init \w+( .*)?$/,
  'oh-my-posh': /^init \w+( .*)?$/,
  atuin: /^init \w+( .*)?$/,
  mcfly: /^init \w+$/,
  rbenv: /^init( -| \w+)?$/, nodenv: /^init( -| \w+)?$/, goenv: /^init( -| \w+)?$/, jenv: /^init( -| \w+)?$/, plenv: /^init( -| \w+)?$/,
  pyenv: /^(init( -| --path| \w+)?|virtualenv-init -)$/,
  fnm: /^env( --[\w-]+(=\S+)?)*$/,
  mise: /^activate( \w+)?$/, rtx: /^activate( \w+)?$/,
  thefuck: /^--alias( \w+)?$/,
  conda: /^shell\.\w+ hook$/,
  opam: /^env( --[\w-]+(=\S+)?)*$/,
  dircolors: /^(-[bc])?( \S+)?$/,
  fzf: /^--(bash|zsh|fish)$/,
  luarocks: /^path( --[\w-]+)*$/,
  'register-python-argcomplete': /^[\w.-]+$/,
  'ng': /^completion script$/,
};
/** Tools whose `completion SHELL` (or `completions`) prints a completion script. */
const COMPLETION = /^(completions?|completion -s)( (bash|zsh|fish|powershell))?( --[\w-]+)*$|^--completion(s)?( \w+)?$/;
const COMPLETERS = new Set(['kubectl', 'helm', 'kind', 'minikube', 'gh', 'npm', 'pnpm', 'yarn', 'rustup', 'docker', 'pip', 'pip3', 'poetry', 'deno', 'bun', 'uv', 'rg', 'kubeadm', 'oc', 'eksctl', 'flux', 'argocd', 'tailscale', 'golangci-lint', 'hugo', 'cobra-cli', 'terraform', 'k3d', 'istioctl', 'velero', 'skaffold', 'stern', 'k9s', 'glab', 'just', 'cargo', 'volta', 'fnm', 'mise', 'starship', 'chezmoi']);

/** What setup a command prints (for a reason), or undefined when it is not a known setup generator. */
export function shellSetupOf(base: string, words: readonly string[]): string | undefined {
  const args = words.join(' ');
  if (GENERATORS[base]?.test(args)) return `${base} ${args}`.trim();
  if (COMPLETERS.has(base) && COMPLETION.test(args)) return `${base} ${args}`;
  return undefined;
}
