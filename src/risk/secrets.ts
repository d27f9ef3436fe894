// What counts as a secret while rating: variables named like keys, whole-environment dumps, and files that
// hold keys. A leaf: the walker, the expansion and the network rules all ask it.
import { isSecretPath } from './paths';
import type { Stream } from './values';

/** Variable names that hold secrets by convention (`OPENAI_API_KEY`, `GITHUB_TOKEN`, `DB_PASSWORD` …). */
const SECRET_NAME = /(^|_)(KEY|KEYS|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD_HASH|CREDENTIALS?|AUTH|APIKEY|PRIVATE)(_|$)|TOKEN|SECRET|PASSWORD|API_?KEY|ACCESS_KEY/;
/** Lower- or mixed-case names count only when they say so plainly (`api_key`, `apiKey`, `password`). */
const SECRET_WORD = /api_?key|secret|password|passwd|access_?token|auth_?token|private_?key|credentials?$/i;
/** Names that match the shape but are not secrets. */
const NOT_SECRET = /^(KEYMAP|KEYBOARD|PASS_?COUNT|TOKENIZERS_PARALLELISM|AUTHOR|SSH_AUTH_SOCK|GPG_TTY)$/i;

/** True for a variable name that holds a secret by convention. */
export function isSecretName(name: string): boolean {
  return (SECRET_NAME.test(name) || SECRET_WORD.test(name)) && !NOT_SECRET.test(name);
}

/** Sources (as the walker names them) that carry secrets: the environment, shell history, archives of the tree. */
const SENSITIVE_SOURCE = /environment|secret|history|archive of project|\$[A-Za-z_]\w*/;

/** What secret a stream carries, in words for a reason; undefined when none. */
export function secretOf(stream: Stream | undefined): string | undefined {
  if (!stream) return undefined;
  if (stream.kind === 'file') return isSecretPath(stream.path) ? `the contents of ${stream.path}` : undefined;
  if (stream.kind === 'dynamic') {
    if (stream.secret) return stream.secret;
    if (SENSITIVE_SOURCE.test(stream.source)) return stream.source;
    if (stream.source.startsWith('the contents of ') && isSecretPath(stream.source.slice('the contents of '.length))) return stream.source;
  }
  return undefined;
}
