/**
 * Figures for the budgets: build time by step, output size, the weight of an article page, and the
 * search index. Prints a table and JSON; budgets are judged here, never in timed tests.
 *
 *   npm run bench [-- <article-slug>]      everything (builds the site twice)
 *   npm run bench -- --search               search latency only, on the existing dist/
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { reservedSlugs } from '../src/lib/routes.ts';
import { measureLatency, paddedSite, removeSite, type Latency } from './search-latency.ts';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const searchOnly = process.argv.includes('--search');
const slug = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'flash-attention';

/** Search latency on this site and on it padded to 1000 articles; budgets: first ≤ 100 ms, later ≤ 30 ms. */
async function searchLatency(): Promise<Record<string, Latency>> {
  const site = await measureLatency(dist);
  const padded = await paddedSite(dist, 1000);
  try {
    return { site, padded1000: await measureLatency(padded) };
  } finally {
    await removeSite(padded);
  }
}

function printLatency(latency: Record<string, Latency>) {
  console.log(`  search in Chromium (after the 100 ms typing pause → first results on screen; budget: first ≤ 100 ms, later ≤ 30 ms; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores):`);
  for (const l of Object.values(latency)) {
    console.log(`    ${String(l.articles).padStart(5)} articles: cold ${l.coldMs} ms; first ${l.firstMs} ms; later (${l.queries - 1} queries) median ${l.laterMedianMs} ms, p95 ${l.laterP95Ms} ms, max ${l.laterMaxMs} ms`);
  }
}

if (searchOnly) {
  const latency = await searchLatency();
  console.log('');
  printLatency(latency);
  console.log(`\n${JSON.stringify({ search: latency })}`);
  process.exit(0);
}

function timed(label: string, command: string, args: string[]): [string, number] {
  const start = performance.now();
  execFileSync(command, args, { cwd: root, stdio: 'ignore' });
  return [label, (performance.now() - start) / 1000];
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const steps = [
  timed('astro build (cold: cache cleared)', 'sh', ['-c', `rm -rf node_modules/.astro && ${bin('astro')} build`]),
  timed('astro build (warm: nothing changed)', bin('astro'), ['build']),
  timed('link check', bin('node'), ['scripts/check-links.ts']),
  timed('search index', bin('node'), ['scripts/build-search-index.ts']),
];

// What a first visit to one article downloads before the reader opens search.
const html = await readFile(path.join(dist, slug, 'index.html'), 'utf8');
const assets = [...html.matchAll(/<(?:link[^>]+href|script[^>]+src)="(\/[^"]+\.(?:css|js))"/g)].map((match) => match[1]);
const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('');
const kinds = { html: [html], css: [] as string[], js: [inlineScripts] };
for (const asset of assets) (asset.endsWith('.css') ? kinds.css : kinds.js).push(await readFile(path.join(dist, asset), 'utf8'));
const weight = Object.fromEntries(Object.entries(kinds).map(([kind, texts]) => {
  const text = texts.join('');
  return [kind, { raw: Buffer.byteLength(text), gzip: gzipSync(text).length }];
}));
const articles = (await readdir(dist, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !reservedSlugs.has(entry.name)).length;

const report = {
  articles,
  steps: Object.fromEntries(steps.map(([label, seconds]) => [label, Number(seconds.toFixed(2))])),
  msPerArticle: Number(((steps[0][1] * 1000) / articles).toFixed(1)),
  distBytes: await folderBytes(dist),
  searchIndexBytes: await folderBytes(path.join(dist, 'pagefind')),
  articlePage: { slug, requests: 1 + assets.length, ...weight },
  search: await searchLatency(),
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`\nBenchmark: ${articles} articles`);
for (const [label, seconds] of steps) console.log(`  ${label.padEnd(38)} ${seconds.toFixed(2)} s`);
console.log(`  ${'per article (cold build)'.padEnd(38)} ${report.msPerArticle} ms`);
console.log(`  ${'dist/'.padEnd(38)} ${kb(report.distBytes)}`);
console.log(`  ${'search index'.padEnd(38)} ${kb(report.searchIndexBytes)}`);
console.log(`  article page /${slug}/: ${report.articlePage.requests} requests before fonts`);
for (const kind of ['html', 'css', 'js'] as const) console.log(`    ${kind.padEnd(5)} ${kb(weight[kind].raw).padStart(10)} raw ${kb(weight[kind].gzip).padStart(10)} gzip`);
printLatency(report.search);
console.log(`\n${JSON.stringify(report)}`);
