import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { useBrowser } from './browser.ts';
import { root } from './fixture-build.ts';
import { serveStatic } from './static-server.ts';

const site = useBrowser();

/** A page as a slow connection delivers it: up to its first section heading in pieces of 300 bytes, the rest at once. */
function firstScreenInPieces(html: string): string[] {
  const start = html.indexOf('<body');
  const end = html.indexOf('<h2', start);
  const pieces = [html.slice(0, start)];
  for (let at = start; at < end; at += 300) pieces.push(html.slice(at, Math.min(at + 300, end)));
  return [...pieces, html.slice(end)];
}

describe('an article page', () => {
  test('shows title, summary, metadata, math rendered by KaTeX with its own fonts, and highlighted code', async () => {
    const page = await site.open('/flash-attention/');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('FlashAttention');
    expect(await page.locator('.article-summary').textContent()).toMatch(/\p{Script=Han}{10,}/u);
    expect(await page.locator('.article-meta').innerText()).toMatch(/论文[\s\S]*arxiv|论文[\s\S]*FlashAttention/i);

    expect(await page.locator('.prose .katex').count()).toBeGreaterThan(10);
    expect(await page.locator('.prose .katex-display').count()).toBeGreaterThan(3);
    expect(await page.locator('.katex-error').count()).toBe(0);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);

    const code = page.locator('figure.code-block').first();
    await expect.poll(() => code.locator('.code-language').textContent()).toBe('Python');
    const colours = await code.locator('pre span[style]').evaluateAll((spans) => new Set(spans.map((span) => getComputedStyle(span).color)).size);
    expect(colours).toBeGreaterThan(2);

    // Everything the page needs is served by the site itself: no CDN for KaTeX, fonts or scripts.
    const origin = new URL(inject('baseUrl')).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    // KaTeX's fonts come as WOFF2 only.
    const fonts = requests.filter((url) => /KaTeX_/.test(url));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((url) => !url.endsWith('.woff2'))).toEqual([]);
    await page.context().close();
  });

  test('a code block the tests execute carries the "verified" mark; others do not', async () => {
    const page = await site.open('/mixed-precision/');
    const verified = page.locator('figure.code-block', { has: page.locator('.code-title', { hasText: 'fp16_pitfalls.py' }) });
    expect(await verified.locator('.code-verified').innerText()).toBe('✓ 已验证');
    expect(await verified.locator('.code-verified').getAttribute('title')).toContain('测试会运行这段代码');
    // The torch training loop on the same page is shown, not run.
    expect(await page.locator('figure.code-block').count()).toBe(2);
    expect(await page.locator('figure.code-block .code-verified').count()).toBe(1);
    await page.context().close();
  });

  test('the copy button copies the code of its block', async () => {
    const page = await site.open('/flash-attention/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const figure = page.locator('figure.code-block').first();
    const button = figure.getByRole('button', { name: /复制代码/ });
    await button.click();
    await expect.poll(() => button.textContent()).toBe('已复制');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.trim()).toBe((await figure.locator('pre').innerText()).trim());
    await page.context().close();
  });

  test('the table of contents jumps to a section, and every section has a link to itself', async () => {
    const page = await site.open('/deepseek-v3/', { viewport: { width: 1400, height: 900 } });
    const toc = page.getByRole('navigation', { name: '目录' });
    const entries = toc.getByRole('link');
    expect(await entries.count()).toBeGreaterThan(4);
    const second = entries.nth(1);
    const href = (await second.getAttribute('href'))!;
    await second.click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toBe(decodeURIComponent(href));
    const target = page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`);
    expect(await target.isVisible()).toBe(true);
    // Scrolling is smooth for readers who allow motion: wait for it to settle at the heading.
    await expect.poll(async () => (await target.boundingBox())!.y).toBeLessThan(300);
    expect((await target.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    const anchor = page.getByRole('link', { name: `本节链接：${await target.textContent()}` });
    expect(await anchor.getAttribute('href')).toBe(href);
    await page.context().close();
  });

  test('a heading with a formula keeps it in the table of contents, read as text', async () => {
    const page = await site.open('/flash-attention/', { viewport: { width: 1400, height: 900 } });
    const entry = page.getByRole('navigation', { name: '目录' }).getByRole('link', { name: /^反向：用/ });
    expect(await entry.textContent()).toBe('反向：用 O 和 lse 重算，不存 P');
    await page.context().close();
  });

  test('on a slow phone the text comes first, and nothing moves when fonts and scripts arrive after it', async () => {
    // A slow mobile connection: the page's first screen (site header, title, share buttons, metadata)
    // arrives a few hundred bytes at a time, so the browser has every chance to paint it half read;
    // KaTeX's fonts and the scripts that reveal the font size control, copy buttons and theme switch
    // arrive well after the HTML. Delayed by the server and Playwright's routing rather than DevTools'
    // network throttling, whose timing differs between Chromium versions.
    const server = await serveStatic(path.join(root, 'dist'), '/', { htmlPieces: firstScreenInPieces, pieceGap: 40 });
    const context = await site.context({ baseURL: server.url, viewport: { width: 412, height: 823 } });
    try {
      await context.route(/\/_astro\/.*\.(woff2|js)$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const shifts: number[] = ((window as unknown as { shifts: number[] }).shifts = []);
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
            if (!entry.hadRecentInput) shifts.push(entry.value);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto('/flash-attention/');
      await page.waitForLoadState('networkidle');
      // The scripts did run: the controls are there to use.
      expect(await page.getByRole('group', { name: '字号' }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '深色模式' }).isVisible()).toBe(true);
      const [firstPaint, fontsArrived] = await page.evaluate(() => [
        performance.getEntriesByName('first-contentful-paint')[0].startTime,
        Math.min(...performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/KaTeX_')).map((entry) => (entry as PerformanceResourceTiming).responseEnd)),
      ]);
      // The text is painted, not held back for the formulas' fonts (as preloaded fonts would hold it).
      expect(fontsArrived - firstPaint).toBeGreaterThan(150);
      const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
      expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.001);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('the summary keeps its distance from the share buttons, on a phone and on a wide screen', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      const page = await site.open('/mla/', { viewport });
      const buttons = await page.getByRole('button', { name: '分享' }).first().boundingBox();
      const summary = await page.locator('.article-summary').boundingBox();
      // A long title pushes the buttons onto a line of their own, right above the summary.
      expect(summary!.y - (buttons!.y + buttons!.height), `${viewport.width}px`).toBeGreaterThanOrEqual(8);
      await page.context().close();
    }
  });

  test('on a phone no line starts with the punctuation after a short formula, and no formula leaves the column', async () => {
    // Widths from a small phone to a large one: at some of them, before the fix, a 。 or ） after
    // $D = n_h d_h$ or $D$ opened a line (87 times over these three notes).
    for (const slug of ['mla', 'dpo', 'flash-attention']) {
      const page = await site.open(`/${slug}/`, { viewport: { width: 320, height: 800 } });
      for (let width = 320; width <= 440; width += 8) {
        await page.setViewportSize({ width, height: 800 });
        const found = await page.locator('.prose').evaluate((prose) => {
          const orphans: string[] = [];
          let checked = 0;
          for (const formula of prose.querySelectorAll<HTMLElement>('.katex')) {
            if (formula.closest('.katex-display')) continue;
            const next = formula.nextSibling;
            const tex = formula.querySelector('annotation')?.textContent ?? '';
            // Long formulas with places to break keep them (rehype-math-punctuation.ts).
            if (next?.nodeType !== Node.TEXT_NODE || !/^[，。、；：！？）]/u.test(next.textContent!) || (tex.length > 30 && formula.querySelectorAll('.katex-base').length > 1)) continue;
            checked++;
            const mark = document.createRange();
            mark.setStart(next, 0);
            mark.setEnd(next, 1);
            if (mark.getBoundingClientRect().top > [...formula.getClientRects()].at(-1)!.bottom - 2) orphans.push(`${tex} ${next.textContent!.slice(0, 4)}`);
          }
          const column = prose.getBoundingClientRect().right;
          const overflowing = [...prose.querySelectorAll<HTMLElement>('.math-glue')].filter((glued) => glued.getBoundingClientRect().right > column + 1).map((glued) => glued.textContent!.slice(0, 20));
          return { checked, orphans, overflowing };
        });
        expect(found.checked, `${slug} at ${width}px`).toBeGreaterThan(5);
        expect(found.orphans, `${slug} at ${width}px: punctuation alone at the start of a line`).toEqual([]);
        expect(found.overflowing, `${slug} at ${width}px: glued formulas wider than the column`).toEqual([]);
      }
      await page.context().close();
    }
  });

  test('on the narrowest phone no article scrolls sideways: wide formulas, tables and code scroll in their own box', async () => {
    // An inline formula cannot wrap inside a root or a \left…\right pair: one wider than the column
    // pushed edm, gbdt and qwen-vl 16–25 px past a 320 px screen until they were made display formulas.
    const slugs = readdirSync(path.join(root, 'content/articles')).map((file) => file.replace(/\.mdx?$/, ''));
    const page = await site.open('/', { viewport: { width: 320, height: 640 } });
    const wide: string[] = [];
    for (const slug of slugs) {
      await page.goto(`/${slug}/`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      if (overflow > 0) wide.push(`${slug} (${overflow} px)`);
    }
    expect(slugs.length).toBeGreaterThan(40);
    expect(wide).toEqual([]);
    await page.context().close();
  });

  test('related notes link to other articles', async () => {
    const page = await site.open('/clip/');
    const related = page.getByRole('complementary', { name: '相关笔记' });
    expect(await related.getByRole('link').count()).toBeGreaterThan(0);
    await related.getByRole('link').first().click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).not.toBe('/clip/');
    await page.context().close();
  });
});

describe('a link pasted into a chat', () => {
  /** The meta tags as an unfurler reads them: from the raw HTML, without running scripts. */
  async function metaOf(pathname: string): Promise<Map<string, string[]>> {
    const html = await (await fetch(new URL(pathname, inject('baseUrl')))).text();
    const tags = new Map<string, string[]>();
    for (const match of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"/g)) {
      tags.set(match[1], [...(tags.get(match[1]) ?? []), match[2]]);
    }
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
    if (canonical) tags.set('canonical', [canonical]);
    return tags;
  }

  test('previews an article with its title, summary, absolute address and article facts', async () => {
    const meta = await metaOf('/dpo/');
    expect(meta.get('og:title')?.[0]).toMatch(/DPO/);
    expect(meta.get('og:description')?.[0]).toBe(meta.get('description')?.[0]);
    expect(meta.get('og:description')?.[0]).toMatch(/\p{Script=Han}{8,}/u);
    expect(meta.get('og:url')?.[0]).toMatch(/^https?:\/\/[^/]+\/dpo\/$/);
    expect(meta.get('canonical')).toEqual(meta.get('og:url'));
    expect(meta.get('og:type')).toEqual(['article']);
    expect(meta.get('og:locale')).toEqual(['zh_CN']);
    expect(meta.get('og:site_name')).toEqual(['模型笔记']);
    expect(meta.get('article:published_time')?.[0]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(meta.get('article:tag')?.length).toBeGreaterThan(0);
    expect(meta.get('twitter:title')).toEqual(meta.get('og:title'));
  });

  test('previews a topic page as a website with its own description', async () => {
    const meta = await metaOf('/topics/llm/');
    expect(meta.get('og:type')).toEqual(['website']);
    expect(meta.get('og:title')).toEqual(['大语言模型']);
    expect(meta.get('og:url')?.[0]).toMatch(/\/topics\/llm\/$/);
  });
});
