/** Checks on what callers of the in-page API pass in: a wrong argument is a clear TypeError, not a broken run. */
import { TOOL_GROUPS, TOOL_ALIASES, resolveToolGroups, type ExecuteParams, type HumanAnswer } from '../core';
import { parseRepoRef } from '../github/repo-ref';

const THRESHOLDS = ['never', 'high', 'medium', 'low'];
const LIMITS = ['max_steps', 'max_tokens', 'max_cost_usd', 'timeout_s'] as const;

/** Throws a TypeError that names the bad field. */
export function checkExecuteParams(params: ExecuteParams): void {
  if (!params || typeof params !== 'object') throw new TypeError('execute() takes an object: {instructions, …}.');
  if (typeof params.instructions !== 'string' || params.instructions.trim() === '') {
    throw new TypeError('execute(): `instructions` must be a non-empty string (the task).');
  }
  if (params.model !== undefined && typeof params.model !== 'string') {
    throw new TypeError('execute(): `model` must be a string.');
  }
  if (params.tools !== undefined) {
    if (!Array.isArray(params.tools) || !resolveToolGroups(params.tools)) {
      throw new TypeError(`execute(): \`tools\` is a list of ${[...TOOL_GROUPS, ...Object.keys(TOOL_ALIASES)].join(', ')}.`);
    }
  }
  for (const limit of LIMITS) {
    const value = params[limit];
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new TypeError(`execute(): \`${limit}\` must be a positive number.`);
    }
  }
  const threshold = params.human_intervention_threshold;
  if (threshold !== undefined && !THRESHOLDS.includes(threshold)) {
    throw new TypeError(`execute(): \`human_intervention_threshold\` is one of ${THRESHOLDS.join(', ')}.`);
  }
  checkFiles(params.files);
  checkRepo(params);
}

function checkRepo(params: ExecuteParams): void {
  if (params.repo !== undefined && (typeof params.repo !== 'string' || !parseRepoRef(params.repo))) {
    throw new TypeError('execute(): `repo` names a GitHub repository: "owner/name" or a github.com URL.');
  }
  if (params.ref !== undefined && (typeof params.ref !== 'string' || !params.ref.trim() || params.repo === undefined)) {
    throw new TypeError('execute(): `ref` is a branch name of `repo` (give `repo` too).');
  }
}

function checkFiles(files: ExecuteParams['files']): void {
  if (files === undefined) return;
  if (!files || typeof files !== 'object' || Array.isArray(files)) {
    throw new TypeError('execute(): `files` maps paths to text or bytes: {"src/a.txt": "…"}.');
  }
  for (const [path, content] of Object.entries(files)) {
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
      throw new TypeError(`execute(): file "${path}" must be a string or a Uint8Array.`);
    }
  }
}

/** Throws a TypeError unless the answer is one of the four shapes of HumanAnswer. */
export function checkAnswer(answer: HumanAnswer | { note: string }): void {
  const shapes = '{approve: true, command?, remember?}, {approve: false, note?}, {reply}, {raise: {…}} or {note}';
  if (!answer || typeof answer !== 'object') throw new TypeError(`respond() takes ${shapes}.`);
  if ('approve' in answer && typeof answer.approve === 'boolean') return;
  if ('reply' in answer && typeof answer.reply === 'string') return;
  if ('raise' in answer && answer.raise && typeof answer.raise === 'object') return;
  if ('note' in answer && typeof answer.note === 'string' && answer.note.trim()) return;
  throw new TypeError(`respond() takes ${shapes}.`);
}
