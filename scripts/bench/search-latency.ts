/**
 * Search latency in Chromium, for `npm run bench`: the time from opening search to the first results
 * on screen, as a reader meets it, each from a fresh browser context (nothing cached), the median of
 * `coldRuns` tries (one try moves by a third from run to run on a shared machine):
 * - landing: a link to `/search/?q=…` is opened; from the navigation to the results.
 * - slash: on an article page, `/` opens the search dialog and a query is typed at once; from the key.
 * - click: on an article page, the search button is pointed at and clicked, and a query typed; from the
 *   click (pointing at the button already starts loading: it is the reader's intent).
 * Each also to all the results, later than the first when the note a query names was shown while its
 * other names were searched. Then later queries typed into the open search page (the page's own
 * `performance.measure('site-search')` per query). Also measured on the same site padded to 1000
 * articles (copies of the real ones under new addresses, indexed by Pagefind), to see how search
 * scales before the notes do.
 */
import { createServer, type Server } from 'node:http';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/browser.ts';
import { searchCases } from '../../tests/e2e/search-queries.ts';
import { reservedSlugs } from '../../src/lib/routes.ts';
import { buildSearchIndex } from '../../src/integrations/search-index.ts';
import { readBuiltPages } from '../../src/integrations/built-pages.ts';

export interface Latency {
  articles: number;
  /** Cold, from opening search to the first results: the worst of the three ways in, and each (medians). */
  coldMs: number;
  landingMs: number;
  slashMs: number;
  clickMs: number;
  /** The worst of the three ways to all the results, other names searched too (medians). */
  coldAllMs: number;
  laterMedianMs: number;
  laterP95Ms: number;
  laterMaxMs: number;
  queries: number;
}

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };

/** A plain static server over a built site, as a host would serve it. */
function serve(dir: string): Promise<Server & { port: number }> {
  const server = createServer(async (request, response) => {
    let file = path.join(dir, decodeURIComponent(new URL(request.url!, 'http://x').pathname));
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(Object.assign(server, { port: (server.address() as { port: number }).port }))));
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * A fresh context whose pages say on the console when a search showed its first results and all of
 * them (the ends of the page's `site-search` and `site-search-complete` measures). Asking the page
 * with Playwright instead (waitForFunction, locators) injects Playwright's own script into it: 40–70 ms
 * of the page's thread in the middle of the search being timed, which a reader's browser does not pay.
 */
async function reportingContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript(() => {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) console.debug(`${entry.name}@${entry.startTime + entry.duration}`);
    }).observe({ type: 'measure' });
  });
  return context;
}

/**
 * When the page's next search showed its first results, and all of them (later than the first when
 * the note the query names was shown while its other names were searched), in page time. Call it
 * before what starts the search.
 */
function resultsAt(page: Page): Promise<[number, number]> {
  return new Promise((resolve) => {
    const ends = new Map<string, number>();
    const listener = (message: ConsoleMessage) => {
      const [name, at] = message.text().split('@');
      if ((name === 'site-search' || name === 'site-search-complete') && !ends.has(name)) ends.set(name, Number(at));
      if (ends.size < 2) return;
      page.off('console', listener);
      resolve([ends.get('site-search')!, ends.get('site-search-complete')!]);
    };
    page.on('console', listener);
  });
}

/** Opens search on an article page (by `/` or by the button) in a fresh context, types `query`, and times it. */
async function openOnArticle(browser: Browser, baseURL: string, article: string, query: string, how: 'slash' | 'click'): Promise<[number, number]> {
  const context = await reportingContext(browser, baseURL);
  try {
    const page = await context.newPage();
    await page.goto(`/${article}/`);
    await page.waitForLoadState('networkidle');
    const button = page.getByRole('banner').getByRole('link', { name: '搜索' });
    if (how === 'click') await button.hover();
    const opened = await page.evaluate(() => performance.now());
    const results = resultsAt(page);
    if (how === 'click') await button.click();
    else await page.keyboard.press('/');
    // The dialog focuses its box as it opens; typing straight into it, as a reader does.
    await page.keyboard.insertText(query);
    const [first, all] = await results;
    if ((await page.getByRole('dialog').getByRole('searchbox').inputValue()) !== query) throw new Error('the search dialog did not take the query');
    return [first - opened, all - opened];
  } finally {
    await context.close();
  }
}

/**
 * Measures each way into search cold (`/` and the button on the page of `article`, which the built
 * site must have: synthetic notes have none of the real ones), then types each query into the search
 * page and reads the page's own measures.
 */
export async function measureLatency(dir: string, article: string, queryCount = 60, coldRuns = 5): Promise<Latency> {
  const server = await serve(dir);
  const baseURL = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const queries = searchCases.slice(0, queryCount).map((item) => item.query);
    // Medians of the first results and of all of them, over `coldRuns` tries.
    const median = async (measure: () => Promise<[number, number]>) => {
      const runs: Array<[number, number]> = [];
      for (let run = 0; run < coldRuns; run++) runs.push(await measure());
      return [0, 1].map((at) => quantile(runs.map((times) => times[at]).sort((a, b) => a - b), 0.5)) as [number, number];
    };
    // A browser that has just started pays once for what a reader's running browser did long ago
    // (loading its fonts: 100–300 ms on the first Chinese page): a page opened and closed first.
    const warmUp = await browser.newContext({ baseURL });
    await (await warmUp.newPage()).goto('/search/');
    await warmUp.close();
    // Landing: the address carries the query, and nothing of the site is loaded yet.
    const landing = await median(async () => {
      const landingContext = await reportingContext(browser, baseURL);
      try {
        const landingPage = await landingContext.newPage();
        const results = resultsAt(landingPage);
        await landingPage.goto(`/search/?q=${encodeURIComponent(queries.at(-1)!)}`);
        return await results;
      } finally {
        await landingContext.close();
      }
    });
    const slash = await median(() => openOnArticle(browser, baseURL, article, queries.at(-2)!, 'slash'));
    const click = await median(() => openOnArticle(browser, baseURL, article, queries.at(-3)!, 'click'));

    // As a reader goes on searching: the search page is open and has searched once; queries are typed.
    const context = await reportingContext(browser, baseURL);
    const page = await context.newPage();
    const opened = resultsAt(page);
    await page.goto(`/search/?q=${encodeURIComponent(queries.at(-1)!)}`);
    await opened;
    const box = page.getByRole('main').getByRole('searchbox');
    for (const [index, query] of queries.entries()) {
      await box.fill(query);
      await page.waitForFunction((count) => performance.getEntriesByName('site-search').length >= count && !document.querySelector('main site-search')?.hasAttribute('aria-busy'), index + 2);
    }
    const later = (await page.evaluate(() => performance.getEntriesByName('site-search').map((entry) => entry.duration))).slice(1).sort((a, b) => a - b);
    await context.close();
    const articles = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !reservedSlugs.has(entry.name) && !entry.name.startsWith('_')).length;
    const round = (ms: number) => Number(ms.toFixed(1));
    return {
      articles,
      coldMs: round(Math.max(landing[0], slash[0], click[0])),
      landingMs: round(landing[0]),
      slashMs: round(slash[0]),
      clickMs: round(click[0]),
      coldAllMs: round(Math.max(landing[1], slash[1], click[1])),
      laterMedianMs: round(quantile(later, 0.5)),
      laterP95Ms: round(quantile(later, 0.95)),
      laterMaxMs: round(later.at(-1)!),
      queries: queries.length,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

/** The built site padded to `target` articles with renamed copies of its own, then indexed by Pagefind. */
export async function paddedSite(dist: string, target: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ml-notes-bench-'));
  await cp(dist, dir, { recursive: true, filter: (source) => !source.startsWith(path.join(dist, 'pagefind')) });
  const slugs = (await readdir(dist, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !reservedSlugs.has(entry.name) && !entry.name.startsWith('_') && entry.name !== 'pagefind').map((entry) => entry.name);
  for (let copy = 0; slugs.length * (copy + 1) < target; copy++) {
    for (const slug of slugs.slice(0, Math.min(slugs.length, target - slugs.length * (copy + 1)))) {
      const html = await readFile(path.join(dist, slug, 'index.html'), 'utf8');
      // A different title and address per copy, so results are distinct pages as in a real catalogue.
      const renamed = html.replace(/(<h1[^>]*>)([^<]*)/, `$1$2 (${copy + 2})`);
      await cp(path.join(dist, slug), path.join(dir, `${slug}-${copy + 2}`), { recursive: true });
      await writeFile(path.join(dir, `${slug}-${copy + 2}`, 'index.html'), renamed);
    }
  }
  await buildSearchIndex(dir, await readBuiltPages(dir));
  return dir;
}

export async function removeSite(dir: string) {
  await rm(dir, { recursive: true, force: true });
}
