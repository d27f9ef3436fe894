/** Checks on what callers of the in-page API pass in: a wrong argument is a clear TypeError, not a broken run. */
import { TOOL_GROUPS, TOOL_ALIASES, resolveToolGroups, type ExecuteParams, type HumanAnswer } from '../core';
import { parseRepoRef } from '../github/repo-ref';
import { serverNameProblem, serverUrlProblem } from '../mcp/naming';

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
  checkMcpServers(params.mcp_servers);
}

function checkRepo(params: ExecuteParams): void {
  if (params.repo !== undefined && (typeof params.repo !== 'string' || !parseRepoRef(params.repo))) {
    throw new TypeError('execute(): `repo` names a GitHub repository: "owner/name" or a github.com URL.');
  }
  if (params.ref !== undefined && (typeof params.ref !== 'string' || !params.ref.trim() || params.repo === undefined)) {
    throw new TypeError('execute(): `ref` is a branch name of `repo` (give `repo` too).');
  }
}

/** A header name as HTTP allows it (a token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `mcp_servers: [{name, url, headers?}]`: each entry checked; a bad one is named (its place and its name). */
function checkMcpServers(servers: ExecuteParams['mcp_servers']): void {
  if (servers === undefined) return;
  const shape = '[{name, url, headers?}]';
  if (!Array.isArray(servers)) throw new TypeError(`execute(): \`mcp_servers\` is a list of MCP servers: ${shape}.`);
  const names = new Set<string>();
  servers.forEach((server, i) => {
    const label = `mcp_servers[${i}]${server && typeof server === 'object' && typeof server.name === 'string' ? ` ("${server.name}")` : ''}`;
    const bad = (why: string) => new TypeError(`execute(): \`${label}\` ${why}`);
    if (!server || typeof server !== 'object' || Array.isArray(server)) throw bad(`is not an object like ${shape.slice(1, -1)}.`);
    if (typeof server.name !== 'string') throw bad('needs a `name` (a string).');
    const nameProblem = serverNameProblem(server.name);
    if (nameProblem) throw bad(`has a bad name: ${nameProblem}`);
    if (names.has(server.name)) throw bad('repeats a name: each server needs its own.');
    names.add(server.name);
    if (typeof server.url !== 'string') throw bad('needs a `url` (a string).');
    const urlProblem = serverUrlProblem(server.url);
    if (urlProblem) throw bad(`has a bad url: ${urlProblem}`);
    const headers = server.headers;
    if (headers === undefined) return;
    if (!headers || typeof headers !== 'object' || Array.isArray(headers)) throw bad('has `headers` that are not an object of strings ({"Authorization": "Bearer …"}).');
    for (const [key, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(key) || typeof value !== 'string' || /[\r\n]/.test(value)) throw bad(`has a bad header ${JSON.stringify(key)}: a header name with a one-line string value.`);
    }
  });
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
