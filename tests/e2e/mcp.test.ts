/**
 * MCP in the page: a real MCP server (the SDK's own, on 127.0.0.1) is added in Settings → MCP servers, tested
 * (its tools listed, or exactly what is wrong: CORS, the hidden session header, a refused token), and its token
 * is kept out of storage unless remembered. All of it under the page's CSP (the SDK's CSP-safe validator).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpFixture, type McpFixture } from '../fixtures/mcp-server';
import { screenshot, startHarness, type AppHarness } from './harness/app';

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
  const section = group.getByRole('region', { name, exact: true });
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
    await screenshot(page, 'mcp-settings');

    const stored = () => page.evaluate(() => JSON.stringify({ ...localStorage }));
    const before = await stored();
    await group.getByRole('checkbox', { name: 'Remember token for notes', exact: true }).check();
    const remembered = await stored();
    expect([before.includes('mcp-e2e-token-0123456789'), remembered.includes('mcp-e2e-token-0123456789')]).toEqual([false, true]);
    expect(JSON.parse(await page.evaluate(() => localStorage.getItem('autopilot.mcpServers') ?? '[]'))).toEqual([
      { name: 'notes', url: notes.url, trusted: false, disabled_tools: ['delete_note'], auth: { kind: 'bearer' } },
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
