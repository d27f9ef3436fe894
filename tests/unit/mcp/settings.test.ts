// MCP servers in Settings: what is remembered (never a token unless asked, and then bound to its origin).
import { describe, expect, it } from 'vitest';
import { loadServers, loadTokens, MCP_SERVERS_KEY, MCP_TOKENS_KEY, saveServers, saveToken, specOf, tokenFor, type McpServerSetting } from '../../../src/settings/mcp-store';
import { memoryStorage } from '../../../src/settings/settings.svelte';

const server = (extra: Partial<McpServerSetting> = {}): McpServerSetting => ({
  name: 'notes',
  url: 'https://mcp.example.com/mcp',
  trusted: false,
  disabled_tools: [],
  auth: { kind: 'bearer' },
  ...extra,
});

describe('MCP server settings', () => {
  it('remembers valid servers only, names unique, never a token', () => {
    const storage = memoryStorage();
    storage.setItem(
      MCP_SERVERS_KEY,
      JSON.stringify([
        server({ trusted: true, disabled_tools: ['delete_note'] }),
        { ...server(), url: 'https://other.example.com/mcp' },
        { name: 'bad__name', url: 'https://x.example.com' },
        { name: 'remote', url: 'http://insecure.example.com/mcp' },
        'junk',
      ]),
    );
    expect(loadServers(storage)).toEqual([server({ trusted: true, disabled_tools: ['delete_note'] })]);
    saveServers(storage, [server()]);
    expect(storage.getItem(MCP_SERVERS_KEY)).toBe(JSON.stringify([server()]));
    expect(storage.getItem(MCP_SERVERS_KEY)).not.toContain('token');
  });

  it('offers a token only for the origin it was entered for, and forgets it on request', () => {
    const storage = memoryStorage();
    saveToken(storage, 'notes', { origin: 'https://mcp.example.com', token: 'tok-1234567890' });
    const bound = loadTokens(storage).get('notes');
    expect([tokenFor(server(), bound), tokenFor(server({ url: 'https://evil.example.net/mcp' }), bound), tokenFor(server({ auth: { kind: 'none' } }), bound)]).toEqual([
      'tok-1234567890',
      '',
      '',
    ]);
    saveToken(storage, 'notes', null);
    expect(storage.getItem(MCP_TOKENS_KEY)).toBeNull();
  });

  it('gives runs the server with its bearer header, trust and switched-off tools', () => {
    expect(specOf(server({ trusted: true, disabled_tools: ['x'] }), 'tok-1234567890')).toEqual({
      name: 'notes',
      url: 'https://mcp.example.com/mcp',
      headers: { Authorization: 'Bearer tok-1234567890' },
      trusted: true,
      disabled_tools: ['x'],
    });
    expect(specOf(server(), '')).toEqual({ name: 'notes', url: 'https://mcp.example.com/mcp' });
  });
});
