/**
 * The MCP servers of Settings as reactive state: added and removed by name, trust and tool switches, and
 * each server's bearer token — in memory, or remembered for the origin it was entered for (mcp-store.ts).
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { serverNameProblem, serverUrlProblem } from '../mcp/naming';
import type { McpServerSpec } from '../mcp/types';
import { loadServers, loadTokens, mcpTokenSecret, saveServers, saveToken, specOf, tokenFor, type BoundToken, type McpServerSetting } from './mcp-store';
import { originOf, type SettingsStorage } from './store';

/** The page's MCP servers. */
export class McpServerSettings {
  readonly #storage: SettingsStorage;
  #servers: McpServerSetting[] = $state([]);
  readonly #tokens = new SvelteMap<string, BoundToken>();
  /** Servers whose token is remembered. */
  readonly #remember = new SvelteSet<string>();

  constructor(storage: SettingsStorage) {
    this.#storage = storage;
    this.#servers = loadServers(storage);
    for (const [name, bound] of loadTokens(storage)) {
      this.#tokens.set(name, bound);
      this.#remember.add(name);
    }
  }

  /** The servers, in the order they were added (plain data). */
  get servers(): McpServerSetting[] {
    return $state.snapshot(this.#servers) as McpServerSetting[];
  }

  /** Add a server; returns what is wrong instead when it cannot be added. */
  add(name: string, url: string): string | undefined {
    const problem = serverNameProblem(name) ?? serverUrlProblem(url);
    if (problem) return problem;
    if (this.#servers.some((s) => s.name === name)) return `There is already a server named ${name}.`;
    this.#servers.push({ name, url, trusted: false, disabled_tools: [], auth: { kind: 'none' } });
    this.#save();
    return undefined;
  }

  remove(name: string): void {
    this.#servers = this.#servers.filter((s) => s.name !== name);
    this.setToken(name, '');
    this.#remember.delete(name);
    this.#save();
  }

  setTrusted(name: string, trusted: boolean): void {
    this.#update(name, (server) => (server.trusted = trusted));
  }

  /** Switch one of the server's tools on or off. */
  setToolEnabled(name: string, tool: string, enabled: boolean): void {
    this.#update(name, (server) => {
      const off = server.disabled_tools.filter((t) => t !== tool);
      server.disabled_tools = enabled ? off : [...off, tool];
    });
  }

  /** The server's token now ('' when none, or when it was entered for another origin than its URL's). */
  token(name: string): string {
    const server = this.#servers.find((s) => s.name === name);
    return server ? tokenFor(server, this.#tokens.get(name)) : '';
  }

  /** Set (or with '' clear) the server's bearer token, bound to its URL's origin. */
  setToken(name: string, token: string): void {
    const server = this.#servers.find((s) => s.name === name);
    const origin = server && originOf(server.url);
    if (!server || !origin || !token) {
      this.#tokens.delete(name);
      if (server) this.#update(name, (s) => (s.auth = { kind: 'none' }));
    } else {
      this.#tokens.set(name, { origin, token });
      this.#update(name, (s) => (s.auth = { kind: 'bearer' }));
    }
    if (this.#remember.has(name)) saveToken(this.#storage, name, this.#tokens.get(name) ?? null);
  }

  /** Whether the server's token is kept across page loads (for this page's origin only: localStorage). */
  remembersToken(name: string): boolean {
    return this.#remember.has(name);
  }

  setRememberToken(name: string, on: boolean): void {
    if (on) this.#remember.add(name);
    else this.#remember.delete(name);
    saveToken(this.#storage, name, on ? (this.#tokens.get(name) ?? null) : null);
  }

  /** The servers as runs and tests use them, tokens included: in memory only, never stored with a run. */
  specs(): McpServerSpec[] {
    return this.#servers.map((server) => specOf($state.snapshot(server) as McpServerSetting, this.token(server.name)));
  }

  /**
   * The servers as a new run resolves them: tokens by their name in the page's secret registry (pageSecrets keeps
   * them there), never their values — a run's stored settings must hold no secret.
   */
  runServers(): { name: string; url: string; trusted?: boolean; disabled_tools?: string[]; token_secret?: string }[] {
    return this.#servers.map((server) => ({
      name: server.name,
      url: server.url,
      ...(server.trusted && { trusted: true }),
      ...(server.disabled_tools.length && { disabled_tools: [...server.disabled_tools] }),
      ...(this.token(server.name) && { token_secret: mcpTokenSecret(server.name) }),
    }));
  }

  #update(name: string, change: (server: McpServerSetting) => void): void {
    const server = this.#servers.find((s) => s.name === name);
    if (!server) return;
    change(server);
    this.#save();
  }

  #save(): void {
    saveServers(this.#storage, $state.snapshot(this.#servers) as McpServerSetting[]);
  }
}
