/** Boot (once) and wrap as a Sandbox: what `selectSandbox` calls for WebContainer. */
import type { WebContainerStarter } from '../select';
import { createBooter, type BooterOptions, type BootSettings } from './boot';
import type { WcBoot } from './port';
import { WebContainerSandbox, type WebContainerSandboxOptions } from './sandbox';

/** Settings of the WebContainer sandbox, from the app's settings. */
export interface StarterSettings extends Omit<BootSettings, 'timeoutMs' | 'signal'>, WebContainerSandboxOptions {}

/** A starter over `boot` (the real one in the app, a stand-in in tests). */
export function createWebContainerStarter(boot: WcBoot, settings: StarterSettings = {}, booterOptions: BooterOptions = {}): WebContainerStarter {
  const booter = createBooter(boot, booterOptions);
  return async ({ timeoutMs }) => {
    const outcome = await booter({ ...settings, timeoutMs });
    if (!outcome.ok) return outcome;
    try {
      return { ok: true, sandbox: await WebContainerSandbox.create(outcome.instance, settings) };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  };
}
