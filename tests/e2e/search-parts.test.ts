/**
 * A large site's index comes in parts, which the browser merges (src/integrations/search-index.ts).
 * The site's own 49 notes are one part; here the same build is indexed again in three, harsher than
 * any real split (16 notes a part scored by their own word statistics, where a real part holds 250 or
 * more), and searched as a reader would.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';
import { serveStatic } from './static-server.ts';
import { searchCases } from './search-queries.ts';
import { resultSlugs, runCases, score } from './search-quality.ts';
import { buildSearchIndex, partOf } from '../../src/integrations/search-index.ts';
import { readBuiltPages } from '../../src/integrations/built-pages.ts';

const root = path.resolve(import.meta.dirname, '../..');
const site = useBrowser();
const parts = 3;
let copy: string;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  copy = mkdtempSync(path.join(tmpdir(), 'notes-parts-'));
  cpSync(path.join(root, 'dist'), copy, { recursive: true, filter: (source) => source !== path.join(root, 'dist', 'pagefind') });
  await buildSearchIndex(copy, await readBuiltPages(copy), undefined, undefined, parts);
  server = await serveStatic(copy);
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

async function searchPage(): Promise<Page> {
  const context = await site.context({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/search/');
  return page;
}

/** The status line the search page shows once a query's results are in (it names how many notes were found). */
async function statusFor(page: Page, query: string): Promise<string> {
  await resultSlugs(page, query);
  return (await page.getByRole('main').getByRole('status').textContent())!;
}

describe('an index in parts', () => {
  test('is written as the first part with the runtime and the others beside it, listed for the browser', () => {
    expect(JSON.parse(readFileSync(path.join(copy, 'pagefind/parts.json'), 'utf8'))).toEqual(['pagefind/part-1/', 'pagefind/part-2/']);
    for (const part of ['part-1', 'part-2']) {
      const files = readdirSync(path.join(copy, 'pagefind', part)).sort();
      expect(files).toContain('pagefind-entry.json');
      // Only the first part carries Pagefind's runtime and WebAssembly.
      expect(files.filter((file) => /\.js$|^wasm\./.test(file))).toEqual([]);
    }
    expect(existsSync(path.join(copy, 'pagefind/pagefind.js'))).toBe(true);
  });

  test('finds the notes of every part, ranked about as well as one index', { timeout: 180_000 }, async () => {
    const page = await searchPage();
    // Every third query of the suite: each part's notes are among the answers.
    const cases = searchCases.filter((_, index) => index % 3 === 0);
    expect(new Set(cases.map((item) => partOf(item.expect[0], parts))).size).toBe(parts);
    const results = await runCases(page, cases);
    const scores = score(results);
    const missed = results.filter((result) => result.rank === 0).map((result) => `${result.query} → ${result.expect[0]}`);
    expect(scores.recallAt3, missed.join('\n')).toBeGreaterThanOrEqual(0.99);
    expect(scores.mrr, missed.join('\n')).toBeGreaterThanOrEqual(0.97);
    await page.context().close();
  });

  test('counts every note a query and a filter find, as one index does', async () => {
    const split = await searchPage();
    const whole = await site.open('/search/');
    for (const query of ['注意力', 'softmax', '损失函数']) expect(await statusFor(split, query), query).toBe(await statusFor(whole, query));
    // Landing on a shared address with a topic filter: the same notes, the same count.
    const landed = async (page: Page) => {
      await page.goto(`/search/?q=${encodeURIComponent('模型')}&topic=llm`);
      await page.waitForFunction(() => {
        const box = document.querySelector('main site-search');
        return !box?.hasAttribute('aria-busy') && box?.querySelector('[role="status"]')?.textContent?.includes('“模型”');
      });
      const slugs = await page.getByRole('main').locator('.search-result').evaluateAll((items) => items.map((item) => item.getAttribute('data-slug')));
      return { status: await page.getByRole('main').getByRole('status').textContent(), slugs: new Set(slugs) };
    };
    const [fromParts, fromOne] = [await landed(split), await landed(whole)];
    expect(fromParts.slugs.size).toBeGreaterThan(0);
    expect(fromParts).toEqual(fromOne);
    for (const page of [split, whole]) await page.context().close();
  });
});
