// Every channel out of the sandbox besides the shell: a pull request (title, body, files), an MCP tool call,
// a webhook. Any that carries a secret is high, whatever the text around it asks for; otherwise sending
// something out is medium.
import type { RiskVerdict } from '../core/events';
import { SecretRegistry } from '../core/secrets';
import { isSecretPath } from './paths';
import { isSecretName } from './secrets';

/** Something about to leave through a channel other than the shell. */
export interface OutboundAction {
  channel: 'pull_request' | 'mcp' | 'webhook';
  /** The tool or endpoint: `create_pull_request`, `mcp__github__create_issue`, a webhook URL. */
  name: string;
  /** What is sent: tool arguments or the webhook body, any JSON-like value. */
  payload: unknown;
}

/** `NAME=value` or `NAME: value` lines whose name is a secret's (`DB_PASSWORD=hunter2`). */
const ASSIGNED_SECRET = /\b([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*["']?([^\s"'`,;]{6,})/g;
/** Values that only stand in for a secret (`xxx`, `<your-key>`, `${TOKEN}`, `process.env.X`, `***`). */
const PLACEHOLDER = /^(x+|\*+|\.+|<[^>]*>|\$\{?[A-Za-z_]\w*\}?|process\.env\.\w+|os\.environ.*|your[-_].*|changeme|redacted|\[redacted\]|example.*|dummy.*|test.*|null|undefined|true|false)$/i;

/** Rates an outbound action: high when it carries a secret (registered, key-shaped, or assigned to a key name). */
export function rateOutbound(action: OutboundAction, secrets: SecretRegistry = new SecretRegistry()): RiskVerdict {
  const reasons: string[] = [];
  for (const { path, key, text } of strings(action.payload)) {
    const where = path || 'the payload';
    for (const found of secrets.find(text)) reasons.push(`${describe(action)} carries ${found.name} in ${where}`);
    for (const m of text.matchAll(ASSIGNED_SECRET)) {
      if (isSecretName(m[1]) && !PLACEHOLDER.test(m[2])) reasons.push(`${describe(action)} carries the value of ${m[1]} in ${where}`);
    }
    if (key && isSecretName(key) && text.length >= 6 && !PLACEHOLDER.test(text)) reasons.push(`${describe(action)} carries a value named ${key} in ${where}`);
    if (/(^|\.)(files?|path|paths)(\[\d+\])?(\.path)?$/.test(path) && isSecretPath(text)) reasons.push(`${describe(action)} includes ${text}, which holds secrets`);
  }
  if (reasons.length) return { level: 'high', reasons: [...new Set(reasons)].slice(0, 6) };
  return { level: 'medium', reasons: [`${describe(action)} sends data out of the sandbox`] };
}

function describe(action: OutboundAction): string {
  switch (action.channel) {
    case 'pull_request':
      return 'the pull request';
    case 'mcp':
      return `the MCP call ${action.name}`;
    case 'webhook':
      return `the webhook to ${hostOf(action.name)}`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Every string in a JSON-like value, with its path (`files[0].path`) and the key it sits under. */
function strings(value: unknown, path = '', key?: string, depth = 0): { path: string; key?: string; text: string }[] {
  if (typeof value === 'string') return [{ path, key, text: value }];
  if (depth > 20 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`, key, depth + 1));
  return Object.entries(value).flatMap(([k, item]) => strings(item, path ? `${path}.${k}` : k, k, depth + 1));
}
