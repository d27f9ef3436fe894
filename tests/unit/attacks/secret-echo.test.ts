/**
 * The model echoes the API key (a proxy that knows it, or a person who pasted it in a task): every string that
 * leaves through an export, and every work-dir file, is scrubbed; Download zip names the files that hold it.
 */
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../../src/core/secrets';
import { exportRun, toRun, type HistoryStore } from '../../../src/store';
import { ZipDownload } from '../../../src/ui/files/zip-download.svelte';
import type { DownloadFile } from '../../../src/ui/history/history-state.svelte';
import { freshStore, runRecord, snapshot, usage } from '../store/helpers';

const KEY = 'sk-test-THE-REAL-KEY-0123456789abcdef';
const registry = (): SecretRegistry => {
  const secrets = new SecretRegistry();
  secrets.set('model API key', KEY);
  return secrets;
};
const binary = new Uint8Array([0, 255, ...new TextEncoder().encode(KEY), 0, 7]);

let store: HistoryStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('a key the model echoed', () => {
  it('is scrubbed from the summary, outputs, messages, events and work-dir files of an export', async () => {
    store = await freshStore();
    await store.createRun(runRecord('echo', { instructions: `use ${KEY}` }));
    const writer = await store.openWriter('echo');
    writer.append({ type: 'step', step: 1 });
    writer.append({ type: 'tool_output', call_id: 'c', data: `key=${KEY}\r\n` });
    const run = { ...toRun(runRecord('echo', { instructions: `use ${KEY}` })), status: 'completed' as const, steps: 1, summary: `The key is ${KEY}`, outputs: { key: KEY, nested: [{ k: `x${KEY}` }] }, usage: usage(10) };
    const files = snapshot({ '.env': `OPENAI_API_KEY=${KEY}\n`, 'blob.bin': binary, 'plain.txt': 'nothing here' });
    await writer.commitStep({ step: 1, messages: [{ role: 'assistant', content: `here: ${KEY}` }], usage: usage(10), snapshot: files, run });
    await writer.close();

    expect(JSON.stringify(await exportRun(store, 'echo', 1))).toContain(KEY); // without the registry: as stored
    const exported = (await exportRun(store, 'echo', 1, { secrets: registry() }))!;
    expect(JSON.stringify(exported)).not.toContain(KEY);
    expect([exported.run.instructions, exported.run.summary, exported.outputs, exported.messages]).toEqual([
      'use [redacted]', 'The key is [redacted]', { key: '[redacted]', nested: [{ k: 'x[redacted]' }] }, [{ role: 'assistant', content: 'here: [redacted]' }],
    ]);
    expect(exported.events.find((event) => event.type === 'tool_output')).toMatchObject({ data: 'key=[redacted]\r\n' });
    const decoded = Object.fromEntries(exported.workdir!.files.map((file) => [file.path, Buffer.from(file.base64, 'base64')]));
    expect(decoded['.env'].toString()).toBe('OPENAI_API_KEY=[redacted]\n');
    expect([...decoded['blob.bin']]).toEqual([0, 255, ...new Array(KEY.length).fill(0x2a), 0, 7]);
    expect(decoded['plain.txt'].toString()).toBe('nothing here');
  });

  it('makes Download zip name the files that hold it and redact them when asked', async () => {
    const offered: DownloadFile[] = [];
    const download = new ZipDownload(registry(), (file) => offered.push(file));
    const source = { snapshot: async () => snapshot({ '.env': `KEY=${KEY}\n`, 'blob.bin': binary, 'a.txt': 'a' }) };
    const entries = (file: DownloadFile) => Object.fromEntries(Object.entries(unzipSync(file.bytes as Uint8Array)).map(([name, data]) => [name, Buffer.from(data).toString('latin1')]));

    await download.start(source, 'p.zip');
    expect([offered.length, download.pending?.files]).toEqual([0, [{ path: '.env', secrets: ['model API key'] }, { path: 'blob.bin', secrets: ['model API key'] }]]);
    download.choose('redact');
    expect(entries(offered[0])).toEqual({ '.env': 'KEY=[redacted]\n', 'blob.bin': `\x00\xff${'*'.repeat(KEY.length)}\x00\x07`, 'a.txt': 'a' });

    await download.start(source, 'p.zip');
    download.choose('cancel');
    await download.start(source, 'p.zip');
    download.choose('as-is');
    expect([offered.length, entries(offered[1])['.env'], download.pending]).toEqual([2, `KEY=${KEY}\n`, undefined]);

    await download.start({ snapshot: async () => snapshot({ 'a.txt': 'a', 'C:\\evil': 'x' }) }, 'q.zip');
    expect([offered.length, offered[2].name, download.renamed]).toEqual([3, 'q.zip', [{ from: 'C:\\evil', to: 'C__evil' }]]);
    expect(download.renamedNote).toBe('1 name was renamed in the zip so no unzip tool can place a file outside its folder (listed in AUTOPILOT-RENAMED.txt).');
  });
});
