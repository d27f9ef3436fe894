/** "Test MCP server <name>" in Settings: connect, list the tools, and say exactly what is wrong otherwise. */
import { McpConnection, type ConnectionOptions } from './connection';
import { describeFailure, McpConnectionError } from './errors';
import type { McpServerSpec, McpToolInfo } from './types';

/** What a test found. */
export type ProbeResult =
  | { ok: true; transport: string; serverInfo: string; tools: McpToolInfo[] }
  | { ok: false; message: string };

/** Connect to the server, list its tools, and close. Never throws. */
export async function probeServer(spec: McpServerSpec, signal: AbortSignal, options: ConnectionOptions = {}): Promise<ProbeResult> {
  const connection = new McpConnection(spec, options);
  try {
    const tools = await connection.tools(signal);
    const { transport, serverInfo } = await connection.describe(signal);
    return { ok: true, transport, serverInfo, tools };
  } catch (error) {
    if (error instanceof McpConnectionError) return { ok: false, message: describeFailure(spec.name, spec.url, error.failure) };
    return { ok: false, message: `Testing the MCP server ${spec.name} failed: ${(error as Error).message}` };
  } finally {
    await connection.close();
  }
}
