/**
 * The shapes of what the history reads from outside its own writes — a trajectory file, and run records
 * already stored (perhaps by an older build) — checked with zod, the only module that imports it. zod runs
 * jitless: its default probes `new Function`, which the page's CSP (`script-src 'self'`) forbids.
 */
import { z } from 'zod';
import { safePath } from '../sandbox/import/paths';

z.config({ jitless: true });

const count = z.number().int().nonnegative();
const amount = z.number().nonnegative().refine(Number.isFinite, 'expected a finite number');
const time = z.number().refine(Number.isFinite, 'expected a finite number');

const usage = z.object({ prompt_tokens: amount, completion_tokens: amount, cached_tokens: amount, cost_usd: amount });

const status = z.enum(['queued', 'in_progress', 'awaiting_human', 'interrupted', 'completed', 'failed', 'cancelled']);

/** A run as the API shows it. Unknown fields pass: a newer build may add some. */
const run = z.looseObject({
  id: z.string().min(1),
  instructions: z.string(),
  status,
  reason: z.string().optional(),
  created_at: time,
  updated_at: time,
  steps: count,
  latest_action: z.looseObject({ type: z.string(), description: z.string() }).optional(),
  summary: z.string().optional(),
  outputs: z.record(z.string(), z.unknown()),
  usage,
  error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
  parent_id: z.string().optional(),
  partly_saved: z.looseObject({ steps: z.array(count), events: count }).optional(),
});

/** A run record as stored: the run and its configuration. */
const storedRun = run.extend({ config: z.record(z.string(), z.unknown()), imported_from: z.string().optional() });

const toolCall = z.looseObject({ id: z.string(), name: z.string(), arguments: z.string() });
const verdict = z.looseObject({ level: z.string(), reasons: z.array(z.string()) });

/** The fields each known event type must have; an unknown type (a newer build's) needs only the common ones. */
const EVENT_FIELDS: Record<string, z.ZodType> = {
  status: z.looseObject({ status }),
  step: z.looseObject({ step: count }),
  text_delta: z.looseObject({ text: z.string() }),
  reasoning_delta: z.looseObject({ text: z.string() }),
  assistant_message: z.looseObject({ text: z.string(), tool_calls: z.array(toolCall) }),
  tool_call: z.looseObject({ call: toolCall }),
  tool_output: z.looseObject({ call_id: z.string(), data: z.string() }),
  tool_result: z.looseObject({ call_id: z.string(), name: z.string(), ok: z.boolean(), observation: z.string() }),
  usage: z.looseObject({ step: usage, total: usage }),
  error: z.looseObject({ code: z.string(), message: z.string() }),
  notice: z.looseObject({ message: z.string() }),
  risk: z.looseObject({ call_id: z.string(), verdict }),
  human_request: z.looseObject({ request: z.looseObject({ kind: z.string() }) }),
  human_response: z.looseObject({}),
};

const event = z.looseObject({ type: z.string(), seq: count, at: time }).superRefine((value, context) => {
  const fields = EVENT_FIELDS[value.type];
  const result = fields?.safeParse(value);
  if (result && !result.success) for (const issue of result.error.issues) context.addIssue({ ...issue, input: undefined } as never);
});

/** A work-dir path as the project importer accepts it: relative, no `..`, no drive, no control characters. */
const workPath = z.string().superRefine((path, context) => {
  const safe = safePath(path);
  if (!safe.ok) context.addIssue({ code: 'custom', message: `${JSON.stringify(path)} is refused: ${safe.why}` });
  else if (safe.path !== path.replace(/\/+$/, '')) context.addIssue({ code: 'custom', message: `${JSON.stringify(path)} is not a plain relative path` });
});

const trajectory = z.object({
  format: z.literal('autopilot-trajectory'),
  version: z.literal(1),
  exported_at: time,
  name: z.string().max(200).optional(),
  run,
  config: z.record(z.string(), z.unknown()),
  messages: z.array(z.looseObject({ role: z.string() })),
  checkpoint_step: count.optional(),
  active_ms: amount.optional(),
  usage,
  outputs: z.record(z.string(), z.unknown()),
  events: z.array(event),
  workdir: z
    .object({
      step: count,
      files: z.array(z.object({ path: workPath, base64: z.string(), mode: z.number().int().min(0).max(0o7777).optional() })),
      dirs: z.array(workPath),
    })
    .optional(),
});

/** The checked document's type (the Trajectory interface describes the same shape). */
export type CheckedTrajectory = z.infer<typeof trajectory>;

/** The document, or what is wrong with it, naming the field (`run.usage: expected object, received null`). */
export function checkTrajectory(value: unknown): { ok: true; value: CheckedTrajectory } | { ok: false; error: string } {
  const result = trajectory.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describe(result.error) };
}

/** What is wrong with a stored run record, or undefined when it is sound. */
export function checkStoredRun(value: unknown): string | undefined {
  const result = storedRun.safeParse(value);
  return result.success ? undefined : describe(result.error);
}

/** The first problem, as `path: what` (and how many more there are). */
function describe(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  const where = first.path.length === 0 ? 'the document' : first.path.map(String).join('.');
  const what = first.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})`;
  return `${where}: ${what}${more}`;
}
