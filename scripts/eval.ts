/**
 * `npm run eval`: how well a model drives the agent here. Each task runs in a fresh lite sandbox; per attempt
 * a JSONL line, at the end a table and a JSON summary in evals/results/. The last line: `solved N/M (P %)`.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OpenAIModelClient } from '../src/agent/model';
import { runAttempt, type AttemptResult } from '../src/evals/attempt';
import { loopDrive } from '../src/evals/loop-drive';
import { loadTask, taskDirs } from '../src/evals/load';
import { scriptedModel, scriptedName } from '../src/evals/scripted-models';
import { formatReport, summarize } from '../src/evals/summary';
import type { EvalTask } from '../src/evals/task';
import { LiteSandbox } from '../src/sandbox/lite/lite-sandbox';
import { positiveFlag } from './cli-flags';

const USAGE = `Usage: npm run eval -- --model NAME [options]

  --model NAME        model id, or scripted:oracle | scripted:noop | scripted:garbled (built in, no server)
  --base-url URL      OpenAI-compatible base URL (default: $OPENAI_BASE_URL or https://api.openai.com/v1)
  --tasks DIR|GLOB    a folder of task folders, one task folder, or a glob (default: evals/tasks)
  --repeat K          attempts per task (pass@K; default 1)
  --concurrency N     attempts at once (default 1)
  --max-cost USD      stop starting attempts once this much was spent
  --out DIR           where results go (default: evals/results)
The API key comes from $OPENAI_API_KEY. Ctrl-C stops cleanly and keeps the results so far.
`;

function options() {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      'base-url': { type: 'string' },
      tasks: { type: 'string' },
      repeat: { type: 'string' },
      concurrency: { type: 'string' },
      'max-cost': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.model) {
    process.stderr.write(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const positive = (text: string | undefined, name: string, fallback: number) => positiveFlag(text, name) ?? fallback;
  return {
    model: values.model,
    baseURL: values['base-url'] ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    tasks: values.tasks ?? 'evals/tasks',
    repeat: Math.floor(positive(values.repeat, 'repeat', 1)),
    concurrency: Math.floor(positive(values.concurrency, 'concurrency', 1)),
    maxCost: values['max-cost'] === undefined ? undefined : positive(values['max-cost'], 'max-cost', 0),
    out: values.out ?? 'evals/results',
  };
}

async function main(): Promise<void> {
  const opts = options();
  let tasks: EvalTask[];
  try {
    tasks = taskDirs(opts.tasks).map(loadTask).filter((task) => task.sandbox !== 'webcontainer');
  } catch (error) {
    process.stderr.write(`eval: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (tasks.length === 0) {
    process.stderr.write(`eval: no lite tasks under ${opts.tasks}\n`);
    process.exit(2);
  }
  const scripted = scriptedName(opts.model);
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping… the results so far are kept (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  mkdirSync(opts.out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const safeModel = opts.model.replace(/[^A-Za-z0-9._-]+/g, '_');
  const jsonl = join(opts.out, `${stamp}-${safeModel}.jsonl`);
  const queue = tasks.flatMap((task) => Array.from({ length: opts.repeat }, (_, i) => ({ task, attempt: i + 1 })));
  const total = queue.length;
  const results: AttemptResult[] = [];
  let spent = 0;
  const progress = () => process.stderr.write(`\r${results.length}/${total} done, ${results.filter((r) => r.solved).length} solved, $${spent.toFixed(4)}   `);
  const worker = async () => {
    for (;;) {
      const next = queue.shift();
      if (!next || controller.signal.aborted) return;
      if (opts.maxCost !== undefined && spent >= opts.maxCost) return;
      const model = scripted
        ? scriptedModel(scripted, next.task)
        : new OpenAIModelClient({ baseURL: opts.baseURL, model: opts.model, apiKey: process.env.OPENAI_API_KEY });
      try {
        const result = await runAttempt(next.task, next.attempt, { model: model.model, drive: loopDrive(model), makeSandbox: () => new LiteSandbox(), signal: controller.signal });
        results.push(result);
        spent += result.cost_usd;
        appendFileSync(jsonl, `${JSON.stringify(result)}\n`);
        progress();
      } catch {
        return; // cancelled: the attempt in flight is not counted
      }
    }
  };
  progress();
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, total) }, worker));
  process.stderr.write('\n');
  const summary = summarize(opts.model, results);
  writeFileSync(join(opts.out, `${stamp}-${safeModel}.summary.json`), `${JSON.stringify({ ...summary, results_file: jsonl }, null, 2)}\n`);
  if (controller.signal.aborted) process.stdout.write(`stopped after ${results.length} of ${total} attempts\n`);
  if (opts.maxCost !== undefined && spent >= opts.maxCost) process.stdout.write(`stopped at the cost limit ($${spent.toFixed(4)})\n`);
  process.stdout.write(`${formatReport(results, summary)}\n`);
}

await main();
