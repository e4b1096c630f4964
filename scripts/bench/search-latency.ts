/**
 * Search latency in Chromium, for `npm run bench`: the time from a query to its results on screen,
 * as the search page measures it (`performance.measure('site-search')`, up to the first results on
 * screen). Cold: the page opens with a query, so Pagefind itself loads too. First: the first query
 * typed on an open search page (Pagefind loaded, no index chunk yet). Later: the queries after it. Also measured on the same site
 * padded to 1000 articles (copies of the real ones under new addresses, indexed by Pagefind), to
 * see how search scales before the notes do.
 */
import { createServer, type Server } from 'node:http';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/browser.ts';
import { searchCases } from '../../tests/e2e/search-queries.ts';
import { reservedSlugs } from '../../src/lib/routes.ts';

export interface Latency { articles: number; coldMs: number; firstMs: number; laterMedianMs: number; laterP95Ms: number; laterMaxMs: number; queries: number }

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

/** Types each query into the search page of a served site and reads the page's own measures. */
export async function measureLatency(dir: string, queryCount = 60): Promise<Latency> {
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${server.port}` });
    const queries = searchCases.slice(0, queryCount).map((item) => item.query);
    const durations = async (page: Page) => page.evaluate(() => performance.getEntriesByName('site-search').map((entry) => entry.duration));
    // Cold: the page opens with a query in the address, before Pagefind or any of its index is loaded.
    const coldPage = await context.newPage();
    await coldPage.goto(`/search/?q=${encodeURIComponent(queries.at(-1)!)}`);
    await coldPage.waitForFunction(() => performance.getEntriesByName('site-search').length > 0);
    const [cold] = await durations(coldPage);
    await coldPage.close();
    // As a reader searches: the search page is open (Pagefind loaded, no index chunk yet), queries are typed.
    const page = await context.newPage();
    await page.goto('/search/');
    await page.waitForLoadState('networkidle');
    const box = page.getByRole('main').getByRole('searchbox');
    for (const [index, query] of queries.entries()) {
      await box.fill(query);
      await page.waitForFunction((count) => performance.getEntriesByName('site-search').length >= count && !document.querySelector('main site-search')?.hasAttribute('aria-busy'), index + 1);
    }
    const [first] = await durations(page);
    const later = (await durations(page)).slice(1).sort((a, b) => a - b);
    const articles = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !reservedSlugs.has(entry.name) && !entry.name.startsWith('_')).length;
    const round = (ms: number) => Number(ms.toFixed(1));
 return { articles, coldMs: round(cold), firstMs: round(first), laterMedianMs: round(quantile(later, 0.5)), laterP95Ms: round(quantile(later, 0.95)), laterMaxMs: round(later.at(-1)!), queries: queries.length };
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
  execFileSync(path.resolve(import.meta.dirname, '../../node_modules/.bin/node'), [path.resolve(import.meta.dirname, '../build-search-index.ts'), dir], { stdio: 'ignore' });
  return dir;
}

export async function removeSite(dir: string) {
  await rm(dir, { recursive: true, force: true });
}
