import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

/** Debian's Chromium; the test command installs it when it is missing (see scripts/ensure-chromium.ts). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without the networking flags Chromium keeps dialling Google's hosts, which this machine refuses. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A browser for the tests of one file, and a way to open site pages in a fresh context. */
export function useBrowser() {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  /** A fresh context on the site, for a test that sets it up (init scripts, routes) before the first page. */
  function context(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    // The offline worker installs in every fresh context and downloads the search index; other
    // tests need not wait for that on a shared machine. offline.test.ts allows it.
    return browser.newContext({ baseURL: inject('baseUrl'), locale: 'zh-CN', serviceWorkers: 'block', ...options });
  }
  return {
    context,
    async open(pathname: string, options: BrowserContextOptions = {}): Promise<Page> {
      const fresh = await context(options);
      const page = await fresh.newPage();
      await page.goto(pathname);
      return page;
    },
  };
}

/** Selects an element's whole content as a reader would with the mouse, copies it, and returns what the clipboard holds. */
export async function copySelectionOf(element: Locator): Promise<string> {
  await element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  await element.page().keyboard.press('Control+C');
  return element.page().evaluate(() => navigator.clipboard.readText());
}
