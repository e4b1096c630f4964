/**
 * The writing loop in `astro dev`: how long after a note is saved a reload shows the change. Runs the
 * dev server on a copy of the content folder (the notes themselves are never touched), saves a new
 * sentence into one note's body, then a new title, several times each, and reloads the page until the
 * change is there.
 *
 *   node scripts/bench/edit-loop.ts                 the site's notes (./content), its flash-attention page
 *   node scripts/bench/edit-loop.ts --notes 1000    1000 synthetic notes (corpus.ts), page note-0
 *   options: --content <dir>  --slug <slug>  --runs <N> (5)  --timeout <s> (60)  --verbose (Astro's debug log)
 *            --trace (each reload's times)  --profile <file.cpuprofile> (slows the runs it profiles)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { writeCorpus } from './corpus.ts';
import { readNoteIndex } from '../../src/content/note-index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const { values: options } = parseArgs({
  options: {
    content: { type: 'string', default: path.join(root, 'content') },
    notes: { type: 'string' },
    slug: { type: 'string' },
    runs: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '60' },
    verbose: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const runs = Number(options.runs);
const timeoutMs = Number(options.timeout) * 1000;
const slug = options.slug ?? (options.notes ? 'note-0' : 'flash-attention');
/**
 * Between two reloads while the change is not there yet. Each reload renders the page, in this
 * process and on the cores the update needs, so reloading much more often would slow what it measures.
 */
const retryMs = 100;
/** After a change shows, before the next save: a writer does not save twice within a second. */
const settleMs = 1000;

interface Case { name: string; edit: (original: string, marker: string) => string }

const cases: Case[] = [
  { name: 'a sentence added to the body', edit: (original, marker) => `${original.trimEnd()}\n\n编辑测量：${marker}。\n` },
  { name: 'the title changed', edit: retitled },
];

/** The note with its frontmatter title extended by the marker, written back as a YAML string. */
function retitled(original: string, marker: string): string {
  return original.replace(/^title:.*$/m, (line) => `title: ${JSON.stringify(`${(parseYaml(line) as { title: string }).title} ${marker}`)}`);
}

const work = mkdtempSync(path.join(tmpdir(), 'edit-loop-'));
const contentCopy = path.join(work, 'content');
let stopServer: (() => Promise<void>) | undefined;

function removeWork() {
  rmSync(work, { recursive: true, force: true });
}
process.on('exit', removeWork);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    console.log(`\n${signal}: stopping the dev server and removing ${work}`);
    await stopServer?.().catch(() => {});
    process.exit(130);
  });
}

function prepareContent(): string {
  if (options.notes) writeCorpus(Number(options.notes), contentCopy, { math: true, highlight: true });
  else cpSync(path.resolve(options.content), contentCopy, { recursive: true });
  const note = readNoteIndex(contentCopy).notes.find((entry) => entry.slug === slug);
  if (!note) throw new Error(`no note with the slug "${slug}" in ${contentCopy}`);
  return note.path;
}

/**
 * Astro's dev server in this process, on the copied notes. Its caches (Astro's and Vite's) go to the
 * temporary folder: node_modules may be shared with another checkout, whose dev server uses them.
 */
async function startServer(): Promise<URL> {
  process.env.CONTENT_DIR = contentCopy;
  const { dev } = await import('astro');
  const server = await dev({
    root,
    logLevel: options.verbose ? 'debug' : 'warn',
    cacheDir: path.join(work, 'astro-cache'),
    server: { host: '127.0.0.1', port: 0 },
    vite: { cacheDir: path.join(work, 'vite-cache') },
  });
  stopServer = () => server.stop();
  return new URL(`http://127.0.0.1:${server.address.port}/${slug}/`);
}

/**
 * The page as a reload gets it. While the server is busy for longer than its keep-alive timeout, it
 * can close the kept connection as the request goes out; a browser then sends it again, and so does this.
 */
async function page(url: URL, attempts = 3): Promise<string> {
  try {
    const response = await fetch(url, { headers: { 'cache-control': 'no-cache' } });
    return await response.text();
  } catch (error) {
    if (attempts <= 1) throw error;
    return page(url, attempts - 1);
  }
}

/**
 * One save. `cpuMs` is the processor time the server (this process) spent until the change showed:
 * on a machine shared with other work, wall time grows with their load and this does not.
 */
interface Sample { ms?: number; cpuMs: number; reloads: number }

/** Saves the edit, then reloads until the page shows the marker: ms from the save to that page, none past the timeout. */
async function saveToVisible(url: URL, file: string, text: string, marker: string): Promise<Sample> {
  const saved = performance.now();
  const cpu = process.cpuUsage();
  const since = () => Math.round(performance.now() - saved);
  const cpuMs = () => Math.round((({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu)));
  await writeFile(file, text);
  for (let reloads = 1; ; reloads++) {
    const requested = since();
    const visible = (await page(url)).includes(marker);
    if (options.trace) console.log(`    reload ${reloads}: sent at ${requested} ms, answered at ${since()} ms${visible ? ', changed' : ''}`);
    if (visible) return { ms: since(), cpuMs: cpuMs(), reloads };
    if (since() > timeoutMs) return { cpuMs: cpuMs(), reloads };
    await sleep(retryMs);
  }
}

/** A CPU profile of this process (the dev server) while the runs go on, to see where the time goes. */
async function startProfile(): Promise<() => Promise<void>> {
  if (!options.profile) return async () => {};
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(options.profile!, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of the runs in ${options.profile} (open it in Chrome's DevTools, Performance)`);
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function measure() {
  const file = prepareContent();
  const notes = readNoteIndex(contentCopy).notes.length;
  const started = performance.now();
  const url = await startServer();
  const firstPage = await page(url);
  if (!firstPage.includes('<h1')) throw new Error(`${url} did not render an article:\n${firstPage.slice(0, 500)}`);
  console.log(`${notes} notes, dev server and first render of ${url.pathname} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const original = readFileSync(file, 'utf8');
  const results = [];
  const stopProfile = await startProfile();
  for (const { name, edit } of cases) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let missed = 0;
    for (let run = 1; run <= runs; run++) {
      const marker = `edit-loop-${Date.now().toString(36)}-${run}`;
      const { ms, cpuMs, reloads } = await saveToVisible(url, file, edit(original, marker), marker);
      if (ms === undefined) missed++;
      else times.push(ms);
      cpuTimes.push(cpuMs);
      console.log(`  ${name}, run ${run}: ${ms === undefined ? `not visible after ${timeoutMs / 1000} s` : `${ms} ms`}, CPU ${cpuMs} ms (${reloads} reload${reloads > 1 ? 's' : ''})`);
      await sleep(settleMs);
    }
    const summary = (values: number[]) => (values.length ? { median: Math.round(median(values)), max: Math.max(...values) } : null);
    results.push({ name, ms: summary(times), cpuMs: summary(cpuTimes), missed });
  }
  await stopProfile();
  console.log('');
  for (const { name, ms, cpuMs, missed } of results) {
    const verdict = !missed && ms && ms.max < 1000 ? 'under 1 s' : 'NOT under 1 s';
    console.log(`  ${notes} notes, ${name}: median ${ms?.median} ms, max ${ms?.max} ms${missed ? `, ${missed} of ${runs} never visible` : ''} (CPU median ${cpuMs?.median} ms): ${verdict}`);
  }
  console.log(`\n${JSON.stringify({ notes, slug, runs, cases: results })}`);
}

try {
  await measure();
} finally {
  await stopServer?.().catch(() => {});
  removeWork();
}
