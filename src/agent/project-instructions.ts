/**
 * Project instructions: an AGENTS.md (or .autopilot.md) at the top of the work dir goes into the
 * agent's system context, so a project can tell the agent how it is built and tested.
 */
import type { AgentSandbox } from '../sandbox/sandbox';

/** Files read, in order of preference; the first that exists wins. */
export const PROJECT_INSTRUCTION_FILES: readonly string[] = ['AGENTS.md', '.autopilot.md'];

/** How much of the file goes into the system context, in characters. */
export const MAX_INSTRUCTION_CHARS = 12_000;

/** Instructions found in the work dir. `text` is cut at the cap when `truncated`. */
export interface ProjectInstructions {
  path: string;
  text: string;
  truncated: boolean;
  /** The file's full length in characters. */
  totalChars: number;
}

/** The project's instructions, or null when the work dir has none (or only an empty file). */
export async function readProjectInstructions(
  sandbox: Pick<AgentSandbox, 'exists' | 'readTextFile'>,
  options: { maxChars?: number } = {},
): Promise<ProjectInstructions | null> {
  const maxChars = options.maxChars ?? MAX_INSTRUCTION_CHARS;
  for (const path of PROJECT_INSTRUCTION_FILES) {
    if (!(await sandbox.exists(path))) continue;
    const full = (await sandbox.readTextFile(path)).replace(/\r\n/g, '\n').trim();
    if (full === '') continue;
    const truncated = full.length > maxChars;
    return { path, text: truncated ? full.slice(0, maxChars) : full, truncated, totalChars: full.length };
  }
  return null;
}

/** The system-prompt section that carries the instructions. */
export function formatProjectInstructions(found: ProjectInstructions): string {
  const cut = found.truncated
    ? `\n\n[… ${found.path} is ${found.totalChars} characters; only the first ${found.text.length} are shown here. ` +
      `Read the file for the rest.]`
    : '';
  return (
    `# Project instructions (from ${found.path})\n\n` +
    `The work dir holds ${found.path}, written by the project's maintainers. Follow it where it applies; ` +
    `the task given to you takes precedence where they disagree.\n\n` +
    `<project-instructions path="${found.path}">\n${found.text}${cut}\n</project-instructions>`
  );
}

/** The timeline notice that says the instructions were read. */
export function projectInstructionsNotice(found: ProjectInstructions): string {
  return found.truncated
    ? `Project instructions: read ${found.path} into the agent's context (first ${found.text.length} of ` +
        `${found.totalChars} characters).`
    : `Project instructions: read ${found.path} (${found.totalChars} characters) into the agent's context.`;
}
