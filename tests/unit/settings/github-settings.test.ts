/**
 * GitHub settings: the token stays in memory unless remembered, belongs to the API origin it was entered for
 * (a changed API URL does not carry it along), and only valid values are remembered.
 */
import { describe, expect, it } from 'vitest';
import { GitHubSettings } from '../../../src/settings/github-settings.svelte';
import { memoryStorage } from '../../../src/settings/settings.svelte';
import { GITHUB_KEY, GITHUB_TOKENS_KEY } from '../../../src/settings/github-store';

const TOKEN = 'github_pat_settings_token_0123456789';

describe('GitHub settings', () => {
  it('keeps the token in memory unless remembered, bound to the API origin', () => {
    const storage = memoryStorage();
    const github = new GitHubSettings(storage);
    github.token = TOKEN;
    expect(github.access).toEqual({ token: TOKEN, apiURL: 'https://api.github.com', corsProxy: '' });
    expect(storage.getItem(GITHUB_TOKENS_KEY)).toBeNull();
    expect(new GitHubSettings(storage).token).toBe('');
    github.rememberToken = true;
    expect(JSON.parse(storage.getItem(GITHUB_TOKENS_KEY)!)).toEqual({ 'https://api.github.com': TOKEN });
    expect(new GitHubSettings(storage).token).toBe(TOKEN);
    github.apiURL = 'https://ghe.example.com/api/v3';
    expect(github.token).toBe('');
    expect(github.access.apiURL).toBe('https://ghe.example.com/api/v3');
    github.apiURL = 'https://api.github.com/';
    expect(github.token).toBe(TOKEN);
    github.rememberToken = false;
    expect(storage.getItem(GITHUB_TOKENS_KEY)).toBeNull();
  });

  it('remembers valid values only, and gives an author only when both name and email are set', () => {
    const storage = memoryStorage();
    const github = new GitHubSettings(storage);
    github.corsProxy = 'localhost:9999';
    expect(github.valid('corsProxy')).toBe(false);
    expect(github.access.corsProxy).toBe('');
    github.corsProxy = 'http://localhost:9999/';
    github.authorName = 'Ada';
    expect(github.access.author).toBeUndefined();
    github.authorEmail = 'not an email';
    expect(github.access.author).toBeUndefined();
    github.authorEmail = 'ada@example.com';
    expect(github.access).toEqual({ token: '', apiURL: 'https://api.github.com', corsProxy: 'http://localhost:9999', author: { name: 'Ada', email: 'ada@example.com' } });
    expect(JSON.parse(storage.getItem(GITHUB_KEY)!)).toEqual({ corsProxy: 'http://localhost:9999/', authorName: 'Ada', authorEmail: 'ada@example.com' });
    expect(new GitHubSettings(storage).access).toEqual(github.access);
  });
});
