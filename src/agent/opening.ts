/** How a fresh run's conversation opens: the system prompt, the task, and the project's own instructions. */
import type { AgentEvent } from '../core/events';
import { WORKDIR, type AgentSandbox } from '../sandbox/sandbox';
import type { ChatMessage, Conversation } from './messages';
import { formatProjectInstructions, projectInstructionsNotice, readProjectInstructions } from './project-instructions';
import { systemPrompt } from './prompt';

/** The system prompt and the task. */
export function openingMessages(sandbox: AgentSandbox, options: { instructions: string; tools: string[]; commandTimeoutMs: number }): ChatMessage[] {
  const prompt = systemPrompt({
    capabilities: sandbox.capabilities,
    workdir: WORKDIR,
    tools: options.tools,
    commandTimeoutMs: options.commandTimeoutMs,
  });
  return [
    { role: 'system', content: prompt },
    { role: 'user', content: options.instructions },
  ];
}

/** AGENTS.md (or .autopilot.md) in the work dir joins the system prompt once, before the first request. */
export async function addProjectInstructions(conversation: Conversation, sandbox: AgentSandbox, emit: (event: AgentEvent) => void): Promise<void> {
  const found = await readProjectInstructions(sandbox);
  if (!found) return;
  const [system, ...rest] = conversation.messages;
  conversation.messages = [{ role: 'system', content: `${system.content}\n\n${formatProjectInstructions(found)}` }, ...rest];
  emit({ type: 'notice', message: projectInstructionsNotice(found) });
}
