/** Tools from outside the built-in set: an MCP server's (known at run time), the page's create_pull_request. */
import type { ToolArgs, ToolResult } from '../core/tool-call';
import type { ToolSpec } from '../core/tool-catalogue';

/** A tool the loop does not run itself: its catalogue entry, and how a call runs (after the loop's own gate). */
export interface ExternalTool {
  spec: ToolSpec;
  /** Runs one checked call. A failure the model should read is a result with `ok: false`, not a throw. */
  run(args: ToolArgs, context: { signal: AbortSignal; onOutput(data: string): void }): Promise<ToolResult>;
}
