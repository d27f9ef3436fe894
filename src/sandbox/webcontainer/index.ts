/** The WebContainer sandbox for the app: the real API behind the starter. Load it with a dynamic import. */
import type { WebContainerStarter } from '../select';
import { bootRealWebContainer, configureWebContainerKey } from './api';
import { GIT_CLI_ASSET } from './git-asset';
import { probeStackBlitz } from './probe';
import { createWebContainerStarter, type StarterSettings } from './starter';

export { WebContainerSandbox } from './sandbox';
export type { StarterSettings } from './starter';

/** The `git` program for Node, a build asset (88 KB gzipped) fetched at boot, never part of the page's initial JS. */
async function fetchGitCli(): Promise<string> {
  const url = `${import.meta.env.BASE_URL}${GIT_CLI_ASSET}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** The starter `selectSandbox` takes, over the real WebContainer. */
export function realWebContainerStarter(settings: StarterSettings = {}): WebContainerStarter {
  return createWebContainerStarter(
    bootRealWebContainer,
    { gitCli: fetchGitCli, ...settings },
    { configureKey: configureWebContainerKey, probe: probeStackBlitz },
  );
}
