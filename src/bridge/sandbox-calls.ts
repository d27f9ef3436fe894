/**
 * The sandbox's methods as they cross the thread boundary, named once for both ends (sandbox-host.ts on the
 * page, remote-sandbox.ts in the agent worker): the plain ones travel as posted arguments and a posted answer;
 * the rest (a command's signal and output, a process's output, events) are handled by hand at both ends.
 */
import type { ExecOptions, AgentSandbox, Capabilities, Sandbox } from '../sandbox/sandbox';

/** The methods whose arguments and answer can be posted as they are. */
export const PLAIN_CALLS = [
  'readFile',
  'readTextFile',
  'writeFile',
  'list',
  'exists',
  'remove',
  'rename',
  'listProcesses',
  'processOutput',
  'stopProcess',
] as const satisfies readonly (keyof AgentSandbox)[];

/** A method that crosses as it is. */
export type PlainCall = (typeof PLAIN_CALLS)[number];

/** The page's own methods (not the agent's) that cross as they are: to the lite sandbox's worker. */
export const PAGE_CALLS = ['exportZip', 'snapshot', 'restore'] as const satisfies readonly (keyof Sandbox)[];

/** A page method that crosses as it is. */
export type PageCall = (typeof PAGE_CALLS)[number];

/** The plain methods that change the work dir or processes (the run's events are stored before they run). */
export const CHANGING_CALLS: ReadonlySet<PlainCall> = new Set<PlainCall>(['writeFile', 'remove', 'rename', 'stopProcess']);

/** The port's members that cross by hand: a callback, a signal or a subscription, or known up front. */
type CrossedByHand = 'exec' | 'startProcess' | 'on' | 'kind' | 'capabilities';

/** Compile-time check: every member of the agent's port crosses (a new method must be named above). */
export const EVERY_MEMBER_CROSSES: [Exclude<keyof AgentSandbox, PlainCall | CrossedByHand>] extends [never] ? true : never = true;

/** A command's options as they can be posted (no signal, no callback). */
export type PostedExecOptions = Omit<ExecOptions, 'signal' | 'onOutput'>;

/** What the worker must know of the sandbox up front (its `kind` and `capabilities` are read synchronously). */
export interface SandboxInfo {
  kind: AgentSandbox['kind'];
  capabilities: Capabilities;
}

/** The sandbox's `kind` and `capabilities`, as they can be posted. */
export function sandboxInfo(sandbox: AgentSandbox): SandboxInfo {
  return { kind: sandbox.kind, capabilities: structuredClone(sandbox.capabilities) };
}

/** Wait for `value` if it is a promise, at most `ms`; its failure is the caller's to see elsewhere. */
export async function settledWithin(value: unknown, ms: number): Promise<void> {
  if (!(value instanceof Promise)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([value.then(() => undefined, () => undefined), bound]);
  clearTimeout(timer);
}
