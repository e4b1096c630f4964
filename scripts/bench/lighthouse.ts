/**
 * Lighthouse scores (performance, accessibility, best practices, SEO) for the home page and an
 * article, run against Debian's Chromium with the built site served on 127.0.0.1, for `npm run bench`.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveStatic } from '../../tests/e2e/static-server.ts';

/** Each category's score, and the audits that cost points (to say what to fix next). */
export type Scores = Record<string, number | string[]>;

export async function lighthouseScores(dist: string, pages: string[]): Promise<Record<string, Scores>> {
  const server = await serveStatic(dist, '/', { gzip: true });
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const scores: Record<string, Scores> = {};
    for (const page of pages) {
      const result = await lighthouse(new URL(page, server.url).href, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const report = result!.lhr;
      const lost = Object.values(report.categories)
        .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0).map((ref) => report.audits[ref.id]))
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => `${audit.id} ${Math.round(audit.score! * 100)}`);
      // Layout shift as measured (web fonts arriving late would show here), not only as scored.
      const layoutShift = Number(report.audits['cumulative-layout-shift'].numericValue ?? 0);
      scores[page] = { ...Object.fromEntries(Object.entries(report.categories).map(([name, category]) => [name, Math.round((category.score ?? 0) * 100)])), 'layout shift': Number(layoutShift.toFixed(3)), lost };
    }
    return scores;
  } finally {
    chrome.kill();
    await server.close();
  }
}
