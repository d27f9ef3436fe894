import { afterEach, describe, expect, it } from 'vitest';
import { call, closeAll, finish, runScripted } from './harness';

afterEach(closeAll);

const usage = { prompt_tokens: 100, completion_tokens: 10, cached_tokens: 0 };
const REFLECT =
  'This command failed. Before going on, analyse the error above: what caused it? Then fix the cause ' +
  '(change the code, the command or the approach) and check that the fix works.';

describe('agent loop: solving tasks', () => {
  it('solves a multi-step task end to end: writes files, runs commands, reads output, finishes with outputs', async () => {
    const run = await runScripted([
      { ...call('write_file', { path: 'src/greet.sh', content: 'echo "hello, $1"\n' }), usage },
      { ...call('run_command', { command: 'bash src/greet.sh world | tee out.txt' }), usage },
      { ...call('read_file', { path: 'out.txt' }), usage },
      { ...finish('Wrote and ran greet.sh', { greeting: 'hello, world' }), usage },
    ]);
    expect(run.outcome).toEqual({
      status: 'completed',
      summary: 'Wrote and ran greet.sh',
      outputs: { greeting: 'hello, world' },
      usage: { prompt_tokens: 400, completion_tokens: 40, cached_tokens: 0, cost_usd: 0 },
      steps: 4,
    });
    expect(run.toolMessages(3)).toEqual([
      'Wrote 17 characters to src/greet.sh.',
      'Exit code: 0\nhello, world',
      'hello, world\n',
    ]);
    expect(await run.sandbox.readTextFile('out.txt')).toBe('hello, world\n');
    const first = run.server.requests[0]!.body;
    expect(first.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
    expect(first.messages[1]).toEqual({ role: 'user', content: 'Do the task.' });
    expect(first.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual([
      'run_command', 'start_process', 'process_output', 'stop_process',
      'read_file', 'write_file', 'edit_file', 'list_files', 'ask_human', 'finish',
    ]);
    // the prefix (system prompt + tools) is byte-identical at every step, and history is append-only
    for (const [i, request] of run.server.requests.entries()) {
      expect(request.body.tools).toEqual(first.tools);
      if (i > 0) expect(request.body.messages.slice(0, run.server.requests[i - 1]!.body.messages.length))
        .toEqual(run.server.requests[i - 1]!.body.messages);
    }
    expect(first.messages[0].content).toContain('Lite sandbox: an emulated bash');
    expect(first.messages[0].content).toContain('The work dir is /home/project');
  });

  it('emits typed events in order for each step', async () => {
    const run = await runScripted([
      { content: 'Listing.', ...call('run_command', { command: 'echo hi' }, 'c1'), usage, chunk_size: 4 },
      { ...finish('done'), usage },
    ]);
    const firstStep = run.events.slice(0, run.events.findIndex((e) => e.type === 'step' && e.step === 2));
    expect(firstStep).toEqual([
      { type: 'step', step: 1 },
      { type: 'text_delta', text: 'List' },
      { type: 'text_delta', text: 'ing.' },
      ...['{"co', 'mman', 'd":"', 'echo', ' hi"', '}'].map((text) => ({ type: 'tool_call_delta', index: 0, name: 'run_command', text })),
      { type: 'assistant_message', text: 'Listing.', tool_calls: [{ id: 'c1', name: 'run_command', arguments: '{"command":"echo hi"}' }] },
      { type: 'usage', step: { ...usage, cost_usd: 0 }, total: { ...usage, cost_usd: 0 }, context: { tokens: 100, window: 32_768 } },
      { type: 'tool_call', call: { id: 'c1', name: 'run_command', arguments: '{"command":"echo hi"}' }, args: { command: 'echo hi' } },
      { type: 'tool_output', call_id: 'c1', data: 'hi\n' },
      { type: 'tool_result', call_id: 'c1', name: 'run_command', ok: true, observation: 'Exit code: 0\nhi', exit_code: 0, duration_ms: expect.any(Number) },
    ]);
    expect(run.events.at(-1)).toEqual({ type: 'status', status: 'completed' });
  });

  it('a failing command reaches the next request with the exit code and a request to fix it; the fix works', async () => {
    const run = await runScripted([
      call('run_command', { command: 'cat config.json' }),
      call('write_file', { path: 'config.json', content: '{"ok": true}\n' }),
      call('run_command', { command: 'jq .ok config.json' }),
      finish('fixed'),
    ]);
    expect(run.outcome.status).toBe('completed');
    const [failedCat] = run.toolMessages(1);
    expect(failedCat).toBe(`Exit code: 1\ncat: config.json: No such file or directory\n\n${REFLECT}`);
    expect(run.server.requests[1]!.body.messages.filter((m: { role: string }) => m.role === 'user')).toHaveLength(1);
    expect(run.toolMessages(3)[2]).toBe('Exit code: 0\ntrue');
    const results = run.events.filter((e) => e.type === 'tool_result');
    expect(results.map((e) => e.type === 'tool_result' && [e.ok, e.exit_code])).toEqual([
      [false, 1],
      [true, undefined],
      [true, 0],
      [true, undefined],
    ]);
  });

  it('a grep with no match is an answer, not a failure to fix', async () => {
    const run = await runScripted([
      call('write_file', { path: 'notes.txt', content: 'alpha\nbeta\n' }),
      call('run_command', { command: 'grep gamma notes.txt' }),
      call('run_command', { command: 'grep -c gamma nope.txt' }),
      finish('no gamma'),
    ]);
    const [, grep, missing] = run.toolMessages(3);
    expect(grep).toBe('Exit code: 1 (a "no" answer such as no match or a difference; not an error)\n(no output)');
    expect(missing).toBe(`Exit code: 2\ngrep: nope.txt: No such file or directory\n\n${REFLECT}`);
  });

  it('invalid JSON arguments and an unknown tool become observations, and the run continues', async () => {
    const run = await runScripted([
      call('run_command', '{"command": "ls"'),
      call('delete_everything', { now: true }),
      call('write_file', { path: 'a.txt' }),
      finish('recovered'),
    ]);
    expect(run.outcome.status).toBe('completed');
    const [badJson, unknown, missingArg] = run.toolMessages(3);
    expect(badJson).toMatch(/^The arguments of run_command are not valid JSON \(.+\)\. Call run_command again with a JSON object of arguments\.$/);
    expect(unknown).toBe(
      'Unknown tool "delete_everything". The tools you can call are: run_command, start_process, process_output, ' +
        'stop_process, read_file, write_file, edit_file, list_files, ask_human, finish.',
    );
    expect(missingArg).toBe('Invalid call to write_file: missing "content". Expected arguments: {"path": string, "content": string}.');
  });

  it('cwd and exported variables persist between run_command calls; heredoc writes work', async () => {
    const heredoc = "cat > notes.md <<'EOF'\n# Title\n$HOME stays literal\nEOF";
    const run = await runScripted([
      call('run_command', { command: 'mkdir -p sub && cd sub && export GREETING=hello' }),
      call('run_command', { command: 'pwd && echo "$GREETING"' }),
      call('run_command', { command: heredoc }),
      finish('ok'),
    ]);
    expect(run.toolMessages(3)).toEqual(['Exit code: 0\n(no output)', 'Exit code: 0\n/home/project/sub\nhello', 'Exit code: 0\n(no output)']);
    expect(await run.sandbox.readTextFile('sub/notes.md')).toBe('# Title\n$HOME stays literal\n');
  });

  it('a large output built from files is cut to head + tail with how much was cut', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${String(i).padStart(5, '0')}\n`).join('');
    const run = await runScripted(
      [call('write_file', { path: 'big.txt', content: lines }), call('run_command', { command: 'cat big.txt big.txt big.txt' }), finish('ok')],
      { config: { context_window: 128_000 } },
    );
    const output = lines.repeat(3);
    const expected = `Exit code: 0\n${output.slice(0, 5000)}\n[… ${output.length - 10_000} characters cut …]\n${output.slice(-5000, -1)}`;
    expect(run.toolMessages(2)[1]).toBe(expected);
  });

  it('on a small context window the cut is smaller (4 % of the window), counting every character cut', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${String(i).padStart(5, '0')}\n`).join('');
    const run = await runScripted(
      [call('write_file', { path: 'big.txt', content: lines }), call('run_command', { command: 'cat big.txt big.txt big.txt' }), finish('ok')],
      { config: { context_window: 32_768 } },
    );
    const whole = `Exit code: 0\n${lines.repeat(3).slice(0, -1)}`;
    const kept = Math.round(32_768 * 0.16); // 5 243 characters
    const head = Math.floor(kept / 2);
    const expected = `${whole.slice(0, head)}\n[… ${whole.length - kept} characters cut …]\n${whole.slice(whole.length - (kept - head))}`;
    expect(run.toolMessages(2)[1]).toBe(expected);
    const shown = run.events.filter((e) => e.type === 'tool_result').map((e) => e.type === 'tool_result' && e.observation);
    expect(shown[1]).toBe(expected);
  });

  it('edit_file replaces exactly one match, and says so when there are none or several', async () => {
    const run = await runScripted([
      call('write_file', { path: 'a.txt', content: 'x = 1\ny = 1\n' }),
      call('edit_file', { path: 'a.txt', old_string: '= 1', new_string: '= 2' }),
      call('edit_file', { path: 'a.txt', old_string: 'z = 1', new_string: 'z = 2' }),
      call('edit_file', { path: 'a.txt', old_string: 'y = 1', new_string: 'y = 2' }),
      finish('edited'),
    ]);
    expect(run.toolMessages(4).slice(1)).toEqual([
      'edit_file: old_string matches 2 places in a.txt. Nothing was changed. Include more of the surrounding lines so that it matches exactly once.',
      'edit_file: old_string was not found in a.txt. Nothing was changed. Read the file and copy the exact text to replace, whitespace and indentation included.',
      'Edited a.txt: replaced 1 occurrence.',
    ]);
    expect(await run.sandbox.readTextFile('a.txt')).toBe('x = 1\ny = 2\n');
  });

  it('text without tool calls is the final answer; an empty turn gets one nudge', async () => {
    const run = await runScripted([{ content: '' }, { content: 'The answer is 42.' }]);
    expect(run.outcome).toEqual({
      status: 'completed',
      summary: 'The answer is 42.',
      outputs: {},
      usage: expect.any(Object),
      steps: 2,
    });
    expect(run.server.requests[1]!.body.messages.at(-1)).toEqual({
      role: 'user',
      content: 'Your last answer was empty: no text and no tool call. Continue the task by calling a tool, or call finish with a summary when it is done.',
    });
  });

  it('two empty turns in a row fail the run as empty_response', async () => {
    const run = await runScripted([{ content: '' }, { content: '' }]);
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'empty_response', steps: 2 });
  });

  it('arguments cut off by finish_reason length get an observation saying so, and the run goes on', async () => {
    const cut = { kind: 'raw' as const, events: [
      'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"w1","type":"function","function":{"name":"write_file","arguments":"{\\"path\\":\\"a.txt\\",\\"content\\":\\"lo"}}]},"finish_reason":null}]}',
      'data: {"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}',
      'data: [DONE]',
    ] };
    const run = await runScripted([cut, finish('retried in parts')]);
    expect(run.outcome.status).toBe('completed');
    expect(run.toolMessages(1)).toEqual([
      "Your answer was cut off at the output token limit (finish_reason: length) in the middle of the arguments of write_file; it was not run. Make the call again with shorter arguments: write a big file in parts (write_file the first part, then append the rest with run_command and cat >> file <<'EOF').",
    ]);
  });

  it("a provider's content filter ends the run as failed: model_error", async () => {
    const run = await runScripted([{ content: 'Part', finish_reason: 'content_filter' }]);
    expect(run.outcome).toMatchObject({
      status: 'failed',
      reason: 'model_error',
      error: { code: 'content_filter', message: "The provider's content filter stopped the model's answer." },
    });
  });
});
