/**
 * A tool's result as the person reads it: what happened, without the instructions the agent added for the
 * model ("Before going on, analyse the error…"), which read as if written to the person.
 */
import { REFLECT_ON_FAILURE } from '../../core/guidance';

/** The result without the model's instructions, and whether the agent was asked to find the cause. */
export function resultForPerson(observation: string): { text: string; reflect: boolean } {
  const at = observation.indexOf(REFLECT_ON_FAILURE);
  if (at < 0) return { text: observation, reflect: false };
  // the instruction and what follows it on its line (a hint for exit code 127) are for the model
  const end = observation.indexOf('\n', at);
  const text = `${observation.slice(0, at)}${end < 0 ? '' : observation.slice(end + 1)}`.replace(/\n+$/, '');
  return { text, reflect: true };
}
