import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumArgs, chromiumPath } from './browser.ts';
import { frontmatter, useFixtureBuilds } from './fixture-build.ts';
import { serveStatic } from './static-server.ts';

/**
 * A site built with SECTION_PAGES=fixed (src/lib/site.ts), the configuration for a site too large
 * for a host's file limit with a share page per section: only a section whose id the author fixed
 * keeps its share page; the others are shared as their place in the article.
 */
const site = 'https://notes.example.org';
const build = useFixtureBuilds();
let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;
let dist: string;

beforeAll(async () => {
  const result = build('fixed-sections', {
    'articles/alpha.md': `${frontmatter('', 'Alpha 注意力')}\n## 低秩压缩 {#low-rank}\n\nAlpha 把键值缓存压成低秩向量。\n\n## 复杂度\n\n显存随序列长度线性增长。\n`,
  }, { SECTION_PAGES: 'fixed', SITE_URL: site });
  expect(result.ok, result.output).toBe(true);
  // The build's own checks passed over what it wrote.
  expect(result.output).toMatch(/\[link-check\]\S* \d+ links on \d+ pages all resolve/);
  expect(result.output).toMatch(/\[emitted-files\]\S* 1 section pages/);
  dist = result.dist;
  server = await serveStatic(dist);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('share pages for fixed sections only', () => {
  test('a fixed section keeps its share page; another has none', () => {
    expect(existsSync(path.join(dist, 'alpha/s/low-rank/index.html'))).toBe(true);
    expect(existsSync(path.join(dist, 'alpha/s/复杂度/index.html'))).toBe(false);
  });

  test('each section\'s copy button gives an address that opens the section', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto('/alpha/');
    const copied = async (section: string) => {
      await page.getByRole('button', { name: `复制本节链接：${section}` }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe(`已复制链接：Alpha 注意力 › ${section}`);
      return decodeURI((await page.evaluate(() => navigator.clipboard.readText())).split(' — ')[1]);
    };
    expect(await copied('低秩压缩')).toBe(`${site}/alpha/s/low-rank/`);
    expect(await copied('复杂度')).toBe(`${site}/alpha/#复杂度`);
    // That address, opened, leads to the section: its heading is the page's target.
    const address = new URL(encodeURI(`${site}/alpha/#复杂度`));
    await page.goto(address.pathname + address.hash);
    expect(await page.evaluate(() => document.querySelector(':target')?.textContent)).toBe('复杂度');
    await context.close();
  });
});
