import { afterEach, expect, it } from 'vitest';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

// The lite worker transfers each snapshot's buffers to the page. A file that git wrote holds a Node-style Buffer,
// whose slice() is a view: the snapshot must still give each file a buffer of its own, or the transfer detaches
// the file system's memory and the next snapshot fails ("Cannot perform Construct on a detached ArrayBuffer").
const made: LiteSandbox[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((sandbox) => sandbox.dispose()));
});

it('gives every file of a snapshot its own buffer, files written by git included, so transferring them is safe', async () => {
  const sandbox = new LiteSandbox();
  made.push(sandbox);
  const setup = await sandbox.exec('git init -q && echo one > a.txt && git add a.txt && git commit -qm first');
  expect(setup.exitCode).toBe(0);
  const first = await sandbox.snapshot();
  const gitFiles = first.files.filter((file) => file.path.startsWith('.git/'));
  expect(gitFiles.length).toBeGreaterThan(3);
  for (const file of first.files) {
    expect({ path: file.path, own: file.data.byteOffset === 0 && file.data.buffer.byteLength === file.data.byteLength }).toEqual({ path: file.path, own: true });
  }
  // hand every buffer away, as the worker does, then read again: the work dir is intact
  structuredClone(first, { transfer: [...new Set(first.files.map((file) => file.data.buffer as ArrayBuffer))] });
  const second = await sandbox.snapshot();
  const paths = first.files.map((file) => file.path);
  expect(second.files.map((file) => file.path)).toEqual(paths);
  expect((await sandbox.exec('git log --oneline | wc -l; cat a.txt')).stdout).toBe('1\none\n');
});
