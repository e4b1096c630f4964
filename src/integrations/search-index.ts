import * as pagefind from 'pagefind';
import type { PagefindIndex } from 'pagefind';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterBuild } from './after-build.ts';
import { searchPartPath, searchPartsPath, searchScriptPath, searchWasmPath } from '../lib/urls.ts';
import { changedRuntime, runtimeChanges } from './pagefind-runtime.ts';
import { siteCodeDigest } from '../lib/build-cache.ts';
import type { AstroConfig } from 'astro';
import { whatPagefindReads, type BuiltPage, type BuiltPages } from './built-pages.ts';
import { forEachInFlight } from '../lib/in-flight.ts';
import { readRecords } from '../content/records.ts';

/** Where the last index is kept, and what else decides an index besides the pages. */
interface IndexCache {
  dir: string;
  /** The code that made the pages' copies and the installed Pagefind (siteCodeDigest). */
  code: string;
  /** The notes of each part as the content layer loaded them (notesState): kept with each part, so a build can tell early which changed. */
  notes?: NotesState;
}

/** Every note's digest as the content layer loaded it this build, by the part of the index its page goes to. */
export interface NotesState {
  parts: number;
  /** Per part: changes with any edit, rename, addition or deletion of one of its notes. */
  states: string[];
}

/** Parts of the index Pagefind began while Astro built the pages (startEarlyIndex). */
export interface EarlyIndex {
  /** How many parts the index had when they were begun. */
  parts: number;
  /** By part: the index, and each page given to it (its path in dist/) by the digest of what was given (as `searchDigest`). */
  begun: Map<number, { index: PagefindIndex; given: Map<string, string> }>;
}

/**
 * How many parts the index is split into, for that many article pages. Pagefind cannot update an
 * index, so an edited note means a new index of its part alone: at 1000 notes a part of 250 pages
 * is given to Pagefind in 0.7 s and written in 0.5 s, the whole index in 2.9 and 2.4 s (a quiet
 * machine). Each part costs a first search its entry file, its metadata and its own chunks of the
 * query's words, so a small site keeps one index, and there are never more than eight.
 */
export function indexParts(pages: number): number {
  return pages < 500 ? 1 : Math.min(8, Math.round(pages / 250));
}

/** The part a note's page is indexed in: by a hash of its slug, so that a note keeps its part while others come and go. */
export function partOf(slug: string, parts: number): number {
  return parts === 1 ? 0 : createHash('sha256').update(slug).digest().readUInt32BE(0) % parts;
}

/** The slug of an article page's file in dist/ (`mla/index.html`). */
const slugOfPage = (file: string) => file.split(path.sep)[0];

/** What a part other than the first keeps of what Pagefind writes: its index, not a second runtime, WebAssembly or UI. */
const partFiles = /^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|index|fragment|filter)$/;

/**
 * Builds the Pagefind index over the built pages (`built`, readBuiltPages), once they and the section
 * pages are written. Only article pages carry `data-pagefind-body`, so only they are indexed, in
 * `indexParts` parts by `partOf` their slug, each into its `searchPartPath()`, all but the first
 * listed in `searchPartsPath()` for the browser to merge. Returns a line
 * saying how many pages.
 *
 * With a `cache`, the index Pagefind writes of each part is kept, keyed by that part's article pages
 * (without their stylesheet and scripts, which Pagefind does not read: their `searchDigest`) and the
 * code. A changed page means a new index of its part; a part none of whose pages changed (all of
 * them in a warm build, or after an edit to a topic or the home page) is copied from the cache.
 */
export async function buildSearchIndex(dist: string, built: readonly BuiltPage[], cache?: IndexCache, early?: EarlyIndex, parts?: number): Promise<string> {
  const pages = new Map(built.flatMap(({ file, searchDigest }) => (searchDigest === undefined ? [] : [[file, searchDigest]])));
  const partCount = parts ?? indexParts(pages.size);
  const byPart = Array.from({ length: partCount }, () => new Map<string, string>());
  for (const [file, digest] of pages) byPart[partOf(slugOfPage(file), partCount)].set(file, digest);
  const begun = early?.parts === partCount ? early.begun : new Map<number, never>();
  if (early && early.parts !== partCount) for (const { index } of early.begun.values()) await index.deleteIndex();

  const output = path.join(dist, 'pagefind');
  await rm(output, { recursive: true, force: true });
  let kept = 0;
  let givenEarly = 0;
  // Pagefind's process runs once any part was begun early, used or not, and must be closed.
  let started = (early?.begun.size ?? 0) > 0;
  // The first part first: it is Pagefind's whole folder, which the others go into.
  for (const [part, partPages] of byPart.entries()) {
    const folder = path.join(dist, searchPartPath(part));
    const keptDir = cache && path.join(cache.dir, `part-${part}`);
    const key = cache && indexKey(partPages, `${cache.code}\0${part} of ${partCount}`);
    if (keptDir && key && (await readFile(path.join(keptDir, 'key'), 'utf8').catch(() => '')) === key) {
      await cp(path.join(keptDir, 'pagefind'), folder, { recursive: true });
      kept++;
      continue;
    }
    started = true;
    givenEarly += await writeIndex(dist, partPages, folder, begun.get(part));
    begun.delete(part);
    if (part === 0) {
      const runtime = path.join(dist, searchScriptPath());
      await writeFile(runtime, changedRuntime(await readFile(runtime, 'utf8'), runtime));
    } else {
      for (const file of await readdir(folder)) if (!partFiles.test(file)) await rm(path.join(folder, file), { recursive: true });
    }
    if (keptDir && key) await keepIndex(folder, keptDir, key);
  }
  for (const { index } of begun.values()) await index.deleteIndex();
  if (started) await pagefind.close();
  await writeFile(path.join(dist, searchPartsPath()), JSON.stringify(byPart.slice(1).map((_, at) => `${searchPartPath(at + 1)}/`)));
  if (cache?.notes?.parts === partCount) {
    for (const [part, state] of cache.notes.states.entries()) {
      await mkdir(path.join(cache.dir, `part-${part}`), { recursive: true });
      await writeFile(path.join(cache.dir, `part-${part}`, 'notes'), state);
    }
  }

  const wasm = path.join(dist, searchWasmPath());
  if (!existsSync(wasm)) throw new Error(`Pagefind wrote no ${searchWasmPath()}: the search pages preload it by that name; change searchWasmPath() in src/lib/urls.ts to the file Pagefind now writes (${(await readdir(output)).filter((file) => file.startsWith('wasm.')).join(', ')}).`);

  // The completeness check counts what each part's entry file says it holds.
  const split = partCount > 1 ? ` in ${partCount} parts` : '';
  const reused = kept === partCount ? ' (the last build\'s index: no article page changed)' : kept > 0 ? ` (${kept} of the ${partCount} parts the last build's: none of their pages changed)` : '';
  const givenWhile = givenEarly ? ` (${givenEarly} of them given to Pagefind while the pages were built)` : '';
  return `${pages.size} articles indexed into pagefind/${split}${reused}${givenWhile}`;
}

async function newIndex(): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/**
 * Pages sent to Pagefind's process before it has answered for the first: enough that it is never idle
 * while this thread is busy elsewhere (an edit's pages are given while Astro renders on it). With 4,
 * an edited note's index step at 1000 notes still waited 3.3–3.8 s for the giving to end; with 32 it
 * took 2.7–2.9 s, Pagefind writing the index (three interleaved pairs of builds).
 */
const pagesInFlight = 32;

/**
 * Gives Pagefind each page's copy (withSeparators). With `given`, records the digest of what each was
 * given (as `searchDigest`): read while Astro may be writing the page, it can differ from the page's
 * last or final state, and the end of the build compares it with the final one.
 */
async function givePages(index: PagefindIndex, dist: string, pages: string[], given?: Map<string, string>): Promise<void> {
  await forEachInFlight(pages, pagesInFlight, async (page) => {
    const html = whatPagefindReads(await readFile(path.join(dist, page), 'utf8'));
    const added = await index.addHTMLFile({ sourcePath: page.split(path.sep).join('/'), content: withSeparators(html) });
    if (added.errors.length) throw new Error(`Pagefind failed to index ${page}: ${added.errors.join('; ')}`);
    given?.set(page, createHash('sha256').update(html).digest('hex'));
  });
}

/**
 * Writes the index of `pages` (path → searchDigest) into `output`. A part begun early is finished
 * when it holds no page that is gone: each page given late or changed since is given (again), and
 * Pagefind keeps the last copy given under a path, words and all. Returns how many pages the early
 * part had been given.
 */
async function writeIndex(dist: string, pages: Map<string, string>, output: string, early?: { index: PagefindIndex; given: Map<string, string> }): Promise<number> {
  const usable = early !== undefined && [...early.given.keys()].every((page) => pages.has(page));
  if (early && !usable) await early.index.deleteIndex();
  const index = usable ? early.index : await newIndex();
  await givePages(index, dist, [...pages].filter(([page, digest]) => !usable || early.given.get(page) !== digest).map(([page]) => page));
  const written = await index.writeFiles({ outputPath: output });
  if (written.errors.length) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
  return usable ? early.given.size : 0;
}

/** Every note's digest as the content layer loaded it this build, by the part of the index its page goes to. */
export function notesState(cacheDir: string): NotesState {
  const { articles } = readRecords(cacheDir);
  const parts = indexParts(articles.filter((article) => !article.data.draft).length);
  const notes = Array.from({ length: parts }, () => [] as string[]);
  for (const article of articles) notes[partOf(article.id, parts)].push(`${article.id}\0${article.digest}`);
  return { parts, states: notes.map((part) => createHash('sha256').update(part.sort().join('\n')).digest('hex')) };
}

/**
 * Begins the index as the build starts, in Pagefind's own process while Astro renders: each part
 * with a note changed since it was kept is given the last build's article pages of that part, still
 * in the output (old-output.ts links back the pages Astro may keep). At 1000 notes Pagefind spends
 * 3–5 s being given all the pages and 2.3–2.7 s writing one index (its own work, not the disk:
 * getFiles takes as long); an edited note's build then gives it only what changed, and writes only
 * its part. Nothing when no note changed (the kept parts will do), when there is no last build for
 * this code, or on any failure.
 */
export async function startEarlyIndex(dist: string, last: Map<string, BuiltPage>, cache: IndexCache): Promise<EarlyIndex | undefined> {
  const notes = cache.notes;
  if (notes === undefined) return undefined;
  const changed: number[] = [];
  for (const [part, state] of notes.states.entries()) {
    const dir = path.join(cache.dir, `part-${part}`);
    if (!existsSync(path.join(dir, 'key'))) return undefined;
    if ((await readFile(path.join(dir, 'notes'), 'utf8').catch(() => '')) !== state) changed.push(part);
  }
  if (changed.length === 0) return undefined;
  const pages = [...last.values()].filter((page) => page.searchDigest !== undefined && existsSync(path.join(dist, page.file))).map((page) => page.file);
  const early: EarlyIndex = { parts: notes.parts, begun: new Map() };
  for (const part of changed) {
    const ofPart = pages.filter((page) => partOf(slugOfPage(page), notes.parts) === part);
    if (ofPart.length === 0) continue;
    const begun = { index: await newIndex(), given: new Map<string, string>() };
    early.begun.set(part, begun);
    await givePages(begun.index, dist, ofPart, begun.given);
  }
  return early;
}

/** The key of an index: every article page by the hash of what Pagefind reads of it, and the rest of what the index depends on. */
function indexKey(pages: Map<string, string>, code: string): string {
  const key = createHash('sha256').update(code).update(runtimeChanges).update('zh-cn');
  for (const page of [...pages.keys()].sort()) key.update(`${page.split(path.sep).join('/')}\0${pages.get(page)}\n`);
  return key.digest('hex');
}

/** Replaces the kept index with the one just written; the key goes last, so a half-copied index is never used. */
async function keepIndex(output: string, dir: string, key: string): Promise<void> {
  const partial = `${dir}.${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await cp(output, path.join(partial, 'pagefind'), { recursive: true });
  await writeFile(path.join(partial, 'key'), key);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
}

export function searchIndex(pages: BuiltPages) {
  const cacheOf = ({ cacheDir, root }: AstroConfig): IndexCache => ({
    dir: path.join(fileURLToPath(cacheDir), 'search-index'),
    code: siteCodeDigest(fileURLToPath(root)),
    notes: notesState(fileURLToPath(cacheDir)),
  });
  // Read once a build (the notes' state is the records' whole file), at its start.
  let cache: IndexCache | undefined;
  let early: Promise<EarlyIndex | undefined> = Promise.resolve(undefined);
  return afterBuild(
    'search-index',
    async (dist, config) => buildSearchIndex(dist, await pages.of(dist), (cache ??= cacheOf(config)), await early),
    (dist, config) => {
      cache = cacheOf(config);
      const started = cache;
      // Work begun early only saves time: if it fails, the index is made from the written pages.
      early = pages.last().then((last) => startEarlyIndex(dist, last, started)).catch(() => undefined);
    },
  );
}

/** What Pagefind ends a block with a period after (its SENTENCE_CHARS, a Rust `\w` among them). */
const pagefindEndsSentence = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}'")$*]/u;
const punctuation = /[.。!！?？;；:：,，、·…]/u;

/**
 * Pagefind joins the text of adjacent elements into one run for its excerpts, and ends a block
 * (`p`, `li`, `td`…) with a period only when its last character is a letter or digit: a table header
 * (`th` is no block to it), a cell or item ending in a formula's `²` or a `%` ran into the next one
 * (`机制 每 token 每层缓存的元素数 以 … 为例 效果 MHA`). Only the copy of a page given to Pagefind
 * gets separators, so readers' pages stay as they are: a cell not ending in punctuation is followed
 * by ` ·`, the last cell of a row and a list item by a period when Pagefind would not add one. A
 * display formula (a `span`, no block to Pagefind) ends with a period too, unless its reading ends
 * with punctuation. KaTeX's glyphs (`.katex-html`, which Pagefind ignores) are left out of that copy,
 * so a formula's last text is its reading.
 */
export function withSeparators(html: string): string {
  const displayEnded = withoutGlyphs(html).replace(/(<span class="katex-display"[\s\S]*?<span hidden class="math-tex">[^<]*?)\s*<\/span>/g, (_match, reading: string) => `${reading}${punctuation.test(reading.at(-1) ?? '.') ? '' : '.'}</span>`);
  return displayEnded.replace(/<\/(th|td|li)>(?=(\s*<\/tr>)?)/g, (closing: string, tag: string, rowEnd: string | undefined, offset: number) => {
    // An item ending in a nested list: that list's items have their separators.
    if (/<\/(ul|ol)>\s*$/.test(displayEnded.slice(Math.max(0, offset - 40), offset))) return closing;
    const last = lastTextCharacter(displayEnded, offset);
    if (last === undefined || punctuation.test(last)) return closing;
    if ((tag === 'th' || tag === 'td') && rowEnd === undefined) return ` ·${closing}`;
    return tag !== 'th' && pagefindEndsSentence.test(last) ? closing : `.${closing}`;
  });
}

/** The page without each formula's `.katex-html` part: spans within spans, cut at the one that closes it. */
function withoutGlyphs(html: string): string {
  let out = '';
  let from = 0;
  const openings = /<span class="katex-html"[^>]*>/g;
  for (let opening = openings.exec(html); opening; opening = openings.exec(html)) {
    const tags = /<span\b|<\/span>/g;
    tags.lastIndex = opening.index + opening[0].length;
    let depth = 1;
    let tag = tags.exec(html);
    for (; tag; tag = tags.exec(html)) {
      depth += tag[0] === '</span>' ? -1 : 1;
      if (depth === 0) break;
    }
    if (!tag) break;
    out += html.slice(from, opening.index);
    from = tag.index + tag[0].length;
    openings.lastIndex = from;
  }
  return out + html.slice(from);
}

/** The last character of text before `end`, past closing tags and spaces (undefined when an element opens first: an empty cell). */
function lastTextCharacter(html: string, end: number): string | undefined {
  let i = end - 1;
  while (i >= 0) {
    const character = html[i];
    if (/\s/.test(character)) i--;
    else if (character === '>') {
      const start = html.lastIndexOf('<', i);
      if (html[start + 1] !== '/') return undefined;
      i = start - 1;
    } else if (character === ';' && /&#?\w+;$/.test(html.slice(Math.max(0, i - 9), i + 1))) {
      return '&';
    } else {
      const code = html.codePointAt(i - 1);
      return code !== undefined && code > 0xffff ? String.fromCodePoint(code) : character;
    }
  }
  return undefined;
}
