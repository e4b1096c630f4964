import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';
import { root } from './fixture-build.ts';
import { serveStatic } from './static-server.ts';

const browser = useBrowser();
const site = { open: (pathname: string) => browser.open(pathname, { serviceWorkers: 'allow' }) };

/** Waits until the service worker controls the page and has kept it (it keeps the registering page on activation). */
async function whenOfflineReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
  await expect.poll(() => page.evaluate(async () => (await caches.match(location.href)) !== undefined), { timeout: 15_000 }).toBe(true);
}

/** Whether the worker has kept the whole search index of its version. */
function indexKept(page: Page) {
  return page.evaluate(async () => (await caches.match(new URL('pagefind/.kept-whole', (await navigator.serviceWorker.ready).scope).href)) !== undefined);
}

describe('reading offline', () => {
  test('a page read before opens again without a network, and one never opened says so', async () => {
    const page = await site.open('/mla/');
    await whenOfflineReady(page);
    await page.goto('/flash-attention/');
    await page.context().setOffline(true);
    await page.goto('/mla/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/MLA/);
    await page.goto('/flash-attention/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/FlashAttention/);
    await page.goto('/vit/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('现在离线');
    await page.context().close();
  });

  test('search works offline once the site has been opened', async () => {
    const page = await site.open('/search/');
    await whenOfflineReady(page);
    // The whole search index is kept once the worker runs, whether or not the reader searched.
    await expect.poll(() => indexKept(page), { timeout: 20_000 }).toBe(true);
    await page.context().setOffline(true);
    await page.goto('/search/?q=' + encodeURIComponent('在线 softmax'));
    const first = page.getByRole('main').locator('.search-result .result-link').first();
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toMatch(/^FlashAttention/);
    await page.context().close();
  });

  test('a reader whose browser saves data is not sent the search index, and offline search says why', async () => {
    // The reader's setting as the page reads it (Network Information API). Set in the page rather than
    // through DevTools' Data Saver emulation, whose side effects (on navigator.onLine, among others)
    // change between Chromium versions.
    const context = await browser.context({ serviceWorkers: 'allow' });
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'connection', { configurable: true, value: { saveData: true, effectiveType: '4g', type: 'wifi' } });
    });
    const page = await context.newPage();
    await page.goto('/mla/');
    expect(await page.evaluate(() => (navigator as Navigator & { connection?: { saveData: boolean } }).connection?.saveData)).toBe(true);
    await whenOfflineReady(page);
    // Pages and what they load are still kept, so the page read opens offline.
    expect(await page.evaluate(async () => (await caches.open('visited').then((cache) => cache.keys())).some((request) => request.url.includes('/_astro/')))).toBe(true);
    // A worker that was sent for the index starts within milliseconds; give it seconds.
    for (let check = 0; check < 6; check++) {
      expect(await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('search-')))).toEqual([]);
      await page.waitForTimeout(500);
    }
    await page.context().setOffline(true);
    await page.goto('/mla/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/MLA/);
    const dialog = page.getByRole('dialog', { name: '搜索' });
    await page.keyboard.press('/');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.type('softmax');
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^现在离线，这台设备上没有保存搜索索引/);
    await page.context().close();
  });

  test('when the site changes, the reader is offered a reload that brings the new version', async () => {
    // A copy of the build, so the test can publish a "new version" without touching dist/.
    const copy = mkdtempSync(path.join(tmpdir(), 'notes-sw-'));
    cpSync(path.join(root, 'dist'), copy, { recursive: true });
    const server = await serveStatic(copy);
    try {
      const page = await site.open(`${server.url}/mla/`);
      await whenOfflineReady(page);
      const prompt = page.getByRole('status').filter({ hasText: '网站有新版本' });
      expect(await prompt.isVisible()).toBe(false);
      const worker = path.join(copy, 'sw.js');
      writeFileSync(worker, readFileSync(worker, 'utf8').replace(/const version = "[0-9a-f]+"/, 'const version = "next"'));
      // Browsers check for a new worker on navigation and periodically; ask now.
      await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
      await expect.poll(() => prompt.isVisible(), { timeout: 15_000 }).toBe(true);
      const loaded = await page.evaluate(() => performance.timeOrigin);
      await prompt.getByRole('button', { name: '刷新' }).click();
      await expect.poll(() => page.evaluate(() => performance.timeOrigin).catch(() => loaded), { timeout: 15_000 }).not.toBe(loaded);
      await expect.poll(() => page.evaluate(() => caches.keys())).toContain('search-next');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/MLA/);
      await page.context().close();
    } finally {
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
