import { describe, expect, it } from 'vitest';
import {
  formatProjectInstructions,
  projectInstructionsNotice,
  readProjectInstructions,
} from '../../../src/agent/project-instructions';
import { importProject } from '../../../src/sandbox/import';
import { liteSandbox, makeZip } from './helpers';

describe('readProjectInstructions', () => {
  it('returns the AGENTS.md of an imported project', async () => {
    const sandbox = liteSandbox();
    const zip = makeZip({ 'proj/AGENTS.md': '# Rules\r\nRun `sh test.sh` before finishing.\r\n', 'proj/test.sh': 'echo ok' });
    await importProject(sandbox, { kind: 'zip', name: 'proj.zip', data: zip });
    const found = await readProjectInstructions(sandbox);
    expect(found).toEqual({
      path: 'AGENTS.md',
      text: '# Rules\nRun `sh test.sh` before finishing.',
      truncated: false,
      totalChars: 42,
    });
    expect(formatProjectInstructions(found!)).toBe(
      '# Project instructions (from AGENTS.md)\n\n' +
        "The work dir holds AGENTS.md, written by the project's maintainers. Follow it where it applies; " +
        'the task given to you takes precedence where they disagree.\n\n' +
        '<project-instructions path="AGENTS.md">\n# Rules\nRun `sh test.sh` before finishing.\n</project-instructions>',
    );
    expect(projectInstructionsNotice(found!)).toBe(
      "Project instructions: read AGENTS.md (42 characters) into the agent's context.",
    );
  });

  it('prefers AGENTS.md, falls back to .autopilot.md, skips empty files, and returns null when there is none', async () => {
    const sandbox = liteSandbox();
    expect(await readProjectInstructions(sandbox)).toBeNull();
    await sandbox.writeFile('AGENTS.md', '  \n');
    await sandbox.writeFile('.autopilot.md', 'Use tabs.');
    expect(await readProjectInstructions(sandbox)).toEqual({
      path: '.autopilot.md',
      text: 'Use tabs.',
      truncated: false,
      totalChars: 9,
    });
    await sandbox.writeFile('AGENTS.md', 'Use spaces.');
    expect((await readProjectInstructions(sandbox))?.path).toBe('AGENTS.md');
  });

  it('cuts a long file at the cap and says so', async () => {
    const sandbox = liteSandbox();
    await sandbox.writeFile('AGENTS.md', 'x'.repeat(50));
    const found = await readProjectInstructions(sandbox, { maxChars: 20 });
    expect(found).toEqual({ path: 'AGENTS.md', text: 'x'.repeat(20), truncated: true, totalChars: 50 });
    expect(formatProjectInstructions(found!)).toContain(
      '[… AGENTS.md is 50 characters; only the first 20 are shown here. Read the file for the rest.]',
    );
    expect(projectInstructionsNotice(found!)).toBe(
      "Project instructions: read AGENTS.md into the agent's context (first 20 of 50 characters).",
    );
  });
});
