/**
 * The search-quality report: runs every query of tests/e2e/search-queries.ts through the built
 * site's search page in Chromium and prints recall@1, recall@3 and MRR, overall and by kind of
 * query, and each query that missed the first three. Needs a built dist/ (`npm run build`).
 *
 *   npm run search-quality [-- --json]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { preview } from 'astro';
import { chromium } from 'playwright-core';
import { searchCases } from '../tests/e2e/search-queries.ts';
import { misses, runCases, score, scoreByKind } from '../tests/e2e/search-quality.ts';
import { chromiumArgs, chromiumPath } from '../tests/e2e/browser.ts';

const root = path.resolve(import.meta.dirname, '..');
if (!existsSync(path.join(root, 'dist/pagefind/pagefind.js'))) throw new Error('No search index in dist/: run `npm run build` first.');

const server = await preview({ root, logLevel: 'warn', server: { host: '127.0.0.1', port: 4900 + Math.floor(Math.random() * 90) } });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${server.port}`, locale: 'zh-CN' });
  const page = await context.newPage();
  const results = await runCases(page, searchCases);
  const overall = score(results);
  const byKind = scoreByKind(results);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ overall, byKind, misses: misses(results) }));
  } else {
    const row = (label: string, s: typeof overall) => `  ${label.padEnd(10)} ${String(s.queries).padStart(4)}   ${s.recallAt1.toFixed(3)}   ${s.recallAt3.toFixed(3)}   ${s.mrr.toFixed(3)}`;
    console.log(`\nSearch quality over ${overall.queries} queries\n  kind       n      R@1     R@3     MRR`);
    for (const [kind, s] of Object.entries(byKind)) console.log(row(kind, s));
    console.log(row('all', overall));
    const missed = misses(results);
    console.log(`\nMissed the first three (${missed.length}):`);
    for (const line of missed) console.log(`  ${line}`);
    console.log(`\n${JSON.stringify(overall)}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
