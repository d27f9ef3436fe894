// execute({mcp_servers}): a bad entry is a TypeError naming it; servers are stored without their tokens, and the
// job gets its headers from the page's secrets (a Settings token only while its server keeps the same origin).
import { describe, expect, it } from 'vitest';
import { jobOf, secretsFor, specOf } from '../../../src/api/run-setup';
import { mcpServersOf } from '../../../src/bridge/mcp-run';
import type { RunDefaults } from '../../../src/api/types';
import { checkExecuteParams } from '../../../src/api/validate';
import { SecretRegistry, type ExecuteParams } from '../../../src/core';

const TOKEN = 'settings-token-0123456789';
const RUN_TOKEN = 'run-token-abcdefghijkl';

function defaults(url = 'https://notes.example.com/mcp'): RunDefaults {
  const secrets = new SecretRegistry();
  secrets.set('MCP token notes', TOKEN);
  return {
    baseURL: 'http://127.0.0.1:9/v1',
    model: 'm',
    max_steps: 3,
    human_intervention_threshold: 'high',
    mcp_servers: [{ name: 'notes', url, trusted: true, token_secret: 'MCP token notes' }],
    secrets,
    mcp_headers: new Map(),
  };
}

describe('execute({mcp_servers}) validation', () => {
  const check = (mcp_servers: unknown) => () => checkExecuteParams({ instructions: 'go', mcp_servers } as ExecuteParams);
  it('rejects a bad entry with a TypeError that names it', () => {
    expect(check([{ name: 'calc', url: 'https://calc.example.com/mcp', headers: { Authorization: 'Bearer x' } }])).not.toThrow();
    const cases: [unknown, string][] = [
      [{ name: 'calc' }, 'execute(): `mcp_servers` is a list of MCP servers: [{name, url, headers?}].'],
      [[42], 'execute(): `mcp_servers[0]` is not an object like {name, url, headers?}.'],
      [[{ url: 'https://a.example.com' }], 'execute(): `mcp_servers[0]` needs a `name` (a string).'],
      [[{ name: 'a', url: 'https://a.example.com' }, { name: 'b__x', url: 'https://b.example.com' }], 'execute(): `mcp_servers[1] ("b__x")` has a bad name: A server name is letters, digits, "-" and single "_" (it becomes part of tool names, like mcp__notes__search).'],
      [[{ name: 'a', url: 'ftp://a' }], 'execute(): `mcp_servers[0] ("a")` has a bad url: An MCP server URL starts with https:// (or http:// for a local server).'],
      [[{ name: 'a', url: 'https://a.example.com' }, { name: 'a', url: 'https://b.example.com' }], 'execute(): `mcp_servers[1] ("a")` repeats a name: each server needs its own.'],
      [[{ name: 'a', url: 'https://a.example.com', headers: { 'Bad Header': 'x' } }], 'execute(): `mcp_servers[0] ("a")` has a bad header "Bad Header": a header name with a one-line string value.'],
      [[{ name: 'a', url: 'https://a.example.com', headers: 'Bearer x' }], 'execute(): `mcp_servers[0] ("a")` has `headers` that are not an object of strings ({"Authorization": "Bearer …"}).'],
    ];
    const thrown = cases.map(([value]) => {
      try {
        check(value)();
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(thrown).toEqual(cases.map(([, message]) => `TypeError: ${message}`));
  });
});

describe('a run’s MCP servers', () => {
  it('are stored with secret names only, and the job gets the headers (the mcp group by default)', () => {
    const d = defaults();
    const config = specOf(
      { instructions: 'go', mcp_servers: [{ name: 'calc', url: 'https://calc.example.com/mcp', headers: { Authorization: `Bearer ${RUN_TOKEN}` } }] },
      d,
    );
    const stored = JSON.stringify(config);
    expect([stored.includes(TOKEN), stored.includes(RUN_TOKEN)]).toEqual([false, false]);
    expect(config.mcp_servers).toEqual([
      { name: 'notes', url: 'https://notes.example.com/mcp', trusted: true, header_secrets: { Authorization: { secret: 'MCP token notes', prefix: 'Bearer ' } } },
      { name: 'calc', url: 'https://calc.example.com/mcp', header_secrets: { Authorization: { secret: expect.stringMatching(/^MCP header calc Authorization [0-9a-f]{8}$/) } } },
    ]);
    expect(config.tools).toEqual(['terminal', 'files', 'human', 'mcp']);
    expect(mcpServersOf(jobOf('r', 'go', config, secretsFor(config, d)))).toEqual([
      { name: 'notes', url: 'https://notes.example.com/mcp', headers: { Authorization: `Bearer ${TOKEN}` }, trusted: true },
      { name: 'calc', url: 'https://calc.example.com/mcp', headers: { Authorization: `Bearer ${RUN_TOKEN}` } },
    ]);
    // the run's header is one of the page's secrets now: scrubbed from exports like the API key
    expect([d.secrets!.scrub(`x Bearer ${RUN_TOKEN}`), d.secrets!.scrub(`bare ${RUN_TOKEN}`)]).toEqual(['x [redacted]', 'bare [redacted]']);
  });

  it('an execute() server replaces the Settings one of the same name; a Settings token is not sent once its server moved', () => {
    const d = defaults();
    const replaced = specOf({ instructions: 'go', mcp_servers: [{ name: 'notes', url: 'https://elsewhere.example.org/mcp' }] }, d);
    expect(replaced.mcp_servers).toEqual([{ name: 'notes', url: 'https://elsewhere.example.org/mcp' }]);
    const config = specOf({ instructions: 'go' }, d);
    const moved = defaults('https://evil.example.net/mcp');
    moved.secrets = d.secrets;
    // the token is not sent, and the server is named as lacking it (the run does not connect to it)
    expect(mcpServersOf(jobOf('r', 'go', config, secretsFor(config, moved)))).toEqual([
      { name: 'notes', url: 'https://notes.example.com/mcp', trusted: true, missing_headers: ['Authorization'] },
    ]);
    // a run not given the mcp group gets no server and no token
    const without = specOf({ instructions: 'go', tools: ['terminal'] }, d);
    expect([mcpServersOf(jobOf('r', 'go', without, secretsFor(without, d))), secretsFor(without, d)]).toEqual([[], {}]);
  });

  it('after a reload, an execute() token is gone: the Settings token of the same URL stands in, else the server lacks it', () => {
    const before = defaults();
    const given = { instructions: 'go', mcp_servers: [{ name: 'calc', url: 'https://calc.example.com/mcp', headers: { Authorization: `Bearer ${RUN_TOKEN}`, 'X-Team': 'blue' } }] };
    const spec = specOf(given, before);
    // the reloaded page: a new registry; Settings name a server at the same URL (another name) with its own token
    const reloaded = (settings: RunDefaults['mcp_servers']): RunDefaults => {
      const secrets = new SecretRegistry();
      secrets.set('MCP token calc-settings', TOKEN);
      return { ...defaults(), mcp_servers: settings, secrets, mcp_headers: new Map() };
    };
    const sameUrl = reloaded([{ name: 'calc-settings', url: 'https://calc.example.com/mcp', token_secret: 'MCP token calc-settings' }]);
    const otherUrl = reloaded([{ name: 'calc-settings', url: 'https://calc.example.com/other', token_secret: 'MCP token calc-settings' }]);
    const servers = (d: RunDefaults) => mcpServersOf(jobOf('r', 'go', spec, secretsFor(spec, d))).filter((server) => server.name === 'calc');
    expect([servers(before), servers(sameUrl), servers(otherUrl)]).toEqual([
      [{ name: 'calc', url: 'https://calc.example.com/mcp', headers: { Authorization: `Bearer ${RUN_TOKEN}`, 'X-Team': 'blue' } }],
      // only an Authorization header can be stood in for (a Settings token is a bearer token)
      [{ name: 'calc', url: 'https://calc.example.com/mcp', headers: { Authorization: `Bearer ${TOKEN}` }, missing_headers: ['X-Team'] }],
      [{ name: 'calc', url: 'https://calc.example.com/mcp', missing_headers: ['Authorization', 'X-Team'] }],
    ]);
  });
});
