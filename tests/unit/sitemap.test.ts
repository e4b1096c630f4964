import { describe, expect, test } from 'vitest';
import { sitemapFacts, sitemapOptions } from '../../src/site/sitemap.ts';

const options = sitemapOptions(() => ({ formerSlugs: new Set(['flash-attn']), updated: new Map([['mla', new Date('2026-11-25')]]) }));
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

test('the facts come from the content records: former slugs, and each note\'s revision date', () => {
  const data = { title: '甲', summary: '', topic: 'llm', tags: [], draft: false, created: new Date('2026-01-01'), formerSlugs: ['old-mla'] };
  const facts = sitemapFacts([{ id: 'mla', file: 'content/articles/mla.md', glyphs: '', links: [], sectionCards: [], digest: '', data: { ...data, updated: new Date('2026-11-25') } }]);
  expect([...facts.formerSlugs]).toEqual(['old-mla']);
  expect(facts.updated.get('mla')).toEqual(new Date('2026-11-25'));
});
