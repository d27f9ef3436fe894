/** A scripted person for the agent's HumanPort, shared by the tests of approvals, limits and questions. */
import type { HumanRequest } from '../../../src/core/events';
import type { HumanAnswer } from '../../../src/core/run';
import type { HumanPort } from '../../../src/agent/loop';

/** A person who answers from a list, remembering what they were asked; asked once too often, it throws. */
export function person(answers: HumanAnswer[]): HumanPort & { asked: HumanRequest[] } {
  const asked: HumanRequest[] = [];
  return {
    asked,
    ask: async (request) => {
      asked.push(request);
      const answer = answers.shift();
      if (!answer) throw new Error(`the test person has no answer for ${JSON.stringify(request)}`);
      return answer;
    },
  };
}
