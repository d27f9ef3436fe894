/** The WebContainer sandbox for the app: the real API behind the starter. Load it with a dynamic import. */
import type { WebContainerStarter } from '../select';
import { bootRealWebContainer, configureWebContainerKey } from './api';
import { GIT_CLI_ASSET } from './git-asset';
import { bootRefusal, pageEnvironment } from './boot';
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

/**
 * The starter `selectSandbox` takes, over the real WebContainer. Where a boot will be tried, the git program is
 * fetched while the container boots (once; a failed fetch is tried again), so installing it waits on no download.
 */
export function realWebContainerStarter(settings: StarterSettings = {}): WebContainerStarter {
  let fetching: Promise<string> | undefined;
  const gitCli = () => {
    const attempt = (fetching ??= fetchGitCli());
    attempt.catch(() => {
      if (fetching === attempt) fetching = undefined;
    });
    return attempt;
  };
  const start = createWebContainerStarter(
    bootRealWebContainer,
    { gitCli, ...settings },
    { configureKey: configureWebContainerKey, probe: probeStackBlitz },
  );
  return (options) => {
    if (!settings.gitCli && bootRefusal(pageEnvironment()) === undefined) void gitCli().catch(() => undefined);
    return start(options);
  };
}
