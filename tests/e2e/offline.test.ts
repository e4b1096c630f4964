import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';
import { root } from './fixture-build.ts';
import { serveStatic } from './static-server.ts';
import { networkTimeoutSeconds, visitedPagesExpiration } from '../../src/service-worker/limits.js';

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

/** How many of the site's scripts, styles and fonts (`_astro/…`) the page loaded, and which of them no cache of the worker holds. */
async function bundlesKept() {
  const loaded = performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => new URL(url).pathname.includes('/_astro/'));
  const missing: string[] = [];
  for (const url of loaded) if (!(await caches.match(url, { ignoreVary: true }))) missing.push(url);
  return { loaded: loaded.length, missing };
}

/** Whether the worker has kept the whole search index of its version. */
function indexKept(page: Page) {
  return page.evaluate(async () => (await caches.match(new URL('pagefind/.kept-whole', (await navigator.serviceWorker.ready).scope).href)) !== undefined);
}

describe('reading offline', () => {
  test('a search opened with the page has its first results before the worker is registered', async () => {
    const context = await browser.context({ serviceWorkers: 'allow' });
    // When the page asks for the worker, in its own time, beside its own measure of the first results.
    await context.addInitScript(() => {
      const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
      navigator.serviceWorker.register = (...args) => {
        performance.mark('worker-registered');
        return register(...args);
      };
    });
    const page = await context.newPage();
    await page.goto(`/search/?q=${encodeURIComponent('KV cache')}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const [results, registered] = await page.evaluate(() => [performance.getEntriesByName('site-search')[0], performance.getEntriesByName('worker-registered')[0]].map((entry) => entry && entry.startTime + entry.duration));
    expect(results).toBeGreaterThan(0);
    expect(registered).toBeGreaterThanOrEqual(results);
    await context.close();
  });

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

  test('on a connection too slow to answer, a page read before opens from the device within seconds', async () => {
    let slow = false;
    const server = await serveStatic(path.join(root, 'dist'), '/', { latency: () => (slow ? 60_000 : 0) });
    try {
      const page = await site.open(`${server.url}/mla/`);
      await whenOfflineReady(page);
      slow = true;
      const started = performance.now();
      await page.goto(`${server.url}/mla/`, { waitUntil: 'domcontentloaded' });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/MLA/);
      // Without the worker's timeout the page would wait the minute the server takes (and the test time out).
      expect(performance.now() - started).toBeLessThan((networkTimeoutSeconds + 5) * 1000);
      await page.context().close();
    } finally {
      await server.close();
    }
  });

  test('the pages kept are the latest the reader opened, so the first one goes once enough others are read', { timeout: 180_000 }, async () => {
    const dist = path.join(root, 'dist');
    // Pages a reader opens, not the redirects of section links (which land on their note).
    const others = readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => path.basename(file) === 'index.html' && !readFileSync(path.join(dist, file), 'utf8').includes('http-equiv="refresh"'))
      .map((file) => `/${path.dirname(file).split(path.sep).join('/')}/`.replace('/./', '/'))
      .filter((pathname) => pathname !== '/mla/')
      .sort()
      .slice(0, visitedPagesExpiration.maxEntries);
    expect(others).toHaveLength(visitedPagesExpiration.maxEntries);
    const page = await site.open('/mla/');
    await whenOfflineReady(page);
    // Each page is opened and kept before the next (not waiting for the page to draw: a hundred notes
    // full of formulas take a minute to lay out on a shared machine).
    const kept = () => page.evaluate(async () => (await caches.match(location.href)) !== undefined);
    for (const pathname of others) {
      await page.goto(pathname, { waitUntil: 'commit' });
      await expect.poll(kept, { timeout: 15_000 }).toBe(true);
    }
    const keptPages = () => page.evaluate(async () => (await (await caches.open('visited-pages')).keys()).map((request) => new URL(request.url).pathname).sort());
    await expect.poll(keptPages, { timeout: 30_000 }).toEqual(others);
    await page.context().setOffline(true);
    await page.goto(others.at(-1)!);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('现在离线');
    await page.goto('/mla/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('现在离线');
    await page.context().close();
  });

  test('a reader whose browser ran the worker from before Workbox still has the pages read with it', async () => {
    const context = await browser.context({ serviceWorkers: 'allow' });
    // The page registers no worker until the earlier worker's cache is set up as a reader's browser has it.
    await context.addInitScript(() => {
      if (!localStorage.getItem('register')) Object.defineProperty(ServiceWorkerContainer.prototype, 'register', { value: () => new Promise(() => {}) });
    });
    const page = await context.newPage();
    await page.goto('/mla/');
    await page.evaluate(async () => {
      await (await caches.open('visited')).add(new URL('/flash-attention/', location.href).href);
      localStorage.setItem('register', '1');
    });
    await page.reload();
    await whenOfflineReady(page);
    expect(await page.evaluate(() => caches.has('visited'))).toBe(false);
    await page.context().setOffline(true);
    await page.goto('/flash-attention/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/FlashAttention/);
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
    const bundles = await page.evaluate(bundlesKept);
    expect(bundles.loaded).toBeGreaterThan(0);
    expect(bundles.missing).toEqual([]);
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
      // The worker is minified; its version is the one string of 16 hex digits in it.
      const built = readFileSync(worker, 'utf8');
      const versions = [...new Set(built.match(/(?<=")[0-9a-f]{16}(?=")/g))];
      expect(versions).toHaveLength(1);
      writeFileSync(worker, built.replaceAll(`"${versions[0]}"`, '"next"'));
      // Browsers check for a new worker on navigation and periodically; ask now.
      await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
      await expect.poll(() => prompt.isVisible(), { timeout: 15_000 }).toBe(true);
      const loaded = await page.evaluate(() => performance.timeOrigin);
      await prompt.getByRole('button', { name: '刷新' }).click();
      await expect.poll(() => page.evaluate(() => performance.timeOrigin).catch(() => loaded), { timeout: 15_000 }).not.toBe(loaded);
      // The new version keeps its own index, once the page has loaded (the worker registers after the load event).
      await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 15_000 }).toContain('search-next');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/MLA/);
      await page.context().close();
    } finally {
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
