import { describe, expect, it } from 'vitest';
import { JshSession, type JshTimings } from '../../../src/sandbox/webcontainer/session';
import { loadTranscripts, perCharacter, phases, replayProcess, splitAt, type Transcript } from './transcripts';

const TIMINGS: JshTimings = { readyMs: 2_000, interruptMs: 2_000, promptMs: 5, inputWaitMs: 60_000 };

/** Drive a session through a transcript delivered as `list`; what it made of each command, and what it typed. */
async function drive(transcript: Transcript, list: string[][]) {
  const { process, typed } = replayProcess(list);
  const session = new JshSession(process, TIMINGS);
  const ready = await session.ready();
  const results = [];
  for (const command of transcript.commands) {
    let live = '';
    const result = await session.run(command.input, { timeoutMs: command.timeoutMs, onOutput: (chunk) => (live += chunk) });
    results.push({ exitCode: result.exitCode, output: result.output, live, timedOut: result.timedOut });
  }
  session.kill();
  return { ready, results, typed };
}

function expected(transcript: Transcript) {
  const typed: string[] = transcript.idleInterrupt ? ['\x03'] : [];
  for (const command of transcript.commands) typed.push(`${command.input}\n`, ...(command.interrupt ? ['\x03'] : []));
  return {
    ready: true,
    results: transcript.commands.map((command) => ({ timedOut: false, ...command.expect })),
    typed,
  };
}

describe('JshSession on recorded transcripts', () => {
  for (const transcript of loadTranscripts()) {
    const list = phases(transcript);
    const length = list.flat().join('').length;

    it(`${transcript.name}: commands, outputs and exit codes as recorded`, async () => {
      expect(await drive(transcript, list)).toEqual(expected(transcript));
    });

    it(`${transcript.name}: the same with the stream split at every boundary, and per character`, async () => {
      const want = expected(transcript);
      for (let cut = 1; cut < length; cut++) expect(await drive(transcript, splitAt(list, cut))).toEqual(want);
      expect(await drive(transcript, perCharacter(list))).toEqual(want);
    });
  }
});

describe('JshSession when the shell dies', () => {
  it('reports the end with the process exit code, and refuses further commands at once', async () => {
    // jsh echoes `exit 2`, then the process ends.
    let exit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    const { process, typed } = replayProcess(
      [['\x1b]654;interactive\x07\x1b]654;prompt\x07'], ['exit 2\r\n']],
      exited,
    );
    const replayInput = process.input.getWriter();
    const closing = new WritableStream<string>({
      async write(data) {
        await replayInput.write(data); // the replay echoes the line …
        setTimeout(() => {
          exit(2); // … then the shell exits
          process.kill();
        }, 5);
      },
    });
    const session = new JshSession({ ...process, input: closing }, TIMINGS);
    expect(await session.ready()).toEqual(true);
    expect(await session.run('exit 2')).toEqual({ exitCode: 2, output: '', timedOut: false, aborted: false, sessionEnded: 2 });
    expect(await session.run('echo again')).toEqual({
      exitCode: 2,
      output: '',
      timedOut: false,
      aborted: false,
      sessionEnded: 2,
      notStarted: true,
    });
    expect(typed).toEqual(['exit 2\n']);
  });

  it('says so when jsh never becomes interactive', async () => {
    const { process } = replayProcess([['jsh: cannot start\r\n']]);
    const session = new JshSession(process, { ...TIMINGS, readyMs: 20 });
    expect(await session.ready()).toEqual(false);
    session.kill();
  });
});

describe('JshSession when the shell died before the command was echoed', () => {
  it('says the command did not start, so the caller can run it in a new session', async () => {
    const { process } = replayProcess([['\x1b]654;interactive\x07\x1b]654;prompt\x07']], Promise.resolve(1));
    const session = new JshSession(process, TIMINGS);
    expect(await session.ready()).toEqual(true);
    process.kill();
    expect(await session.run('pwd')).toEqual({ exitCode: 1, output: '', timedOut: false, aborted: false, sessionEnded: 1, notStarted: true });
  });
});

describe('JshSession when a command waits for input', () => {
  it('interrupts a command that sits silent on a question and says which', async () => {
    const prompt = '\x1b]654;prompt\x07\r\n~/project\r\n❯ ';
    const { process, typed } = replayProcess([
      [`\x1b]654;interactive\x07${prompt}`],
      ['npx create-vite app\r\n', 'Need to install the following packages:\r\ncreate-vite@6\r\n', 'Ok to proceed? (y) '],
      ['^C\r\n\x1b]654;exit=41:130\x07', prompt],
    ]);
    const session = new JshSession(process, { ...TIMINGS, inputWaitMs: 200 });
    expect(await session.ready()).toEqual(true);
    const started = Date.now();
    expect(await session.run('npx create-vite app', { timeoutMs: 30_000 })).toEqual({
      exitCode: 130,
      output: 'Need to install the following packages:\ncreate-vite@6\nOk to proceed? (y) ^C\n',
      timedOut: false,
      aborted: false,
      waitingForInput: 'Ok to proceed? (y)',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(typed).toEqual(['npx create-vite app\n', '\x03']);
  });
});

describe('JshSession with markers late, missing or repeated (both readings of jsh handled)', () => {
  const prompt = '\x1b]654;prompt\x07\r\n~/project\r\n❯ ';

  it('a prompt marker that never comes after an exit marker costs nothing more than promptMs, and no Ctrl-C', async () => {
    const { process, typed } = replayProcess([
      [`\x1b]654;interactive\x07${prompt}`],
      ['echo a\r\na\r\n\x1b]654;exit=50:0\x07'],
      ['echo b\r\nb\r\n\x1b]654;exit=51:0\x07', prompt],
    ]);
    const session = new JshSession(process, { ...TIMINGS, promptMs: 100 });
    expect(await session.ready()).toEqual(true);
    expect(await session.run('echo a')).toEqual({ exitCode: 0, output: 'a\n', timedOut: false, aborted: false });
    expect(await session.run('echo b')).toEqual({ exitCode: 0, output: 'b\n', timedOut: false, aborted: false });
    expect(typed).toEqual(['echo a\n', 'echo b\n']);
  });

  it("a late prompt marker of the last command does not cut the running command's output", async () => {
    const { process } = replayProcess([
      [`\x1b]654;interactive\x07${prompt}`],
      ['echo a\r\na\r\n\x1b]654;exit=50:0\x07'],
      [prompt, 'echo b\r\nfirst\r\n', 'second\r\n\x1b]654;exit=51:0\x07', prompt],
    ]);
    const session = new JshSession(process, { ...TIMINGS, promptMs: 50 });
    expect(await session.ready()).toEqual(true);
    await session.run('echo a');
    expect(await session.run('echo b')).toEqual({ exitCode: 0, output: 'first\nsecond\n', timedOut: false, aborted: false });
  });

  it("a repeated exit marker of the last command does not end the next one early with the old code", async () => {
    const { process } = replayProcess([
      [`\x1b]654;interactive\x07${prompt}`],
      ['false\r\n\x1b]654;exit=50:1\x07', prompt],
      ['\x1b]654;exit=50:1\x07', 'echo b\r\nb\r\n\x1b]654;exit=51:0\x07', prompt],
    ]);
    const session = new JshSession(process, TIMINGS);
    expect(await session.ready()).toEqual(true);
    expect((await session.run('false')).exitCode).toEqual(1);
    expect(await session.run('echo b')).toEqual({ exitCode: 0, output: 'b\n', timedOut: false, aborted: false });
  });
});
