/**
 * A run's MCP tools as the loop takes tools from elsewhere (ExternalTool): each a catalogue entry in group `mcp`
 * with the server's own schema, rated `outbound`, run through the toolbox after the loop's own gate.
 */
import type { ExternalTool } from '../agent/external-tool';
import type { ArgumentsSchema } from '../core/tool-catalogue';
import type { McpToolbox } from './toolbox';

/** The toolbox's tools, in its order (the schemas the model sees stay byte-identical across steps). */
export function mcpExternalTools(toolbox: McpToolbox): ExternalTool[] {
  return toolbox.schemas.map(({ function: fn }) => ({
    spec: {
      name: fn.name,
      group: 'mcp',
      description: fn.description,
      parameters: fn.parameters as ArgumentsSchema,
      risk: 'outbound',
      changesFiles: false,
    },
    async run(args, { signal }) {
      const { ok, observation, duration_ms, timed_out, images } = await toolbox.call(fn.name, args, signal);
      return { ok, observation, duration_ms, ...(timed_out && { timed_out }), ...(images.length && { images }) };
    },
  }));
}
