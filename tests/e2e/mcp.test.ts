/**
 * MCP in the page: a real MCP server (the SDK's own, on 127.0.0.1) is added in Settings → MCP servers, tested
 * (its tools listed, or exactly what is wrong: CORS, the hidden session header, a refused token), and its token
 * is kept out of storage unless remembered. A scripted agent then calls its tools: the read-only one runs (its
 * result in the timeline), the destructive one waits for approval (Deny sends the note), the server is stopped
 * mid-run and the run goes on with a clear observation; the token is nowhere in stored data or the export.
 * All of it under the page's CSP (the SDK's CSP-safe validator).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RED_PIXEL_PNG, startMcpFixture, type McpFixture } from '../fixtures/mcp-server';
import { readFileSync } from 'node:fs';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
const fixtures: McpFixture[] = [];
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.stop().catch(() => undefined)));
  await harness?.close();
});

async function fixture(options: Parameters<typeof startMcpFixture>[0] = {}): Promise<McpFixture> {
  const started = await startMcpFixture(options);
  fixtures.push(started);
  return started;
}

/** Open Settings and add a server there; returns the "MCP servers" group. */
async function addServer(page: Page, name: string, url: string) {
  const settingsButton = page.getByRole('button', { name: 'Settings', exact: true });
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  if (!(await dialog.isVisible())) await settingsButton.click();
  const group = dialog.getByRole('group', { name: 'MCP servers', exact: true });
  await group.getByRole('textbox', { name: 'MCP server URL', exact: true }).fill(url);
  await group.getByRole('textbox', { name: 'MCP server name', exact: true }).fill(name);
  await group.getByRole('button', { name: 'Add server', exact: true }).click();
  await group.getByRole('button', { name: `Test MCP server ${name}`, exact: true }).waitFor({ timeout: 5_000 });
  return group;
}

/** Press "Test MCP server <name>" and wait for its verdict. */
async function testServer(page: Page, name: string): Promise<string> {
  const group = page.getByRole('group', { name: 'MCP servers', exact: true });
  await group.getByRole('button', { name: `Test MCP server ${name}`, exact: true }).click();
  const section = group.getByRole('region', { name: `MCP server ${name}`, exact: true });
  await expect.poll(async () => (await section.textContent()) ?? '', { timeout: 15_000 }).toMatch(/[✓✗]/);
  return ((await section.locator('[aria-live]').textContent()) ?? '').trim();
}

describe('Settings → MCP servers', () => {
  it('adds a server, lists its tools, switches one off, and keeps the token out of storage unless remembered', async () => {
    const notes = await fixture({ token: 'mcp-e2e-token-0123456789' });
    const model = await harness.model([]);
    const page = await harness.open(model);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    const group = await addServer(page, 'notes', notes.url);
    expect(await testServer(page, 'notes')).toBe(`✗ The MCP server notes (${notes.url}) refused the request (HTTP 401): a bearer token is missing or wrong. Check the token in Settings → MCP servers.`);

    await group.getByRole('textbox', { name: 'Token for notes', exact: true }).fill('mcp-e2e-token-0123456789');
    expect(await testServer(page, 'notes')).toBe('✓ notes-fixture 1.0.0 over Streamable HTTP: 6 tools.');
    const switches = group.getByRole('switch');
    expect(await switches.evaluateAll((all) => all.map((s) => `${s.getAttribute('aria-label')}:${(s as HTMLInputElement).checked}`))).toEqual([
      'Use search_notes from notes:true',
      'Use delete_note from notes:true',
      'Use slow_count from notes:true',
      'Use sync_notes from notes:true',
      'Use render_chart from notes:true',
      'Use echo from notes:true',
    ]);
    await group.getByRole('switch', { name: 'Use delete_note from notes', exact: true }).uncheck();
    await group.getByRole('checkbox', { name: 'Trust the read-only claims of notes', exact: true }).check();
    await screenshot(page, 'mcp-settings');

    const stored = () => page.evaluate(() => JSON.stringify({ ...localStorage }));
    const before = await stored();
    await group.getByRole('checkbox', { name: 'Remember token for notes', exact: true }).check();
    const remembered = await stored();
    expect([before.includes('mcp-e2e-token-0123456789'), remembered.includes('mcp-e2e-token-0123456789')]).toEqual([false, true]);
    expect(JSON.parse(await page.evaluate(() => localStorage.getItem('autopilot.mcpServers') ?? '[]'))).toEqual([
      { name: 'notes', url: notes.url, trusted: true, disabled_tools: ['delete_note'], auth: { kind: 'bearer' } },
    ]);
    // the token went to its server, and only as a bearer header
    expect(new Set(notes.requests.map((r) => r.authorization ?? 'none'))).toEqual(new Set(['none', 'Bearer mcp-e2e-token-0123456789']));

    await group.getByRole('button', { name: 'Remove MCP server notes', exact: true }).click();
    await expect.poll(() => stored(), { timeout: 5_000 }).not.toContain('mcp-e2e-token-0123456789');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('says exactly what is wrong: no CORS, a hidden Mcp-Session-Id, nothing listening', async () => {
    const noCors = await fixture({ noCors: true });
    const hidden = await fixture({ hideSessionHeader: true });
    const gone = await fixture();
    await gone.stop();
    const page = await harness.open(await harness.model([]));
    await addServer(page, 'nocors', noCors.url);
    await addServer(page, 'hidden', hidden.url);
    await addServer(page, 'gone', gone.url);
    const results = [await testServer(page, 'nocors'), await testServer(page, 'hidden'), await testServer(page, 'gone')];
    expect(results).toEqual([
      `✗ The MCP server nocors (${noCors.url}) answers, but not to this page: its CORS headers do not allow this origin. The server must send Access-Control-Allow-Origin: <this page's origin or *>, Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS, Access-Control-Allow-Headers: Content-Type, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, and Access-Control-Expose-Headers: Mcp-Session-Id.`,
      `✗ The MCP server hidden (${hidden.url}) started a session but this page cannot read its Mcp-Session-Id header: the server must send Access-Control-Expose-Headers: Mcp-Session-Id.`,
      `✗ Could not reach the MCP server gone (${gone.url}): Failed to fetch. Check the URL and that the server is running.`,
    ]);
    await page.close();
  });
});

/** Every string the page's IndexedDB holds, as one text (bytes decoded as UTF-8). */
function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const texts: string[] = [];
    const decode = (value: unknown): unknown =>
      value instanceof Uint8Array || value instanceof ArrayBuffer ? new TextDecoder().decode(value) : value;
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const name of db.objectStoreNames) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        texts.push(JSON.stringify(all, (_key, value) => decode(value)));
      }
      db.close();
    }
    return texts.join('\n');
  });
}

/** The bytes of the download a click starts. */
async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), click()]);
  return readFileSync((await file.path())!, 'utf8');
}

describe('a run with an MCP server', () => {
  it('calls the read-only tool, asks before the destructive one (Deny sends the note), goes on when the server is gone', async () => {
    const TOKEN = 'mcp-run-token-9f8e7d6c5b4a';
    const notes = await fixture({ token: TOKEN });
    const model = await harness.model([
      { tool_calls: [{ name: 'mcp__notes__search_notes', arguments: { query: 'Ada' } }] },
      { tool_calls: [{ name: 'mcp__notes__render_chart', arguments: {} }] },
      { tool_calls: [{ name: 'mcp__notes__delete_note', arguments: { id: '3' } }] },
      { tool_calls: [{ name: 'mcp__notes__slow_count', arguments: { ms: 1 } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Looked the notes up.' } }] },
    ]);
    const page = await harness.open(model);
    const violations: string[] = [];
    const watch = (message: { text(): string }) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    };
    page.on('console', watch);
    page.on('worker', (worker) => worker.on('console', watch)); // the MCP client runs in the agent worker
    const group = await addServer(page, 'notes', notes.url);
    await group.getByRole('textbox', { name: 'Token for notes', exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Look up the notes about Ada');
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.waitFor({ timeout: 20_000 });
    const asked = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
    await screenshot(page, 'mcp-approval');
    await notes.stop(); // the server goes away while the run waits
    await dialog.getByRole('textbox', { name: 'Note to the agent', exact: true }).fill('Keep note 3.');
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 30_000 }).toContain('completed');

    const observations = model.requests.map((request) => JSON.stringify(request.body.messages.at(-1)));
    const tools = (model.requests[0].body.tools as { function: { name: string } }[]).map((tool) => tool.function.name);
    const [run] = await page.evaluate(() => window.autopilot.agents.list());
    const exported = await download(page, () => page.getByRole('button', { name: 'Export run', exact: true }).click());
    const stored = await storedText(page);
    // the read-only call's card in the timeline, opened: its result
    const card = page.locator('details.tool', { hasText: 'mcp__notes__search_notes' });
    await card.locator('summary').click();
    await screenshot(page, 'mcp-run');
    const cardText = (await card.textContent()) ?? '';
    // the chart's card shows the image the tool returned
    const chartCard = page.locator('details.tool', { hasText: 'mcp__notes__render_chart' });
    await chartCard.locator('summary').click();
    const img = chartCard.getByRole('img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 5_000 }).toBe(1);
    const image = { alt: await img.getAttribute('alt'), width: await img.evaluate((el) => (el as HTMLImageElement).naturalWidth) };
    const pageText = await page.evaluate(() => document.body.innerText);
    expect({
      tools: tools.filter((name) => name.startsWith('mcp__')),
      asked: [asked.includes('notes'), asked.includes('delete_note'), asked.includes('"id":"3"')],
      found: observations[1].includes('2 notes match \\"Ada\\"'),
      chart: observations[2].includes('[image: image/png, 70 bytes, shown to the person]'),
      image,
      denied: observations[3].includes('The person denied this action') && observations[3].includes('Keep note 3.'),
      gone: /mcp__notes__slow_count failed: (The connection to|Could not reach) the MCP server notes/.test(observations[4]),
      serverSaw: notes.calls(),
      inTimeline: cardText.includes('2 notes match "Ada":'),
      status: run.status,
      tokenInStorage: stored.includes(TOKEN),
      tokenInExport: exported.includes(TOKEN),
      tokenInPage: pageText.includes(TOKEN),
      violations,
    }).toEqual({
      tools: ['mcp__notes__search_notes', 'mcp__notes__delete_note', 'mcp__notes__slow_count', 'mcp__notes__sync_notes', 'mcp__notes__render_chart', 'mcp__notes__echo'],
      asked: [true, true, true],
      found: true,
      chart: true,
      image: { alt: 'Image 1 returned by mcp__notes__render_chart', width: 1 },
      denied: true,
      gone: true,
      serverSaw: ['search_notes({"query":"Ada"})', 'render_chart({})'],
      inTimeline: true,
      status: 'completed',
      tokenInStorage: false,
      tokenInExport: false,
      tokenInPage: false,
      violations: [],
    });
    await page.close();
  });

  it('execute({mcp_servers}) adds a server for one run; a bad entry is a TypeError naming it; a model that takes images gets the chart', async () => {
    const calc = await fixture({ token: 'calc-token-0123456789ab' });
    const model = await harness.model([
      { tool_calls: [{ name: 'mcp__calc__search_notes', arguments: { query: 'sum' } }] },
      { tool_calls: [{ name: 'mcp__calc__render_chart', arguments: {} }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'done' } }] },
    ]);
    const page = await harness.open(model);
    // Settings → Model takes images: Yes (the scripted model is not in the built-in list, so Auto says no)
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const images = page.getByRole('dialog', { name: 'Settings', exact: true }).getByRole('combobox', { name: 'Model takes images', exact: true });
    const autoLabel = await images.locator('option:checked').textContent();
    await images.selectOption('yes');
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    // the page's store may hold earlier tests' runs (and their charts)
    const chartsBefore = (await storedText(page)).split(RED_PIXEL_PNG).length - 1;
    const rejected = await page.evaluate(() =>
      window.autopilot.agents.execute({ instructions: 'x', mcp_servers: [{ name: 'a', url: 'https://a.example.com/mcp' }, { name: 'a b', url: 'https://b.example.com' }] }).then(
        () => 'resolved',
        (error: Error) => `${error.name}: ${error.message}`,
      ),
    );
    const run = await page.evaluate(
      (url) =>
        window.autopilot.agents.execute({
          instructions: 'Sum it up',
          tools: ['mcp'],
          human_intervention_threshold: 'never',
          mcp_servers: [{ name: 'calc', url, headers: { Authorization: 'Bearer calc-token-0123456789ab' } }],
        }),
      calc.url,
    );
    await expect.poll(() => page.evaluate((id) => window.autopilot.agents.retrieve(id).then((r) => r.status), run.id), { timeout: 20_000 }).toBe('completed');
    const stored = await storedText(page);
    expect({
      rejected,
      tools: (model.requests[0].body.tools as { function: { name: string } }[]).map((tool) => tool.function.name),
      serverSaw: calc.calls(),
      tokenStored: stored.includes('calc-token-0123456789ab'),
      autoLabel,
      // the request after the chart: its tool message, then the image as a user message's image_url part
      afterChart: model.requests[2].body.messages.slice(-2),
      // the image is stored once: on the result's event (the stored steps hold text only)
      imageStored: stored.split(RED_PIXEL_PNG).length - 1 - chartsBefore,
    }).toEqual({
      rejected: 'TypeError: execute(): `mcp_servers[1] ("a b")` has a bad name: A server name is letters, digits, "-" and single "_" (it becomes part of tool names, like mcp__notes__search).',
      tools: ['finish', 'mcp__calc__search_notes', 'mcp__calc__delete_note', 'mcp__calc__slow_count', 'mcp__calc__sync_notes', 'mcp__calc__render_chart', 'mcp__calc__echo'],
      serverSaw: ['search_notes({"query":"sum"})', 'render_chart({})'],
      tokenStored: false,
      autoLabel: 'Auto (built-in list: no for this model)',
      afterChart: [
        {
          role: 'tool',
          tool_call_id: expect.any(String),
          content: 'Chart of notes per day:\n[image: image/png, 70 bytes, shown to the person]\n[The image above is attached in the next message.]',
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'The 1 image returned by mcp__calc__render_chart:' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${RED_PIXEL_PNG}` } },
          ],
        },
      ],
      imageStored: 1,
    });
    await page.close();
  });

  it('a run resumed after a reload has lost its execute() token: the timeline says the server needs it again, and the run goes on', async () => {
    const TOKEN = 'reload-token-0123456789ab';
    const calc = await fixture({ token: TOKEN });
    const model = await harness.model([
      { tool_calls: [{ name: 'mcp__calc__search_notes', arguments: { query: 'sum' } }] },
      { kind: 'hang' }, // the page reloads while the model thinks
      { tool_calls: [{ name: 'finish', arguments: { summary: 'done without calc' } }] },
    ]);
    const page = await harness.open(model);
    const TASK = 'Sum the notes across a reload';
    const run = await page.evaluate(
      ({ url, task, token }) =>
        window.autopilot.agents.execute({
          instructions: task,
          tools: ['mcp'],
          human_intervention_threshold: 'never',
          mcp_servers: [{ name: 'calc', url, headers: { Authorization: `Bearer ${token}` } }],
        }),
      { url: calc.url, task: TASK, token: TOKEN },
    );
    await expect.poll(() => model.requests.filter((r) => r.path.endsWith('/chat/completions')).length, { timeout: 20_000 }).toBe(2);
    const seenBefore = calc.requests.length;
    await page.reload({ timeout: 15_000 });
    await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    const entry = page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: TASK });
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).toContain('interrupted');
    await entry.click();
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 20_000 }).toContain('completed');
    const notices: string[] = await page.evaluate(
      (id) =>
        new Promise((resolve) => {
          const seen: string[] = [];
          const stop = window.autopilot.agents.subscribe(id, (event) => {
            if (event.type === 'notice') seen.push(event.message);
          });
          setTimeout(() => (stop(), resolve(seen)), 300);
        }),
      run.id,
    );
    const timeline = await page.evaluate(() => document.body.innerText);
    await screenshot(page, 'mcp-token-gone');
    const last = model.requests.at(-1)!.body.messages.at(-1);
    expect({
      notice: notices.filter((n) => n.startsWith('MCP server calc')),
      inTimeline: timeline.includes('MCP server calc needs its token again'),
      // (Settings may hold the servers of the tests before, each with its own sentence)
      modelTold: [last.role, String(last.content).startsWith('About the MCP tools: '), String(last.content).replace('About the MCP tools: ', '').split(/(?<=\.) /).filter((line) => line.includes('calc'))],
      serverAfterReload: calc.requests.length - seenBefore,
      tokenStored: (await storedText(page)).includes(TOKEN),
    }).toEqual({
      notice: [
        'MCP server calc: 6 tools (search_notes, delete_note, slow_count, sync_notes, render_chart, echo).',
        'MCP server calc needs its token again: this page no longer has its Authorization header (headers given to execute() live only while their page is open; ' +
          'a Settings token only while it is remembered or typed in again, and its server keeps its origin). This run goes on without its tools. ' +
          'Give the token in Settings → MCP servers (a server with the same URL) for the next run.',
      ],
      inTimeline: true,
      modelTold: ['user', true, ['The MCP server calc needs a token this page no longer has, so its tools are not available in this run.']],
      serverAfterReload: 0,
      tokenStored: false,
    });
    await page.close();
  });
});
