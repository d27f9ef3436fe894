import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/sandbox/lite/engine';
import { LiteShell } from '../../../src/sandbox/lite/shell';
import { WorkdirGuard } from '../../../src/sandbox/lite/workdir-guard';
import { WORKDIR } from '../../../src/sandbox/sandbox';
import { liteWith, run, tree } from './lite-commands/run-lite';

const FILES = { 'a.txt': 'a\n', 'src/main.ts': 'main\n' };
const KEPT = ['a.txt', 'src/', 'src/main.ts'];
const busy = (what: string) => ({ exitCode: 1, stdout: '', stderr: what });

describe('the work dir cannot be taken away by any command', () => {
  it.each([
    // [command, its result] — each leaves the work dir as it was
    ['X=; rm -rf "$X"', { exitCode: 0, stdout: '', stderr: '' }],
    ['rm -rf ""', { exitCode: 0, stdout: '', stderr: '' }],
    ['rm ""', busy("rm: cannot remove '': No such file or directory\n")],
    ['rm -rf .', busy("rm: refusing to remove '.' or '..' directory: skipping '.'\n")],
    ['rm -rf ./', busy("rm: refusing to remove '.' or '..' directory: skipping './'\n")],
    ['rm -rf src/..', busy("rm: refusing to remove '.' or '..' directory: skipping 'src/..'\n")],
    ['rm -rf /', busy("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n")],
    ['rm -rf --no-preserve-root /', busy("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n")],
    ['rm -rf /home/project', busy("rm: cannot remove '/home/project': Device or resource busy\n")],
    ['rm -r ../project', busy("rm: cannot remove '../project': Device or resource busy\n")],
    ['rm -rf /home', busy("rm: cannot remove '/home': Device or resource busy\n")],
    ['rm -rf ~', { exitCode: 0, stdout: '', stderr: '' }],
    ['rm -rf "$HOME"/', { exitCode: 0, stdout: '', stderr: '' }],
    ['rm -rf ~/..', busy("rm: refusing to remove '.' or '..' directory: skipping '/home/user/..'\n")],
    ['rm .', busy("rm: cannot remove '.': Is a directory\n")],
    ['mv . x', busy("mv: cannot move '.' to 'x': Device or resource busy\n")],
    ['mv /home/project /tmp/p', busy("mv: cannot move '/home/project' to '/tmp/p': Device or resource busy\n")],
    ['(cd src && mv .. /tmp/)', busy("mv: cannot move '..' to '/tmp/..': Device or resource busy\n")],
    ['rmdir /home/project', busy("rmdir: failed to remove '/home/project': Directory not empty\n")],
    ['rmdir ../project/.', busy("rmdir: failed to remove '../project/.': Directory not empty\n")],
    ['find / -delete', busy("find: refusing to -delete under '/': it holds /home/project. Start find inside it (e.g. find . -name '*.tmp' -delete).\n")],
    ['find .. -name "*.txt" -delete', busy("find: refusing to -delete under '..': it holds /home/project. Start find inside it (e.g. find . -name '*.tmp' -delete).\n")],
  ])('%s', async (command, expected) => {
    const sandbox = await liteWith(FILES);
    expect(await run(sandbox, command)).toEqual(expected);
    expect(await tree(sandbox)).toEqual(KEPT);
    expect((await run(sandbox, 'pwd; echo $HOME')).stdout).toEqual('/home/project\n/home/user\n');
  });

  it('empties the work dir on `find . -delete` as GNU does, and keeps the dir itself', async () => {
    const sandbox = await liteWith(FILES);
    expect(await run(sandbox, 'find . -delete')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await tree(sandbox)).toEqual([]);
    expect(await run(sandbox, 'touch b && ls')).toEqual({ exitCode: 0, stdout: 'b\n', stderr: '' });
  });

  it("keeps the session's cwd: a later command cannot remove the directory it runs in", async () => {
    const sandbox = await liteWith(FILES);
    await run(sandbox, 'cd src');
    expect(await run(sandbox, 'rm -rf ../src')).toEqual(busy("rm: cannot remove '../src': Device or resource busy\n"));
    expect(await run(sandbox, 'cd .. && rm -rf src && ls')).toEqual({ exitCode: 0, stdout: 'a.txt\n', stderr: '' });
  });

  it('removes what is inside the work dir as asked', async () => {
    const sandbox = await liteWith(FILES);
    expect(await run(sandbox, 'rm -rf ./* && ls -A')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await tree(sandbox)).toEqual([]);
  });

  it('gives HOME outside the work dir, so `rm -rf ~/*` leaves the project alone; a removed home comes back empty', async () => {
    const sandbox = await liteWith(FILES);
    expect(await run(sandbox, 'echo x > ~/notes && rm -rf ~/* && ls -A ~ && echo "$HOME"')).toEqual({
      exitCode: 0,
      stdout: '/home/user\n',
      stderr: '',
    });
    expect(await tree(sandbox)).toEqual(KEPT);
    expect(await run(sandbox, 'echo x > ~/notes && rm -rf ~')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await run(sandbox, 'cd ~ && pwd && ls -A')).toEqual({ exitCode: 0, stdout: '/home/user\n', stderr: '' });
    expect(await tree(sandbox)).toEqual(KEPT);
  });
});

describe('if the work dir disappears anyway', () => {
  it('is recreated at once, and the command says so', async () => {
    const engine = new Engine();
    const shell = new LiteShell(engine, { maxOutputChars: 10_000, stopGraceMs: 100 });
    await shell.exec('mkdir -p sub && cd sub && echo x > f');
    // a bug that bypasses the guard: call the plain in-memory rm under it
    const plainFs = Object.getPrototypeOf(Object.getPrototypeOf(engine.fs)) as { rm: (path: string, options: object) => Promise<void> };
    await plainFs.rm.call(engine.fs, WORKDIR, { recursive: true });
    const result = await shell.exec('pwd');
    expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr }).toEqual({
      exitCode: 0,
      stdout: '/home/project/sub\n',
      stderr:
        '[The lite sandbox: /home/project was gone; it was recreated, empty.]\n' +
        '[The lite sandbox: the cwd /home/project/sub no longer exists; the shell is back in /home/project.]\n',
    });
    expect((await shell.exec('pwd; ls -A')).stdout).toEqual('/home/project\n');
  });
});

describe('WorkdirGuard', () => {
  it('protects its dirs and every dir above them, nothing else', () => {
    const guard = new WorkdirGuard(['/home/project', '/tmp/w/x']);
    const paths = ['/', '/home', '/home/project', '/home/project/', '/home/project/..', '/tmp/w', '/tmp/w/x/y', '/home/projects', '/home/project/a'];
    expect(paths.map((path) => guard.protectedUnder(path))).toEqual([
      '/home/project', '/home/project', '/home/project', '/home/project', '/home/project', '/tmp/w/x', undefined, undefined, undefined,
    ]);
  });
});
