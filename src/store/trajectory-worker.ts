/** A worker that parses and checks a trajectory's JSON text, so a big one never blocks the page. */
import { parseTrajectory } from './trajectory';

self.onmessage = (event: MessageEvent<unknown>) => {
  const text = typeof event.data === 'string' ? event.data : '';
  self.postMessage(parseTrajectory(text));
};
