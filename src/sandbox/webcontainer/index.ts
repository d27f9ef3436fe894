/** The WebContainer sandbox for the app: the real API behind the starter. Load it with a dynamic import. */
import type { WebContainerStarter } from '../select';
import { bootRealWebContainer, configureWebContainerKey } from './api';
import { probeStackBlitz } from './probe';
import { createWebContainerStarter, type StarterSettings } from './starter';

export { WebContainerSandbox } from './sandbox';
export type { StarterSettings } from './starter';

/** The starter `selectSandbox` takes, over the real WebContainer. */
export function realWebContainerStarter(settings: StarterSettings = {}): WebContainerStarter {
  return createWebContainerStarter(bootRealWebContainer, settings, { configureKey: configureWebContainerKey, probe: probeStackBlitz });
}
