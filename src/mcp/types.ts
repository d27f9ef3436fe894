/**
 * MCP as Autopilot sees it, in plain data (postable to the agent worker, storable): the servers a run may use,
 * the tools they offer, and what a call gave back. No SDK types here: only src/mcp/sdk.ts touches the SDK.
 */

/** How a server is reached. `headers` carry the token (Authorization) and never leave memory. */
export interface McpServerSpec {
  /** Unique per run; part of each tool's name (`mcp__<name>__<tool>`). */
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** The person trusts this server's annotations: a tool it marks read-only is rated low. */
  trusted?: boolean;
  /** Tools (the server's own names) the person switched off. */
  disabled_tools?: string[];
  /**
   * Headers the server was given that this start of the run cannot supply (a token gone with a reload): the
   * server is not connected, and the person and the model are told why.
   */
  missing_headers?: string[];
}

/**
 * What a server says about a tool. All of it is a claim, not a fact (the MCP spec: "hints"); the spec's defaults
 * are readOnlyHint false, destructiveHint true, idempotentHint false, openWorldHint true.
 */
export interface McpAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A tool as its server lists it. */
export interface McpToolInfo {
  name: string;
  title?: string;
  description?: string;
  /** JSON Schema of the arguments (type object). */
  inputSchema: Record<string, unknown>;
  annotations?: McpAnnotations;
}

/** A server's tool as the model sees it: its qualified name, and where it comes from. */
export interface McpTool extends McpToolInfo {
  /** `mcp__<server>__<tool>`, as the model calls it. */
  qualified: string;
  server: string;
  trusted: boolean;
}

/** An image a tool returned: shown to the person, passed to models that take images. */
export interface McpImage {
  mime_type: string;
  /** Base64. */
  data: string;
}

/** What one call gave: the observation for the model (cut like command output), images, and whether it went well. */
export interface McpCallOutcome {
  ok: boolean;
  observation: string;
  images: McpImage[];
  duration_ms: number;
  timed_out?: boolean;
}
