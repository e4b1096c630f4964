/**
 * Runs the search-quality suite through the site's own search page in a real browser: the query goes
 * in the address as a reader would share it, and the ranking read back is what the reader sees.
 * Used by the e2e floor test and by `npm run search-quality` (the full report).
 */
import type { Page } from 'playwright-core';
import type { QueryKind, SearchCase } from './search-queries.ts';

export interface CaseResult extends SearchCase {
  /** Article slugs in the order the page lists them. */
  results: string[];
  /** 1-based rank of the best answer (the first expected slug), or 0 when it is missing. */
  rank: number;
  /** Share of the expected slugs that are in the first three. */
  recall3: number;
}

export interface Scores { queries: number; recallAt1: number; recallAt3: number; mrr: number }

/**
 * The article slugs the search page lists for a query, best first. The query is typed into the
 * page's search box (as a reader would refine a search); the status line names the query once its
 * results are in.
 */
export async function resultSlugs(page: Page, query: string): Promise<string[]> {
  const main = page.getByRole('main');
  if (!new URL(page.url()).pathname.startsWith('/search/')) await page.goto('/search/');
  await main.getByRole('searchbox').fill(query);
  const done = `“${query.trim()}”`;
  await page.waitForFunction((expected) => {
    const box = document.querySelector('main site-search');
    return !box?.hasAttribute('aria-busy') && box?.querySelector('[role="status"]')?.textContent?.includes(expected);
  }, done, { timeout: 10_000 });
  const slugs = await main.locator('.search-result').evaluateAll((items) => items.map((item) => item.getAttribute('data-slug')!));
  return slugs;
}

export async function runCases(page: Page, cases: SearchCase[]): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const item of cases) {
    const results = await resultSlugs(page, item.query);
    const top3 = results.slice(0, 3);
    out.push({
      ...item,
      results,
      rank: results.indexOf(item.expect[0]) + 1,
      recall3: item.expect.filter((slug) => top3.includes(slug)).length / item.expect.length,
    });
  }
  return out;
}

export function score(results: CaseResult[]): Scores {
  const n = results.length || 1;
  const round = (value: number) => Number(value.toFixed(3));
  return {
    queries: results.length,
    recallAt1: round(results.filter((r) => r.expect.includes(r.results[0])).length / n),
    recallAt3: round(results.reduce((sum, r) => sum + r.recall3, 0) / n),
    mrr: round(results.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / n),
  };
}

export function scoreByKind(results: CaseResult[]): Record<QueryKind, Scores> {
  const kinds = [...new Set(results.map((r) => r.kind))];
  return Object.fromEntries(kinds.map((kind) => [kind, score(results.filter((r) => r.kind === kind))])) as Record<QueryKind, Scores>;
}

/** One line per query that missed the first three: what came back instead. */
export function misses(results: CaseResult[]): string[] {
  return results.filter((r) => r.recall3 < 1).map((r) => `[${r.kind}] ${r.query} → ${r.results.slice(0, 3).join(', ') || 'nothing'} (want ${r.expect.join(' + ')})`);
}
