/**
 * Headless runner: `npm run agent -- "task"` runs the agent loop in Node with the lite sandbox against any
 * OpenAI-compatible server. Events are printed as they happen (stderr); the final run is printed as JSON (stdout).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { AgentEvent, HumanRequest } from '../src/core/events';
import type { HumanAnswer, Run } from '../src/core/run';
import { describeCall } from '../src/core/tool-call';
import { runAgent, type HumanPort, type RunOutcome } from '../src/agent/loop';
import { resolveContextWindow } from '../src/agent/context';
import { OpenAIModelClient } from '../src/agent/model';
import { LiteSandbox } from '../src/sandbox/lite/lite-sandbox';
import { positiveFlag } from './cli-flags';

const USAGE = `Usage: npm run agent -- [options] "task"

Options:
  --model NAME          model id (default: $OPENAI_MODEL or gpt-4o-mini)
  --base-url URL        OpenAI-compatible base URL (default: $OPENAI_BASE_URL or https://api.openai.com/v1)
  --api-key KEY         API key (default: $OPENAI_API_KEY; none needed for local servers)
  --max-steps N         model turns allowed (default 30)
  --timeout S           wall time of the run in seconds
  --command-timeout S   default timeout of one command in seconds (default 60)
  --context-window N    the model's context window in tokens (default: what the server reports, else a table)
  --idle-timeout S      longest silence of the model's stream before the request is retried (default 120)
  --quiet               print only the final JSON
`;

function parse() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      'max-steps': { type: 'string' },
      timeout: { type: 'string' },
      'command-timeout': { type: 'string' },
      'context-window': { type: 'string' },
      'idle-timeout': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const task = positionals.join(' ').trim();
  if (values.help || !task) {
    process.stderr.write(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const number = positiveFlag;
  return {
    task,
    model: values.model ?? process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
    baseURL: values['base-url'] ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey: values['api-key'] ?? process.env.OPENAI_API_KEY,
    maxSteps: number(values['max-steps'], 'max-steps') ?? 30,
    timeoutS: number(values.timeout, 'timeout'),
    commandTimeoutMs: (number(values['command-timeout'], 'command-timeout') ?? 60) * 1000,
    contextWindow: number(values['context-window'], 'context-window'),
    idleTimeoutS: number(values['idle-timeout'], 'idle-timeout'),
    quiet: values.quiet ?? false,
  };
}

const dim = (text: string) => (process.stderr.isTTY ? `\x1b[2m${text}\x1b[22m` : text);
const oneLine = (text: string, max = 200) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
};

/** Print one event, readably, as it happens. */
function printEvent(event: AgentEvent): void {
  const out = (text: string): void => {
    process.stderr.write(text);
  };
  switch (event.type) {
    case 'step':
      return out(`\n── step ${event.step} ──\n`);
    case 'text_delta':
      return out(event.text);
    case 'reasoning_delta':
      return out(dim(event.text));
    case 'tool_call_delta':
      return; // the call is printed whole once it is made
    case 'assistant_message':
      return out(event.text ? '\n' : '');
    case 'tool_call':
      return out(`→ ${event.call.name} ${describeCall(event)}\n`);
    case 'tool_output':
      return out(dim(event.data.endsWith('\n') ? event.data : `${event.data}\n`));
    case 'tool_result':
      if (event.exit_code !== undefined) return out(`← exit ${event.exit_code}${event.timed_out ? ' (timed out)' : ''}\n`);
      return out(`← ${oneLine(event.observation)}\n`);
    case 'usage': {
      const context = event.context ? `, context ${event.context.tokens} of ${event.context.window}` : '';
      return out(dim(`  tokens: ${event.total.prompt_tokens} in, ${event.total.completion_tokens} out${context}\n`));
    }
    case 'error':
      return out(`! ${event.message}${event.retrying ? ` (retrying in ${event.wait_ms} ms)` : ''}\n`);
    case 'notice':
      return out(`i ${event.message}\n`);
    case 'status':
      return out(`\nstatus: ${event.status}${event.reason ? ` (${event.reason})` : ''}\n`);
    default:
      return out(`${event.type}\n`);
  }
}

/** A person at the terminal, when there is one. */
function terminalHuman(): HumanPort | undefined {
  if (!process.stdin.isTTY) return undefined;
  return {
    async ask(request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer> {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        if (request.kind === 'question') return { reply: await rl.question(`? ${request.question}\n> `, { signal }) };
        if (request.kind === 'approval') {
          const answer = await rl.question(`? Allow ${request.action}? [y/N] `, { signal });
          return /^y/i.test(answer) ? { approve: true } : { approve: false, note: 'Denied at the terminal.' };
        }
        return { approve: false, note: request.message };
      } finally {
        rl.close();
      }
    },
  };
}

function toRun(task: string, outcome: RunOutcome, started: number): Run {
  const { status, reason, summary, outputs, usage, steps, error } = outcome;
  return {
    id: `headless-${started}`,
    instructions: task,
    status,
    ...(reason && { reason }),
    created_at: started,
    updated_at: Date.now(),
    steps,
    ...(summary !== undefined && { summary }),
    outputs,
    usage,
    ...(error && { error }),
  };
}

/** The window the run uses, as the app resolves it (src/agent/context.ts), with `--context-window` as the setting. */
async function contextWindow(model: OpenAIModelClient, flag: number | undefined, signal: AbortSignal) {
  const reported = flag ? undefined : await model.reportedContextWindow(signal);
  return resolveContextWindow(model.model, flag, reported, { given: 'as given by --context-window', change: 'pass --context-window' });
}

async function main(): Promise<void> {
  const options = parse();
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nCancelling… (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  const sandbox = new LiteSandbox();
  const model = new OpenAIModelClient({
    baseURL: options.baseURL,
    model: options.model,
    apiKey: options.apiKey,
    ...(options.idleTimeoutS && { idleTimeoutMs: options.idleTimeoutS * 1000 }),
  });
  if (!options.quiet) process.stderr.write(dim(`model ${options.model} at ${options.baseURL}, lite sandbox\n`));
  const emit = options.quiet ? () => {} : printEvent;
  const window = await contextWindow(model, options.contextWindow, controller.signal);
  if (window.notice) emit({ type: 'notice', message: window.notice });
  const started = Date.now();
  const outcome = await runAgent(
    {
      instructions: options.task,
      max_steps: options.maxSteps,
      timeout_s: options.timeoutS,
      command_timeout_ms: options.commandTimeoutMs,
      context_window: window.tokens,
      tools: ['terminal', 'files', 'human'],
      threshold: 'never',
    },
    { model, sandbox, emit, human: terminalHuman() },
    controller.signal,
  );
  await sandbox.dispose();
  process.stdout.write(`${JSON.stringify(toRun(options.task, outcome, started), null, 2)}\n`);
  process.exitCode = outcome.status === 'completed' ? 0 : 1;
}

await main();
