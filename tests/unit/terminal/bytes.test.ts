import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/events';
import { replayBytes, terminalBytes, TerminalFeed, toCrlf } from '../../../src/terminal/bytes';

const call = (name: string, args: unknown, id = 'c1'): AgentEvent => ({
  type: 'tool_call',
  call: { id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) },
});
const output = (data: string, call_id = 'c1'): AgentEvent => ({ type: 'tool_output', call_id, data });
const result = (fields: Partial<Extract<AgentEvent, { type: 'tool_result' }>> = {}): AgentEvent => ({
  type: 'tool_result',
  call_id: 'c1',
  name: 'run_command',
  ok: true,
  observation: '',
  ...fields,
});

describe('terminalBytes', () => {
  it('shows a run_command call as a coloured prompt line at once', () => {
    expect(terminalBytes(call('run_command', { command: 'ls -la' }))).toBe('\x1b[1;32m$\x1b[0m \x1b[1mls -la\x1b[0m\r\n');
  });

  it('continues a multi-line command with a > prompt', () => {
    expect(terminalBytes(call('run_command', { command: 'cat <<EOF\nhi\nEOF' }))).toBe(
      '\x1b[1;32m$\x1b[0m \x1b[1mcat <<EOF\x1b[0m\r\n\x1b[2m>\x1b[0m \x1b[1mhi\x1b[0m\r\n\x1b[2m>\x1b[0m \x1b[1mEOF\x1b[0m\r\n',
    );
  });

  it('marks a background process with &', () => {
    expect(terminalBytes(call('start_process', { command: 'npm run dev' }))).toBe(
      '\x1b[1;32m$\x1b[0m \x1b[1mnpm run dev &\x1b[0m\r\n',
    );
  });

  it('shows nothing for other tools or unusable arguments', () => {
    expect(terminalBytes(call('write_file', { path: 'a', content: 'b' }))).toBe('');
    expect(terminalBytes(call('run_command', '{"command": "ls"'))).toBe('');
    expect(terminalBytes(call('run_command', { command: 42 }))).toBe('');
    expect(terminalBytes({ type: 'text_delta', text: 'hello\n' })).toBe('');
  });

  it('passes output through with ANSI kept and lone LF turned into CRLF', () => {
    expect(terminalBytes(output('\x1b[31mred\x1b[0m\nnext\r\nlast\n'))).toBe('\x1b[31mred\x1b[0m\r\nnext\r\nlast\r\n');
  });

  it('says a non-zero exit code, and nothing for zero', () => {
    expect(terminalBytes(result({ exit_code: 2, ok: false }))).toBe('\x1b[31m[exit 2]\x1b[0m\r\n');
    expect(terminalBytes(result({ exit_code: 0 }))).toBe('');
  });

  it('says a timeout with its duration', () => {
    expect(terminalBytes(result({ timed_out: true, exit_code: 124, duration_ms: 30000 }))).toBe(
      '\x1b[33m[timed out after 30s]\x1b[0m\r\n',
    );
    expect(terminalBytes(result({ timed_out: true, duration_ms: 1500 }))).toBe('\x1b[33m[timed out after 1.5s]\x1b[0m\r\n');
  });

  it('says a command that failed without an exit code (the sandbox failed)', () => {
    expect(terminalBytes(result({ ok: false, observation: 'sandbox error: gone\nmore' }))).toBe(
      '\x1b[31m[failed: sandbox error: gone]\x1b[0m\r\n',
    );
  });

  it('shows results of other tools as nothing', () => {
    expect(terminalBytes(result({ name: 'read_file', ok: false, observation: 'no such file' }))).toBe('');
  });

  it('starts its own lines on a fresh line when the cursor is mid-line', () => {
    expect(terminalBytes(result({ exit_code: 1 }), false)).toBe('\r\n\x1b[31m[exit 1]\x1b[0m\r\n');
    expect(terminalBytes(call('run_command', { command: 'pwd' }), false)).toBe(
      '\r\n\x1b[1;32m$\x1b[0m \x1b[1mpwd\x1b[0m\r\n',
    );
  });

  it('marks a cancelled run', () => {
    expect(terminalBytes({ type: 'status', status: 'cancelled' }, false)).toBe('\r\n\x1b[2m^C [cancelled]\x1b[0m\r\n');
    expect(terminalBytes({ type: 'status', status: 'completed' })).toBe('');
  });
});

describe('toCrlf', () => {
  it('leaves CRLF and lone CR alone', () => {
    expect(toCrlf('a\r\nb\rc\nd')).toBe('a\r\nb\rc\r\nd');
  });
});

describe('replayBytes and TerminalFeed', () => {
  const run: AgentEvent[] = [
    { type: 'step', step: 1 },
    call('run_command', { command: 'printf no-newline; false' }),
    output('no-'),
    output('newline'),
    result({ exit_code: 1, ok: false }),
    call('run_command', { command: 'echo ok' }, 'c2'),
    output('ok\n', 'c2'),
    result({ call_id: 'c2', exit_code: 0 }),
    call('run_command', { command: 'printf x' }, 'c3'),
    output('x', 'c3'),
    result({ call_id: 'c3', exit_code: 0 }),
    call('run_command', { command: 'ls' }, 'c4'),
  ];

  it('folds a whole run into the bytes the terminal shows', () => {
    expect(replayBytes(run)).toBe(
      '\x1b[1;32m$\x1b[0m \x1b[1mprintf no-newline; false\x1b[0m\r\n' +
        'no-newline' +
        '\r\n\x1b[31m[exit 1]\x1b[0m\r\n' +
        '\x1b[1;32m$\x1b[0m \x1b[1mecho ok\x1b[0m\r\n' +
        'ok\r\n' +
        '\x1b[1;32m$\x1b[0m \x1b[1mprintf x\x1b[0m\r\n' +
        'x',
    );
  });

  it('writes `$ command` only when it runs: not while it waits for approval, never when denied, as edited when edited', () => {
    const call = (id: string, command: string) => ({ type: 'tool_call' as const, call: { id, name: 'run_command', arguments: JSON.stringify({ command }) } });
    const feed = new TerminalFeed();
    const shown = [
      call('a', 'rm -rf ~/'),
      { type: 'human_response' as const, call_id: 'a', answer: { approve: false } },
      { type: 'tool_result' as const, call_id: 'a', name: 'run_command', ok: false, observation: 'denied' },
      call('b', 'rm -rf ~/'),
      { type: 'human_response' as const, call_id: 'b', answer: { approve: true, command: 'rm -rf build' } },
      { type: 'tool_result' as const, call_id: 'b', name: 'run_command', ok: true, observation: '', exit_code: 0 },
      call('c', 'sleep 20'),
      { type: 'risk' as const, call_id: 'c', verdict: { level: 'none' as const, reasons: [] }, decision: 'allowed' as const },
      { type: 'tool_result' as const, call_id: 'c', name: 'run_command', ok: true, observation: '', exit_code: 0 },
    ].map((event) => feed.push(event));
    expect(shown).toEqual([
      '',
      '',
      '\x1b[31m[failed: denied]\x1b[0m\r\n',
      '',
      // approved: it runs now, as the person edited it
      '\x1b[1;32m$\x1b[0m \x1b[1mrm -rf build\x1b[0m  \x1b[2m# edited by you\x1b[0m\r\n',
      '',
      '',
      // rated below the threshold: it runs at once, so its line shows while it runs (lite output comes at the end)
      '\x1b[1;32m$\x1b[0m \x1b[1msleep 20\x1b[0m\r\n',
      '',
    ]);
  });

  it('gives the same bytes live, event by event, as a replay; reset starts over', () => {
    const feed = new TerminalFeed();
    const live = run.map((event) => feed.push(event)).join('');
    expect(live).toBe(replayBytes(run));
    feed.push(output('mid-line'));
    feed.reset();
    expect(feed.push(result({ exit_code: 3 }))).toBe('\x1b[31m[exit 3]\x1b[0m\r\n');
  });
});
