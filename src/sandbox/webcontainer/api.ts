/**
 * The only module that imports `@webcontainer/api`. Everything else takes the API through the port in
 * `port.ts`, so a stand-in can replace it.
 */
import { WebContainer, configureAPIKey } from '@webcontainer/api';
import type { WcBoot, WcInstance } from './port';

/** Boots the real WebContainer. It never settles when StackBlitz is unreachable: callers race it. */
export const bootRealWebContainer: WcBoot = async (options) => {
  const instance: WcInstance = await WebContainer.boot({
    coep: options.coep,
    workdirName: options.workdirName,
    forwardPreviewErrors: options.forwardPreviewErrors,
  });
  return instance;
};

/**
 * Sets the WebContainer API key, needed on origins other than localhost. Must run before the first boot;
 * returns an error message instead of throwing when it is too late.
 */
export function configureWebContainerKey(key: string): string | undefined {
  try {
    configureAPIKey(key);
    return undefined;
  } catch (error) {
    return `The WebContainer API key was not applied (${(error as Error).message}): reload the page to use it.`;
  }
}
