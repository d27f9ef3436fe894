/** What running a tool gives the loop: the result the model sees, and whether it is a failure to fix. */
import type { ToolResult } from '../core/tool-call';

/** A tool's result, and `failed`: a failure that needs fixing (the reflection gate asked the model to analyse it). */
export interface ToolOutcome extends ToolResult {
  failed: boolean;
}
