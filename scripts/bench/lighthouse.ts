/**
 * Lighthouse scores (performance, accessibility, best practices, SEO) for the home page and an
 * article, run against Debian's Chromium with the built site served on 127.0.0.1, for `npm run bench`.
 * One run's performance score moves by a point or two with the machine's load; each page is audited
 * `runs` times and the run Lighthouse itself picks as the median (computeMedianRun, closest to the
 * median first paint and time to interactive) is reported, as its documentation on variability advises.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { serveStatic } from '../../tests/e2e/static-server.ts';

/** Each category's score, and the audits that cost points (to say what to fix next). */
export type Scores = Record<string, number | string[]>;

export async function lighthouseScores(dist: string, pages: string[], runs = 3): Promise<Record<string, Scores>> {
  const server = await serveStatic(dist, '/', { gzip: true });
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const scores: Record<string, Scores> = {};
    for (const page of pages) {
      const reports = [];
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(new URL(page, server.url).href, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
        reports.push(result!.lhr);
      }
      const report: (typeof reports)[number] = computeMedianRun(reports);
      const lost = Object.values(report.categories)
        .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0).map((ref) => report.audits[ref.id]))
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => `${audit.id} ${Math.round(audit.score! * 100)}`);
      // Layout shift as measured (web fonts arriving late would show here), not only as scored.
      const layoutShift = Number(report.audits['cumulative-layout-shift'].numericValue ?? 0);
      // KaTeX's fonts, cut to the site's characters (src/integrations/katex-fonts.ts): what a page with math adds.
      const requests = (report.audits['network-requests'].details as { items: Array<{ url: string; transferSize?: number }> }).items;
      const fontBytes = requests.filter((request) => /\/KaTeX_[^/]+\.woff2$/.test(request.url)).reduce((sum, request) => sum + (request.transferSize ?? 0), 0);
      scores[page] = {
        ...Object.fromEntries(Object.entries(report.categories).map(([name, category]) => [name, Math.round((category.score ?? 0) * 100)])),
        'layout shift': Number(layoutShift.toFixed(3)),
        'math font KB': Number((fontBytes / 1024).toFixed(1)),
        lost,
      };
    }
    return scores;
  } finally {
    chrome.kill();
    await server.close();
  }
}
