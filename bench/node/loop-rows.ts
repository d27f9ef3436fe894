/** step_overhead, peer_loops (in process) and step_overhead_http (real HTTP): the loops against their floor. */
import { fmt, median, rotated, row, type Measured } from '../lib/stats';
import { HttpTask } from './http';
import { describeTask, floorRun, ourRun } from './loops';
import { aiSdkRun, openaiAgentsRun } from './peers';

export const STEPS = 200;

/** Median over repetitions of (x − floor) / steps: each run's overhead against the floor of the same repetition. */
function overheadPerStep(samples: number[], floor: number[]): number {
  return median(samples.map((ms, i) => (ms - floor[i]) / STEPS));
}

/** The floor, our loop and both peers, rotated within each repetition. */
export async function loopRows(reps: number): Promise<Measured[]> {
  const samples = await rotated(
    reps,
    {
      floor: () => floorRun(STEPS),
      ours: () => ourRun(STEPS),
      openaiAgents: () => openaiAgentsRun(STEPS),
      aiSdk: () => aiSdkRun(STEPS),
    },
    2,
  );
  const floor = median(samples.floor) / STEPS;
  const ours = median(samples.ours) / STEPS;
  const overhead = overheadPerStep(samples.ours, samples.floor);
  const agents = overheadPerStep(samples.openaiAgents, samples.floor);
  const ai = overheadPerStep(samples.aiSdk, samples.floor);
  const task = `${describeTask(STEPS)}; median of ${reps} repetitions (2 warm-up repetitions dropped)`;
  return [
    {
      name: 'step_overhead',
      row: row(ours, floor, 'ms per step', 'ratio ≤ 1.05 and overhead ≤ 1 ms per step', ours / floor <= 1.05 && overhead <= 1),
      note: fmt('overhead {} ms per step', overhead),
      details: [task, fmt('our loop {} ms per step; floor {} ms per step; overhead (paired per repetition) {} ms per step', ours, floor, overhead)],
    },
    {
      name: 'peer_loops',
      row: row(overhead, Math.min(agents, ai), 'ms overhead per step', 'below both peers', overhead < agents && overhead < ai),
      note: fmt('@openai/agents {} ms, ai ToolLoopAgent {} ms per step', agents, ai),
      details: [
        task,
        fmt('overhead per step over the floor: ours {} ms; @openai/agents {} ms; ai ToolLoopAgent {} ms (baseline: the better peer)', overhead, agents, ai),
        fmt('whole runs, medians: floor {} ms, ours {} ms, @openai/agents {} ms, ai {} ms', median(samples.floor), median(samples.ours), median(samples.openaiAgents), median(samples.aiSdk)),
      ],
    },
  ];
}

export async function httpRow(reps: number): Promise<Measured> {
  const task = await HttpTask.start(STEPS);
  try {
    await task.ours(); // records the request bodies the baseline replays
    const samples = await rotated(reps, { ours: () => task.ours(), bare: () => task.bare() }, 1);
    const ours = median(samples.ours) / STEPS;
    const bare = median(samples.bare) / STEPS;
    const costs = [];
    for (let i = 0; i < 3; i++) costs.push(await task.requestCost(100));
    const sdk = median(costs.map((c) => c.sdk));
    const fetchOnly = median(costs.map((c) => c.bare));
    return {
      name: 'step_overhead_http',
      row: row(ours, bare, 'ms per step', 'ratio ≤ 1.1', ours / bare <= 1.1),
      note: fmt('overhead {} ms per step', ours - bare),
      details: [
        `${describeTask(STEPS)}, answered by the scripted SSE server on 127.0.0.1 (arguments streamed in 4-character deltas); median of ${reps} repetitions`,
        fmt('our loop through the openai SDK {} ms per step; bare fetch of the same request bodies + reading the SSE + the same sandbox exec {} ms per step', ours, bare),
        fmt('one request alone (the first request of the run, 100 times): OpenAIModelClient.complete {} ms, bare fetch + read {} ms — the fixed cost of the SDK path per request is {} ms', sdk, fetchOnly, sdk - fetchOnly),
      ],
    };
  } finally {
    await task.close();
  }
}
