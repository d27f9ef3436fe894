/**
 * The key never lands in IndexedDB: a whole run whose model echoes the API key — in its text, a file it writes,
 * a command's output, its summary and outputs — and whose task holds it (a person pasted it), through the real
 * loop, the real openai SDK against the scripted server, the real lite sandbox and the store on fake-indexeddb.
 * Every object store of the database is read back raw afterwards. Without the scrubbing store the key is there
 * (the control), with it it is nowhere.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { ScrubbedRunStore } from '../../../src/api/scrubbed-store';
import type { RunDefaults, RunStore } from '../../../src/api/types';
import { expose } from '../../../src/bridge/rpc';
import { WorkerDriver } from '../../../src/bridge/worker-driver';
import { createAgentWorkerApi } from '../../../src/bridge/worker-runner';
import { SecretRegistry } from '../../../src/core/secrets';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { HistoryRunStore, HistoryStore, MemoryLocks } from '../../../src/store';
import { startScriptedServer, type ScriptedServer } from '../../fixtures/scripted-server';

const KEY = 'sk-test-ECHOED-KEY-0123456789abcdefXYZ';

const servers: ScriptedServer[] = [];
const opened: HistoryStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) store.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A "worker" that is one end of a MessageChannel, with the worker's API on the other end. */
function channelWorker(): Worker {
  const { port1, port2 } = new MessageChannel();
  expose(createAgentWorkerApi(), port2 as never);
  return Object.assign(port1, { terminate: () => (port1.close(), port2.close()) }) as unknown as Worker;
}

/** Everything in every object store of every database, as text (bytes as Latin-1, so a key in a file shows). */
async function everythingStored(factory: IDBFactory): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name } of await factory.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const storeName of Array.from(db.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      out[storeName] = JSON.stringify(records, (_key, value: unknown) =>
        value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value instanceof ArrayBuffer ? Buffer.from(value).toString('latin1') : value,
      );
    }
    db.close();
  }
  return out;
}

async function echoingRun(scrubbed: boolean): Promise<{ stores: Record<string, string>; summary?: string }> {
  const server = await startScriptedServer([
    {
      content: `Your key is ${KEY}; I will save it.`,
      tool_calls: [{ name: 'write_file', arguments: { path: '.env', content: `OPENAI_API_KEY=${KEY}\n` } }],
    },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'cat .env' } }] },
    { tool_calls: [{ name: 'finish', arguments: { summary: `Saved ${KEY} to .env`, outputs: { key: KEY } } }] },
  ]);
  servers.push(server);
  const factory = new IDBFactory();
  const history = await HistoryStore.open({ factory });
  opened.push(history);
  const secrets = new SecretRegistry();
  secrets.set('model API key', KEY);
  const raw: RunStore = new HistoryRunStore(history, new MemoryLocks(), { delayMs: 5 });
  const sandbox = Promise.resolve(new LiteSandbox());
  const defaults: RunDefaults = { baseURL: server.baseURL, model: 'scripted-model', apiKey: KEY, max_steps: 10, human_intervention_threshold: 'never' };
  const driver = new WorkerDriver({ makeWorker: channelWorker, sandbox });
  const agents = createAgents({ store: scrubbed ? new ScrubbedRunStore(raw, secrets) : raw, driver, sandbox, defaults: () => defaults });
  const run = await agents.execute({ instructions: `Save my key ${KEY} in .env` });
  const deadline = Date.now() + 15_000;
  let done = await agents.retrieve(run.id);
  // the run reads 'completed' from the worker's status event (its finish summary scrubbed in the worker) a moment
  // before the driver's outcome fills in the page's whole copy: wait for that outcome, not just the status
  const settled = (seen: typeof done) => seen.status === 'completed' && seen.summary === `Saved ${KEY} to .env`;
  while (!settled(done) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    done = await agents.retrieve(run.id);
  }
  await raw.flush(run.id);
  driver.dispose();
  return { stores: await everythingStored(factory), summary: done.summary };
}

describe('a key the model echoed, in the stored history', () => {
  it('is in the stored conversation, run and files without the scrubbing store (the control)', async () => {
    const { stores } = await echoingRun(false);
    const holding = Object.keys(stores).filter((name) => stores[name].includes(KEY)).sort();
    expect(holding).toEqual(['blobs', 'checkpoints', 'events', 'runs']);
  });

  it('is in no object store with it: task, messages, summary, outputs, events and the .env file are redacted', async () => {
    const { stores, summary } = await echoingRun(true);
    const holding = Object.keys(stores).filter((name) => stores[name].includes(KEY));
    expect(holding).toEqual([]);
    expect(summary).toBe(`Saved ${KEY} to .env`); // the page's own copy is whole; only what is stored is scrubbed
    expect(stores.checkpoints).toContain('Your key is [redacted]; I will save it.');
    expect(stores.runs).toContain('Saved [redacted] to .env');
    expect(Object.values(stores).some((text) => text.includes('OPENAI_API_KEY=[redacted]'))).toBe(true);
  });
});
