import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumArgs, chromiumPath } from './browser.ts';
import { frontmatter, useFixtureBuilds } from './fixture-build.ts';
import { serveStatic } from './static-server.ts';

/**
 * A site built with BASE_PATH=/sub/ and served only under /sub/, as a GitHub project page is: every
 * link, the search, link previews and the chat preview image must stay under it.
 */
const site = 'https://notes.example.org';
const build = useFixtureBuilds();
let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;
let dist: string;

beforeAll(async () => {
  const result = build('sub', {
    'articles/alpha.md': `${frontmatter('tags: [kv-cache]\n', 'Alpha 注意力')}\n## 低秩压缩\n\nAlpha 把键值缓存压成低秩向量，见 [[beta]]。\n`,
    'articles/beta.md': `${frontmatter('', 'Beta 路由')}\n## 专家路由\n\nBeta 讲专家混合的路由，回到 [Alpha 的压缩](/alpha/#低秩压缩)。\n`,
    'glossary.yaml': 'moe:\n  zh: [专家混合]\n  en: [mixture of experts, MoE]\n  definition: 用路由把每个 token 交给少数几个专家网络计算的结构。\n  note: beta#专家路由\n',
  }, { BASE_PATH: '/sub/', SITE_URL: site });
  expect(result.output, result.output).toMatch(/Complete!|pages? built/i);
  expect(result.ok, result.output).toBe(true);
  // The build checks links with the base in every one, indexes and writes the worker itself.
  expect(result.output).toMatch(/\[link-check\]\S* \d+ links on \d+ pages all resolve/);
  dist = result.dist;
  server = await serveStatic(dist, '/sub/');
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(pathname: string) {
  const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(new URL(response.url()).pathname);
  });
  await page.goto(pathname);
  return { page, failed };
}

describe('the site under a sub-path', () => {
  test('the home page links to articles under the base, and every page it loads exists', async () => {
    const { page, failed } = await open('/sub/');
    const link = page.getByRole('main').getByRole('link', { name: 'Alpha 注意力' }).first();
    expect(await link.getAttribute('href')).toBe('/sub/alpha/');
    await link.click();
    await page.waitForURL('**/sub/alpha/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Alpha 注意力');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/sub/favicon.svg');
    // Wikilinks and root-relative links written in a note both get the base.
    expect(await page.locator('.prose a', { hasText: 'Beta' }).first().getAttribute('href')).toBe('/sub/beta/');
    const { page: beta } = await open('/sub/beta/');
    expect(await beta.getByRole('link', { name: 'Alpha 的压缩' }).getAttribute('href')).toMatch(/^\/sub\/alpha\/#/);
    await page.waitForLoadState('networkidle');
    expect(failed).toEqual([]);
    await page.context().close();
    await beta.context().close();
  });

  test('chat previews point at the preview image and page under the base', async () => {
    const { page } = await open('/sub/alpha/');
    const image = (await page.locator('meta[property="og:image"]').getAttribute('content'))!;
    expect(image).toBe(`${site}/sub/previews/articles/alpha.png`);
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${site}/sub/alpha/`);
    const served = await page.request.get(new URL(image).pathname);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/png');
    await page.context().close();
  });

  test('search finds a note and its result leads to the page under the base', async () => {
    const { page } = await open('/sub/search/?q=' + encodeURIComponent('专家路由'));
    const link = page.getByRole('main').locator('.search-result a.result-link').first();
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    expect(await link.getAttribute('href')).toMatch(/^\/sub\/beta\//);
    await link.click();
    await page.waitForURL('**/sub/beta/**');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Beta 路由');
    await page.context().close();
  });

  test('pointing at a link to another note shows its preview, fetched under the base', async () => {
    const { page } = await open('/sub/alpha/');
    await page.locator('.prose a[href="/sub/beta/"]').first().hover();
    const preview = page.getByRole('tooltip');
    await expect.poll(() => preview.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await preview.locator('.note-preview-title').textContent()).toBe('Beta 路由');
    await page.context().close();
  });

  test('a marked glossary term leads to its entry and its note under the base', async () => {
    const { page, failed } = await open('/sub/beta/');
    const term = page.locator('.prose').getByRole('link', { name: '专家混合', exact: true });
    expect(await term.getAttribute('href')).toBe('/sub/terms/#moe');
    await term.hover();
    const popover = page.getByRole('tooltip');
    await expect.poll(() => popover.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await popover.getByRole('link').getAttribute('href')).toMatch(/^\/sub\/beta\/#/);
    await term.click();
    await page.waitForURL('**/sub/terms/#moe');
    expect(failed).toEqual([]);
    await page.context().close();
  });

  test('the feed, the sitemap and robots.txt name addresses under the base', () => {
    const feed = readFileSync(path.join(dist, 'rss.xml'), 'utf8');
    expect(feed).toContain(`<link>${site}/sub/alpha/</link>`);
    expect(feed).toMatch(new RegExp(`<channel><title>[^<]*</title><description>[^<]*</description><link>${site}/sub/</link>`));
    const sitemap = readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>${site}/sub/alpha/</loc>`);
    expect(sitemap).not.toContain('/s/');
    expect(readFileSync(path.join(dist, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${site}/sub/sitemap-index.xml`);
  });

  test('the service worker works under the base: a page read before opens offline', async () => {
    const { page } = await open('/sub/alpha/');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.url}/sub/`);
    await expect.poll(() => page.evaluate(async () => navigator.serviceWorker.controller !== null && (await caches.match(location.href)) !== undefined), { timeout: 15_000 }).toBe(true);
    await page.context().setOffline(true);
    await page.goto('/sub/alpha/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Alpha 注意力');
    await page.context().close();
  });
});
