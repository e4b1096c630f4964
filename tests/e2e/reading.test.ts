import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';

const site = useBrowser();
const rootFontSize = (page: import('playwright-core').Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

describe('reading an article', () => {
  test('the font size grows and shrinks in steps, is kept across pages and reloads, and resets', async () => {
    const page = await site.open('/mtp/');
    const sizes = page.getByRole('group', { name: '字号' });
    const larger = sizes.getByRole('button', { name: /放大字号/ });
    const smaller = sizes.getByRole('button', { name: /缩小字号/ });
    const reset = sizes.getByRole('button', { name: /恢复默认字号/ });
    await expect.poll(() => sizes.isVisible()).toBe(true);
    expect(await rootFontSize(page)).toBe('16px');
    expect(await reset.isDisabled()).toBe(true);
    const paragraph = page.locator('.prose > p').first();
    const before = parseFloat(await paragraph.evaluate((p) => getComputedStyle(p).fontSize));

    await larger.click();
    await larger.click();
    expect(await rootFontSize(page)).toBe('20px');
    expect(parseFloat(await paragraph.evaluate((p) => getComputedStyle(p).fontSize))).toBeCloseTo(before * 1.25, 1);
    expect(await reset.innerText()).toContain('125%');

    await page.reload();
    expect(await rootFontSize(page)).toBe('20px');
    await page.goto('/');
    expect(await rootFontSize(page)).toBe('20px');

    await page.goto('/mtp/');
    await reset.click();
    expect(await rootFontSize(page)).toBe('16px');
    expect(await page.evaluate(() => localStorage.getItem('font-scale'))).toBeNull();
    await smaller.click();
    expect(await rootFontSize(page)).toBe('14px');
    expect(await smaller.isDisabled()).toBe(true);
    await page.context().close();
  });

  test('a long article shows how far the reader is, and back-to-top returns to the start', async () => {
    const page = await site.open('/deepseek-v3/');
    const progress = page.locator('reading-progress');
    const backToTop = page.getByRole('link', { name: '回到顶部' });
    await expect.poll(() => progress.getAttribute('data-progress')).toBe('0');
    expect(await backToTop.isVisible()).toBe(false);
    expect(await page.locator('.reading-progress-bar').evaluate((bar) => getComputedStyle(bar).transform)).toBe('matrix(0, 0, 0, 1, 0, 0)');

    await page.evaluate(() => window.scrollTo({ top: (document.documentElement.scrollHeight - innerHeight) / 2, behavior: 'instant' }));
    await expect.poll(async () => Number(await progress.getAttribute('data-progress'))).toBeGreaterThan(30);
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    await expect.poll(() => progress.getAttribute('data-progress')).toBe('100');
    await expect.poll(() => backToTop.isVisible()).toBe(true);

    await backToTop.click();
    // A smooth scroll up a long page takes about a second.
    await expect.poll(() => page.evaluate(() => scrollY), { timeout: 5_000 }).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expect.poll(() => backToTop.isVisible()).toBe(false);
    await page.context().close();
  });

  test('a callout is a note with its title, in the colours of the theme', async () => {
    const page = await site.open('/mtp/');
    const note = page.getByRole('note').filter({ hasText: '各头在给定' });
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.locator('.callout-title').innerText()).toMatch(/^各头在给定[\s\S]*时条件独立$/);
    expect(await note.locator('.callout-body').innerText()).toContain('看不到');
    const light = await note.evaluate((element) => getComputedStyle(element).borderLeftColor);
    await page.getByRole('button', { name: /深色|主题/ }).first().click();
    await expect.poll(() => note.evaluate((element) => getComputedStyle(element).borderLeftColor)).not.toBe(light);
    await page.context().close();
  });
});

describe('printing an article', () => {
  test('prints the text, math and code without the site around it, with link addresses and no breaks inside formulas or code', async () => {
    const page = await site.open('/flash-attention/');
    const formulas = await page.locator('.prose .katex-display').count();
    await page.emulateMedia({ media: 'print' });

    for (const hidden of ['.site-header', '.site-footer', '.breadcrumbs', '.toc', 'font-size-control', '.copy-link-article', '.heading-anchor', '.copy-button', '.search-button']) {
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    }
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    expect(await page.locator('.prose .katex-display:visible').count()).toBe(formulas);
    expect(await page.locator('.katex-error').count()).toBe(0);

    const external = page.locator('.prose a.external').first();
    const href = await external.getAttribute('href');
    expect(await external.evaluate((a) => getComputedStyle(a, '::after').content)).toBe(`" <${href}>"`);
    const paper = page.locator('.article-meta a[href^="http"]').first();
    expect(await paper.evaluate((a) => getComputedStyle(a, '::after').content)).toContain('arxiv.org');

    const breaks = await page.evaluate(() => ['.katex-display', '.code-block', '.callout, .prose table tr'].map((selector) => {
      const element = document.querySelector(selector);
      return element ? getComputedStyle(element).breakInside : 'avoid';
    }));
    expect(breaks).toEqual(['avoid', 'avoid', 'avoid']);
    expect(await page.locator('.code-block pre').first().evaluate((pre) => getComputedStyle(pre).whiteSpace)).toBe('pre-wrap');
    await page.context().close();
  });

  test('prints light even when the reader reads in the dark theme: code in its light colours', async () => {
    const page = await site.open('/flash-attention/');
    await page.evaluate(() => localStorage.setItem('theme', 'dark'));
    await page.reload();
    const token = page.locator('.code-block pre span[style*="--shiki-dark"]').first();
    const lightColour = await token.evaluate((span) => {
      const probe = document.createElement('span');
      probe.style.color = span.style.color;
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    expect(await token.evaluate((span) => getComputedStyle(span).color)).not.toBe(lightColour);

    await page.emulateMedia({ media: 'print' });
    expect(await token.evaluate((span) => getComputedStyle(span).color)).toBe(lightColour);
    expect(await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color])).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await page.context().close();
  });
});
