// Every channel out besides the shell: pull requests, MCP tool calls and webhooks carrying a secret are high.
import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../../src/core/secrets';
import { rateOutbound, risk } from '../../../src/risk';

const KEY = 'sk-proj-' + 'a1B2c3D4e5F6g7H8i9J0kLmNoPqRsT';

describe('rateOutbound', () => {
  const secrets = new SecretRegistry();
  secrets.set('the GitHub token', 'tok_9f8e7d6c5b4a39281706');

  it('a registered secret anywhere in the payload is high, named, with where it is', () => {
    expect(rateOutbound({ channel: 'pull_request', name: 'create_pull_request', payload: { title: 'Fix', body: 'as asked: tok_9f8e7d6c5b4a39281706' } }, secrets)).toEqual({
      level: 'high',
      reasons: ['the pull request carries the GitHub token in body'],
    });
    expect(rateOutbound({ channel: 'mcp', name: 'mcp__notes__save', payload: { items: [{ text: 'x tok_9f8e7d6c5b4a39281706' }] } }, secrets)).toEqual({
      level: 'high',
      reasons: ['the MCP call mcp__notes__save carries the GitHub token in items[0].text'],
    });
  });

  it('key shapes, secret-named assignments and secret-named fields are high without a registry', () => {
    expect(rateOutbound({ channel: 'webhook', name: 'https://hooks.example.com/x', payload: { text: `key ${KEY}` } })).toEqual({
      level: 'high',
      reasons: ['the webhook to hooks.example.com carries OpenAI key in text'],
    });
    expect(rateOutbound({ channel: 'pull_request', name: 'create_pull_request', payload: { title: 't', body: 'DB_PASSWORD=hunter2secret' } })).toEqual({
      level: 'high',
      reasons: ['the pull request carries the value of DB_PASSWORD in body'],
    });
    expect(rateOutbound({ channel: 'mcp', name: 'mcp__crm__login', payload: { apiKey: 'live_51HxYzQ2' } })).toEqual({
      level: 'high',
      reasons: ['the MCP call mcp__crm__login carries a value named apiKey in apiKey'],
    });
  });

  it('a pull request that includes a secret file is high', () => {
    expect(rateOutbound({ channel: 'pull_request', name: 'create_pull_request', payload: { title: 't', body: 'b', files: ['src/a.ts', '.env'] } })).toEqual({
      level: 'high',
      reasons: ['the pull request includes .env, which holds secrets'],
    });
  });

  it('placeholders are not secrets; anything sent out is at least medium', () => {
    const verdict = rateOutbound({ channel: 'pull_request', name: 'create_pull_request', payload: { title: 'Docs', body: 'Set OPENAI_API_KEY=<your-key> and API_TOKEN=${API_TOKEN}' } });
    expect(verdict).toEqual({ level: 'medium', reasons: ['the pull request sends data out of the sandbox'] });
  });
});

describe('the rater', () => {
  it('rates create_pull_request and MCP tools with the secrets it is given', async () => {
    const secrets = new SecretRegistry();
    secrets.set('the API key', 'local-key-123456');
    expect(await risk({ name: 'create_pull_request', args: { title: 'x', body: 'local-key-123456' } }, { secrets })).toEqual({ level: 'high', reasons: ['the pull request carries the API key in body'] });
    expect(await risk({ name: 'create_pull_request', args: { title: 'Fix sum', body: 'It subtracted.' } })).toEqual({ level: 'high', reasons: ['publishes the changes on GitHub: pushes a new branch and opens a pull request'] });
    expect(await risk({ name: 'mcp__github__create_issue', args: { title: 'bug' } })).toEqual({ level: 'medium', reasons: ['the MCP call mcp__github__create_issue sends data out of the sandbox'] });
  });
});
