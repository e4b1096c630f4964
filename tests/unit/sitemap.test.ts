import { describe, expect, test } from 'vitest';
import { sitemapOptions } from '../../src/lib/sitemap.ts';

const options = sitemapOptions({ formerSlugs: new Set(['flash-attn']), updated: new Map([['mla', new Date('2026-11-25')]]) });
const site = 'https://notes.example.org';

describe('the sitemap', () => {
  test.each([
    ['/', true],
    ['/mla/', true],
    ['/topics/llm/', true],
    ['/tags/kv-cache/', true],
    ['/mla/s/low-rank/', false],
    ['/mla/s/%E4%BD%8E%E7%A7%A9/', false],
    ['/flash-attn/', false],
    ['/flash-attn/s/tiling/', false],
    ['/404/', false],
  ])('%s is listed: %s', (page, listed) => {
    expect(options!.filter!(site + page)).toBe(listed);
  });

  test('an article carries its last revision; other pages do not', async () => {
    expect(await options!.serialize!({ url: `${site}/mla/` })).toEqual({ url: `${site}/mla/`, lastmod: '2026-11-25T00:00:00.000Z' });
    expect(await options!.serialize!({ url: `${site}/topics/llm/` })).toEqual({ url: `${site}/topics/llm/` });
  });
});
