import { describe, expect, test } from 'vitest';
import { siteUrl } from '../../src/lib/site.ts';

describe('the address the site is served from', () => {
  test.each([
    [{}, 'http://localhost:4321'],
    [{ SITE_URL: 'https://notes.example.org/' }, 'https://notes.example.org'],
    [{ NETLIFY: 'true', URL: 'https://ml-notes.netlify.app' }, 'https://ml-notes.netlify.app'],
    [{ NETLIFY: 'true', URL: 'https://ml-notes.netlify.app', SITE_URL: 'https://notes.example.org' }, 'https://notes.example.org'],
    [{ CF_PAGES: '1', CF_PAGES_URL: 'https://abc.ml-notes.pages.dev' }, 'https://abc.ml-notes.pages.dev'],
    // URL alone is too common a name to trust outside Netlify.
    [{ URL: 'https://elsewhere.example' }, 'http://localhost:4321'],
  ])('%o → %s', (env, url) => {
    expect(siteUrl(env)).toBe(url);
  });
});
