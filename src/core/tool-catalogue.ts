/**
 * The tool catalogue: every tool the model can be given, described once — its name, group, JSON schema, the
 * argument that says what a call does, and whether its calls change files. The agent takes its tool list,
 * schemas and argument checks from it, the API its groups and aliases, the page its descriptions of calls.
 * The contract's own tools are in builtin-tools.ts; tools that arrive at run time (an MCP server's, with their
 * own schemas) join a catalogue with `withTools`.
 */

/** A JSON Schema (draft 2020-12 as the model APIs take it), kept as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/** The JSON Schema of a tool's arguments: always an object. */
export interface ArgumentsSchema extends JsonSchema {
  type: 'object';
  properties: Record<string, JsonSchema>;
  required?: string[];
}

/** Groups of tools the model may be given; `finish` is always there. `mcp`: the MCP servers' tools (mcp__<server>__<tool>). */
export const TOOL_GROUPS = ['terminal', 'files', 'human', 'github', 'mcp'] as const;
export type ToolGroup = (typeof TOOL_GROUPS)[number];
/**
 * The groups a run gets when `execute({tools})` names none; `github` joins them when the work dir was opened
 * from GitHub (the page decides as the run starts), `mcp` when the run has MCP servers.
 */
export const ALL_TOOL_GROUPS: readonly ToolGroup[] = ['terminal', 'files', 'human'];

/** The seed's tool names, accepted by `execute({tools})` as aliases of our groups. */
export const TOOL_ALIASES: Readonly<Record<string, readonly ToolGroup[]>> = {
  ubuntu_terminal: ['terminal', 'files'],
  python_interpreter: ['terminal'],
  github_integration: ['github'],
};

/** A `tools` list with aliases replaced by their groups (each group once, in first-seen order); undefined for an unknown name. */
export function resolveToolGroups(names: readonly string[]): ToolGroup[] | undefined {
  const groups: ToolGroup[] = [];
  for (const name of names) {
    const resolved = (TOOL_GROUPS as readonly string[]).includes(name) ? [name as ToolGroup] : TOOL_ALIASES[name];
    if (!resolved) return undefined;
    for (const group of resolved) if (!groups.includes(group)) groups.push(group);
  }
  return groups;
}

/**
 * How a tool's calls are rated before they run: a shell `command`, a long-running `process`, a `file_change`,
 * a `read`, `process_control` (a process the agent started), `person` (asks or ends: nothing to rate), or
 * `outbound` (leaves the page: a pull request, an MCP call).
 */
export type ToolRisk = 'command' | 'process' | 'file_change' | 'read' | 'process_control' | 'person' | 'outbound';

/** One tool, as the model sees it and as the rest of the app describes its calls. */
export interface ToolSpec {
  name: string;
  /** `always`: given whatever the groups (finish). */
  group: ToolGroup | 'always' | (string & {});
  /** What the model reads about the tool. */
  description: string;
  parameters: ArgumentsSchema;
  /** The argument that says what a call does, in a line (`command`, `path`, `question`); none: only the tool's name does. */
  main?: string;
  /** What the main argument means when a call leaves it out (`list_files` without a path lists `.`). */
  mainDefault?: string;
  risk: ToolRisk;
  /** Its calls write files in the work dir ("Ask before file changes" holds them for review). */
  changesFiles: boolean;
}

/** Names the model APIs accept for a tool. */
export const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** A set of tools, in a fixed order (schemas are sent byte-identical at every step, for prompt caching). */
export class ToolCatalogue {
  readonly #specs: readonly ToolSpec[];
  readonly #byName: ReadonlyMap<string, ToolSpec>;

  /** Throws on a name the model APIs refuse or a name given twice (a bug in whoever adds the tools). */
  constructor(specs: readonly ToolSpec[]) {
    const byName = new Map<string, ToolSpec>();
    for (const spec of specs) {
      if (!TOOL_NAME.test(spec.name)) throw new Error(`Tool name ${JSON.stringify(spec.name)} is not one the model APIs accept (${TOOL_NAME}).`);
      if (byName.has(spec.name)) throw new Error(`Tool ${spec.name} is in the catalogue twice.`);
      byName.set(spec.name, spec);
    }
    this.#specs = [...specs];
    this.#byName = byName;
  }

  /** Every tool, in order. */
  get specs(): readonly ToolSpec[] {
    return this.#specs;
  }

  get(name: string): ToolSpec | undefined {
    return this.#byName.get(name);
  }

  /** Every tool's name, in order. */
  get names(): string[] {
    return this.#specs.map((spec) => spec.name);
  }

  /** The tools of these groups (and the ones always given), in this catalogue's order. */
  inGroups(groups: readonly string[]): ToolCatalogue {
    return new ToolCatalogue(this.#specs.filter((spec) => spec.group === 'always' || groups.includes(spec.group)));
  }

  /** This catalogue with more tools after its own (e.g. an MCP server's, known only at run time). */
  withTools(extra: readonly ToolSpec[]): ToolCatalogue {
    return extra.length === 0 ? this : new ToolCatalogue([...this.#specs, ...extra]);
  }
}
