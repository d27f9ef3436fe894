/**
 * Bring your own project: import a zip through "Import project", run a task that edits one of its files and
 * runs a command over it, then Download zip → the archive holds the imported files plus the change.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipDirectory } from '../../src/sandbox/import/zip-read';
import { LOGO, PROJECT_TEXTS, smallProjectZip } from '../fixtures/import/small-project';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { plain, runStatus, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
let scratch: string;
beforeAll(async () => {
  harness = await startHarness();
  scratch = mkdtempSync(join(tmpdir(), 'autopilot-import-'));
});
afterAll(async () => {
  await harness?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const COMMAND = './src/count.sh && cat src/data.txt';

function script(): ScriptedTurn[] {
  return [
    { tool_calls: [{ name: 'edit_file', arguments: { path: 'src/data.txt', old_string: 'banana\n', new_string: 'banana\ncherry\n' } }] },
    { tool_calls: [{ name: 'run_command', arguments: { command: COMMAND } }] },
    { content: 'Added cherry.', tool_calls: [{ name: 'finish', arguments: { summary: 'Added cherry; 3 words now.' } }] },
  ];
}

describe('importing a project', () => {
  it('imports a zip, lets the agent work on it, and exports it with the change', async () => {
    const zipPath = join(scratch, 'word-counter-main.zip');
    writeFileSync(zipPath, smallProjectZip());
    const server = await harness.model(script());
    const page = await harness.open(server);

    await page.getByRole('button', { name: 'Import project', exact: true }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 5_000 }),
      page.getByRole('menuitem', { name: 'A .zip file…', exact: true }).click(),
    ]);
    await chooser.setFiles(zipPath);
    const summary = page.getByRole('region', { name: 'Import summary', exact: true });
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain(
      'Imported 5 files (431 B) from word-counter-main.zip — the contents of word-counter-main/; 1 skipped.',
    );
    await expect.poll(() => page.getByRole('region', { name: 'Files', exact: true }).textContent(), { timeout: 5_000 }).toContain('AGENTS.md');
    await page.screenshot({ path: join(scratch, 'imported.png') });

    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Add cherry to src/data.txt and count the words');
    await page.getByRole('textbox', { name: 'Task', exact: true }).press('Enter');
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');
    expect(plain(await terminalStream(page))).toContain('3\napple\nbanana\ncherry\n');

    // The project's AGENTS.md reached the model's system context, and the timeline said so.
    const system = (server.requests[0].body as { messages: { role: string; content: string }[] }).messages[0];
    expect(system.role).toBe('system');
    expect(system.content).toContain(PROJECT_TEXTS['AGENTS.md'].trim());
    await expect
      .poll(() => page.getByRole('region', { name: 'Timeline', exact: true }).textContent(), { timeout: 5_000 })
      .toContain('Project instructions: read AGENTS.md');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByRole('button', { name: 'Download zip', exact: true }).click(),
    ]);
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    const files = unzipSync(bytes);
    const texts = Object.fromEntries(
      Object.entries(files)
        .filter(([name]) => !name.endsWith('/') && name !== 'assets/logo.bin')
        .map(([name, data]) => [name, strFromU8(data)]),
    );
    expect(texts).toEqual({ ...PROJECT_TEXTS, 'src/data.txt': 'apple\nbanana\ncherry\n' });
    expect(files['assets/logo.bin']).toEqual(LOGO);
    const modes = Object.fromEntries(readZipDirectory(bytes).map((entry) => [entry.name, entry.mode]));
    expect([modes['src/count.sh'], modes['README.md']]).toEqual([0o755, 0o644]);
    await page.close();
  });

  it('imports a folder picked with webkitdirectory, and a zip dropped on the page', async () => {
    const folder = join(scratch, 'picked');
    for (const [path, text] of Object.entries({ ...PROJECT_TEXTS, 'node_modules/x/index.js': 'x' })) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
    const server = await harness.model([]);
    const page = await harness.open(server);
    // Without the File System Access API the menu falls back to <input webkitdirectory>.
    await page.evaluate(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);
    await page.getByRole('button', { name: 'Import project', exact: true }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 5_000 }),
      page.getByRole('menuitem', { name: 'A folder…', exact: true }).click(),
    ]);
    await chooser.setFiles(folder);
    const summary = page.getByRole('region', { name: 'Import summary', exact: true });
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain(
      'Imported 4 files (131 B) from picked — the contents of picked/; 1 skipped.',
    );
    await page.getByRole('button', { name: 'Dismiss import summary', exact: true }).click();

    const zip = [...smallProjectZip()];
    const transfer = await page.evaluateHandle((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.zip', { type: 'application/zip' }));
      return data;
    }, zip);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain(
      'Imported 5 files (431 B) from dropped.zip — the contents of word-counter-main/; 4 replaced, 1 skipped.',
    );
    await page.close();
  });
});
