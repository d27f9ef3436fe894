/**
 * What a check will cost, before it starts, from the price table. A model's real use depends on the model, so
 * this is a model of it: every request carries the system prompt and tool schemas (measured: see
 * tests/unit/evals/estimate.test.ts) plus the task, and the conversation grows by each step's command and its
 * (truncated) output. "Typical" assumes a short solve; "at most" every task using all its steps with long
 * outputs. Cached prompt tokens are billed at the full price here, so real costs are often lower.
 */
import { priceOf, type PriceTable } from '../models/prices';
import type { TaskMeta } from './task';

/** Tokens of the system prompt and the tool schemas sent with every request (lite sandbox, terminal + files). */
export const OPENING_TOKENS = 2_000;
/** Characters per token, roughly, for English text and code. */
const CHARS_PER_TOKEN = 4;

interface Shape {
  steps: (maxSteps: number) => number;
  /** How much the prompt grows per step (the assistant's call and the tool's observation). */
  growth: number;
  completion: number;
}

const TYPICAL: Shape = { steps: (max) => Math.min(max, 6), growth: 500, completion: 150 };
/** Observations are cut at 10 000 characters (head + tail), so a step adds at most about this much. */
const MOST: Shape = { steps: (max) => max, growth: 3_000, completion: 500 };

/** Tokens of one figure: prompt and completion. */
export interface TokenGuess {
  prompt_tokens: number;
  completion_tokens: number;
}

/** The estimate of a check: tokens and dollars, typical and at most (null dollars: the model's price is unknown). */
export interface CheckEstimate {
  typical: TokenGuess & { usd: number | null };
  most: TokenGuess & { usd: number | null };
}

function tokensFor(task: Pick<TaskMeta, 'max_steps'> & { instruction: string }, shape: Shape): TokenGuess {
  const base = OPENING_TOKENS + Math.ceil(task.instruction.length / CHARS_PER_TOKEN);
  const steps = shape.steps(task.max_steps);
  // step s (0-based) sends the opening plus s steps of growth
  const prompt = steps * base + (shape.growth * steps * (steps - 1)) / 2;
  return { prompt_tokens: prompt, completion_tokens: steps * shape.completion };
}

/** The estimate for running `tasks` once each with `model`, priced from `prices` over the built-in table. */
export function estimateCheck(tasks: readonly (Pick<TaskMeta, 'max_steps'> & { instruction: string })[], model: string, prices: PriceTable = {}): CheckEstimate {
  const price = priceOf(model, prices);
  const figure = (shape: Shape) => {
    const sum = tasks.map((task) => tokensFor(task, shape)).reduce((a, b) => ({ prompt_tokens: a.prompt_tokens + b.prompt_tokens, completion_tokens: a.completion_tokens + b.completion_tokens }), { prompt_tokens: 0, completion_tokens: 0 });
    const usd = price ? (sum.prompt_tokens * price.input + sum.completion_tokens * price.output) / 1e6 : null;
    return { ...sum, usd };
  };
  return { typical: figure(TYPICAL), most: figure(MOST) };
}
