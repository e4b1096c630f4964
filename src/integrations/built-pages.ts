import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { forEachInFlight } from '../lib/in-flight.ts';
import { siteCodeDigest } from '../lib/build-cache.ts';
import { pageOfWrittenFile } from '../lib/urls.ts';
import { glyphsDrawn } from '../math/index.ts';

/** What the steps after the build need to know of one written page, read from it once. */
export interface BuiltPage {
  /** Its path in dist/, with the platform's separator (`mla/index.html`). */
  file: string;
  /** Its address in the site, without the base path (`/mla/`). */
  page: string;
  /** A hash of the file, which decides whether the rest is read again. */
  digest: string;
  /** The file's inode, size and modification time: when they are the kept page's, the file is not even read. */
  stamp: string;
  /** The ids on it, for links' `#fragments` (entities decoded, as are the next three). */
  ids: string[];
  /** The hrefs on it, outside its scripts. */
  links: string[];
  /** The preview images its `og:image` and `twitter:image` name. */
  images: string[];
  /** Where its `<a rel="next">` leads: a listing's next page. */
  next?: string;
  /** A hash of what Pagefind reads of it (whatPagefindReads), on pages Pagefind indexes (`data-pagefind-body`). */
  searchDigest?: string;
  /** The characters its formulas draw with KaTeX's fonts, on pages with formulas (checked against the cut fonts: katex-fonts.ts). */
  glyphs?: string;
  /** What is missing for a reader: no `<main>`, no text in it, or an article without body text (a redirect stub for a former address is empty on purpose, and lacks nothing). */
  lacks?: 'main' | 'text' | 'body';
}

/**
 * The pages of a built site (every `.html` outside `pagefind/`), each read once for the check of
 * KaTeX's cut fonts, the link check, the search index's key, the offline worker's version and the
 * completeness check, which used to read all of them each: at 1000 notes 6108 pages, 168 MB, and
 * 0.8, 1.0, 1.3 and 1.1–2 s for the last four (6–8 s at 10,000 notes for the fonts).
 *
 * With a `cacheFile`, what was read of a page is kept with its file's hash and the site's code, so
 * a page that comes out the same as in the last build costs only its read and hash (about 0.35 s
 * for those 6108 pages), and a page the build left in place (the article pages Astro keeps, linked
 * from the last output: old-output.ts) not even that: the same inode, size and modification time
 * to the nanosecond are the same file, as git judges its working tree.
 */
export async function readBuiltPages(dist: string, { cacheFile, code = '' }: { cacheFile?: string; code?: string } = {}): Promise<BuiltPage[]> {
  const files = (await readdir(dist, { recursive: true, encoding: 'utf8' }))
    .filter((file) => file.endsWith('.html') && !file.startsWith(`pagefind${path.sep}`))
    .sort();
  const kept = cacheFile ? await keptPages(cacheFile, code) : new Map<string, BuiltPage>();
  const pages = new Map<string, BuiltPage>();
  // Eight reads in flight, so hashing and the regexes run while the disk reads.
  await forEachInFlight(files, 8, async (file) => {
    const full = path.join(dist, file);
    const known = kept.get(file);
    const stamp = stampOf(await stat(full, { bigint: true }));
    if (known?.stamp === stamp) {
      pages.set(file, known);
      return;
    }
    const bytes = await readFile(full);
    const digest = createHash('sha256').update(bytes).digest('hex');
    pages.set(file, known?.digest === digest ? { ...known, stamp } : readPage(file, digest, stamp, bytes.toString('utf8')));
  });
  const inOrder = files.map((file) => pages.get(file)!);
  if (cacheFile) await keepPages(cacheFile, code, inOrder);
  return inOrder;
}

const stampOf = (stats: BigIntStats) => `${stats.ino}-${stats.size}-${stats.mtimeNs}`;

/**
 * The built pages of this build, read when a step first asks (`of`); and what the last build read
 * of its pages, for a step that starts before this build's pages are out (`last`: empty after a
 * change to the site's code, or before any build).
 */
export type BuiltPages = AstroIntegration & { of(dist: string): Promise<BuiltPage[]>; last(): Promise<Map<string, BuiltPage>> };

/**
 * One read of the built pages per build, shared by the steps listed after it in astro.config.mjs
 * (`of(dist)`), made in its own place among them, after the emitters' files are written, and
 * logged with its time. Kept in the build cache between builds (`readBuiltPages`).
 */
export function builtPages(): BuiltPages {
  let cacheFile: string | undefined;
  let code = '';
  let read: Promise<BuiltPage[]> | undefined;
  const of = (dist: string) => (read ??= readBuiltPages(dist, { cacheFile, code }));
  const last = () => (cacheFile ? keptPages(cacheFile, code) : Promise.resolve(new Map<string, BuiltPage>()));
  return {
    name: 'built-pages',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheFile = path.join(fileURLToPath(config.cacheDir), 'built-pages.json');
        code = siteCodeDigest(fileURLToPath(config.root));
      },
      'astro:build:start': () => {
        read = undefined;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const pages = await of(fileURLToPath(dir));
        logger.info(`${pages.length} written pages read once for the steps after the build (${Math.round(performance.now() - started)} ms)`);
      },
    },
    of,
    last,
  };
}

function readPage(file: string, digest: string, stamp: string, html: string): BuiltPage {
  // Scripts hold templates, not links or ids. Attributes are read with regular expressions, not a
  // parsed tree (hast-util-from-html): on this site's 808 pages (17.5 MB) the regexes take 31 ms and
  // parsing takes 4.8 s, for the same 8661 hrefs and ids. The pages are the build's own output
  // (Astro escapes attribute values), so the regexes see what a parser would.
  const outsideScripts = html.replace(/<script\b[\s\S]*?<\/script>/g, '');
  const found = (pattern: RegExp) => detached([...outsideScripts.matchAll(pattern)].map((match) => decodeEntities(match[1])));
  const searchable = html.includes('data-pagefind-body');
  const redirect = /<meta http-equiv="refresh"/i.test(html);
  const glyphs = glyphsDrawn(html);
  const next = [...outsideScripts.matchAll(/<a\s[^>]*>/g)].map(([tag]) => tag).find((tag) => /\srel="next"/.test(tag))?.match(/\shref="([^"]*)"/)?.[1];
  return {
    file,
    page: pageOfWrittenFile(file, path.sep),
    digest,
    stamp,
    ids: found(/\sid="([^"]*)"/g),
    links: found(/\shref="([^"]*)"/g),
    // A chat shows the preview image a page names; the images are drawn apart from the pages (src/integrations/og-images.ts).
    images: found(/<meta (?:property|name)="(?:og|twitter):image" content="([^"]*)"/g),
    ...(next === undefined ? {} : { next: detached([decodeEntities(next)])[0] }),
    ...(glyphs ? { glyphs } : {}),
    ...(searchable ? { searchDigest: createHash('sha256').update(whatPagefindReads(html)).digest('hex') } : {}),
    ...(redirect ? {} : lacking(html, searchable)),
  };
}

function lacking(html: string, article: boolean): Pick<BuiltPage, 'lacks'> {
  const main = html.match(/<main\b[^>]*>([\s\S]*)<\/main>/)?.[1];
  if (main === undefined) return { lacks: 'main' };
  if (textOf(main) === '') return { lacks: 'text' };
  if (!article) return {};
  // An article page must carry its note, not just the title and facts around it.
  const prose = html.match(/<div class="prose"[^>]*>([\s\S]*?)<\/article>/)?.[1];
  return prose === undefined || textOf(prose) === '' ? { lacks: 'body' } : {};
}

/** The text a reader sees in a piece of a page: no tags, no scripts, styles or templates. */
function textOf(markup: string): string {
  return markup
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The page without the elements whose text Pagefind never indexes, which would only be sent to its
 * process and parsed there: `<style>` and `<script>` (the inlined stylesheet alone is 52 KB of every
 * page), KaTeX's MathML (`<math>`: Pagefind reads a formula's hidden reading instead) and the
 * icons' and diagrams' `<svg>`. The index is byte for byte the same without them (1000 synthetic
 * notes, and the site's 49); giving Pagefind 1000 pages took 2.4–2.7 s instead of 3.0–3.5 s (three
 * alternations), 26.6 MB sent instead of 41.1.
 */
export function whatPagefindReads(html: string): string {
  return html.replace(/<(style|script|math|svg)\b[^>]*>[\s\S]*?<\/\1>/g, '');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Copies of strings cut from a page, sharing nothing with it. V8 keeps a matched part as a slice of
 * the whole page's string, so the ids and links of 10,000 pages held every page in memory and ran
 * the 10,000-note build out of heap; joined and split again, they are slices of one small string.
 */
function detached(parts: string[]): string[] {
  return parts.length === 0 ? [] : parts.join('\0').split('\0');
}

async function keptPages(cacheFile: string, code: string): Promise<Map<string, BuiltPage>> {
  try {
    const kept = JSON.parse(await readFile(cacheFile, 'utf8')) as { code: string; pages: BuiltPage[] };
    // What is read of a page is the code's to decide: a change to it reads every page again.
    if (kept.code === code) return new Map(kept.pages.map((page) => [page.file, page]));
  } catch {
    // No pages kept yet (or an unreadable file): read them all.
  }
  return new Map();
}

/** Written aside and renamed into place, so a build that stops halfway never leaves half a file. */
async function keepPages(cacheFile: string, code: string, pages: BuiltPage[]): Promise<void> {
  await mkdir(path.dirname(cacheFile), { recursive: true });
  const partial = `${cacheFile}.${process.pid}`;
  await writeFile(partial, JSON.stringify({ code, pages }));
  await rename(partial, cacheFile);
}
