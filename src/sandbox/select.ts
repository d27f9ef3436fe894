/**
 * Choosing the sandbox: WebContainer when it can boot, else the lite sandbox, with the reason shown to the
 * person and the agent.
 */
import type { Sandbox } from './sandbox';

/** Which sandbox the person asked for (`?sandbox=`). */
export type SandboxMode = 'auto' | 'webcontainer' | 'lite';

/** Boots WebContainer and wraps it as a Sandbox, or says why it could not. */
export type WebContainerStarter = (options: {
  timeoutMs: number;
}) => Promise<{ ok: true; sandbox: Sandbox } | { ok: false; reason: string }>;

/** What `selectSandbox` needs. */
export interface SelectOptions {
  mode: SandboxMode;
  /** Bound of the WebContainer boot (default 30 s). */
  bootTimeoutMs?: number;
  makeLite: () => Promise<Sandbox>;
  /** Absent when the build has no WebContainer support: then only lite is possible. */
  bootWebContainer?: WebContainerStarter;
}

/** The chosen sandbox, and why it is not the WebContainer when it was wanted but could not start. */
export interface SelectedSandbox {
  sandbox: Sandbox;
  fallbackReason?: string;
}

/** Pick and start the sandbox for `mode`. */
export async function selectSandbox(options: SelectOptions): Promise<SelectedSandbox> {
  if (options.mode === 'lite') return { sandbox: await options.makeLite() };
  const reason = await tryWebContainer(options);
  if (typeof reason !== 'string') return { sandbox: reason };
  const prefix = options.mode === 'webcontainer' ? 'The WebContainer sandbox was requested but could not start' : 'WebContainer is not available';
  return { sandbox: await options.makeLite(), fallbackReason: `${prefix}: ${reason} Using the lite sandbox instead.` };
}

async function tryWebContainer(options: SelectOptions): Promise<Sandbox | string> {
  if (!options.bootWebContainer) return 'this build has no WebContainer support.';
  try {
    const outcome = await options.bootWebContainer({ timeoutMs: options.bootTimeoutMs ?? 30_000 });
    return outcome.ok ? outcome.sandbox : outcome.reason;
  } catch (error) {
    return `${(error as Error).message ?? String(error)}`;
  }
}
