/**
 * The secret registry: every secret the page holds (the model API key, the GitHub token, MCP tokens) is
 * registered here under a name, and every boundary a string can leave through — events, exports,
 * trajectories, zips, pull requests, MCP arguments — scrubs or checks it here. Secrets are never stored
 * with a run: a stored run refers to them by name and the page supplies the values when a run starts.
 */

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** The registry's name for the model API key (the page's registry and a run's own use it). */
export const MODEL_API_KEY = 'model API key';

/** Secrets shorter than this are not scrubbed: they would match ordinary text (and are no real keys). */
export const MIN_SECRET_LENGTH = 8;

/** Well-known key shapes, found in text even when the registry does not hold them (a scan before a push). */
export const KEY_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'OpenAI key', pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g },
  { name: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { name: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g },
];

/** A secret found in a text: which one (its registry name or the key shape) and where. */
export interface SecretFinding {
  name: string;
  index: number;
}

/** Named secrets; a name set to an empty value is removed. */
export class SecretRegistry {
  readonly #values = new Map<string, string>();

  /** Register (or replace, or with `undefined`/'' remove) the secret called `name`. */
  set(name: string, value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.#values.set(name, value);
    else this.#values.delete(name);
  }

  /** The value of the secret called `name`, if it is registered. */
  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  /** The values, longest first (so a secret that contains another is replaced whole). */
  values(): string[] {
    return [...new Set(this.#values.values())].sort((a, b) => b.length - a.length);
  }

  /** A copy of the value with every registered secret replaced by `[redacted]`, deep through arrays and objects. */
  scrub<T>(value: T): T {
    return scrubSecrets(value, this.values());
  }

  /** The names of the registered secrets a text holds (well-known key shapes not included). */
  registeredIn(text: string): string[] {
    return [...this.#values].filter(([, value]) => text.includes(value)).map(([name]) => name);
  }

  /** The names of the registered secrets some bytes hold, as UTF-8 (text files and binary alike). */
  registeredInBytes(data: Uint8Array): string[] {
    return [...this.#values].filter(([, value]) => indexOfBytes(data, utf8.encode(value)) >= 0).map(([name]) => name);
  }

  /**
   * The bytes with every registered secret replaced: by `[redacted]` in UTF-8 text, by as many `*` in
   * anything else (so a binary file keeps its offsets). The same array when there is none.
   */
  scrubBytes(data: Uint8Array): Uint8Array {
    if (this.registeredInBytes(data).length === 0) return data;
    const text = decodeText(data);
    if (text !== undefined) return utf8.encode(this.scrub(text));
    const copy = data.slice();
    for (const value of this.values()) {
      const needle = utf8.encode(value);
      for (let at = indexOfBytes(copy, needle); at >= 0; at = indexOfBytes(copy, needle, at + needle.length)) copy.fill(0x2a, at, at + needle.length);
    }
    return copy;
  }

  /** The registered secrets and well-known key shapes found in a text. */
  find(text: string): SecretFinding[] {
    const found: SecretFinding[] = [];
    for (const [name, value] of this.#values) {
      const index = text.indexOf(value);
      if (index >= 0) found.push({ name, index });
    }
    for (const { name, pattern } of KEY_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        if (!found.some((f) => f.index === match.index)) found.push({ name, index: match.index });
      }
    }
    return found.sort((a, b) => a.index - b.index);
  }
}

/** A copy of the value with every occurrence of each secret replaced; values without one come back as they are. */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const real = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  if (real.length === 0) return value;
  return deepScrub(value, real) as T;
}

function deepScrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return secrets.reduce((text, secret) => (text.includes(secret) ? text.replaceAll(secret, REDACTED) : text), value);
  if (Array.isArray(value)) return value.map((item) => deepScrub(item, secrets));
  if (value instanceof Uint8Array) return value;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepScrub(item, secrets)]));
  }
  return value;
}

const utf8 = new TextEncoder();

/** The bytes as text when they are valid UTF-8; undefined for binary content. */
function decodeText(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return -1;
  const first = needle[0];
  for (let at = haystack.indexOf(first, from); at >= 0 && at + needle.length <= haystack.length; at = haystack.indexOf(first, at + 1)) {
    let match = true;
    for (let offset = 1; offset < needle.length && match; offset++) match = haystack[at + offset] === needle[offset];
    if (match) return at;
  }
  return -1;
}
