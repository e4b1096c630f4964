import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { closest } from '../lib/closest.ts';
import { siteUrl } from '../lib/site.ts';
import { homeUrl, pageOfWrittenFile, searchScriptPath, searchWasmPath, withoutBase } from '../lib/urls.ts';
import { afterBuild } from './after-build.ts';
import { forEachInFlight } from '../lib/in-flight.ts';

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

/**
 * After the pages are written: every internal link in dist/ must lead to a page that exists, and every
 * `#fragment` to an id on that page. A dangling link fails the build, naming the page, the link and
 * the closest existing addresses, so a renamed heading or a mistyped slug never reaches a reader.
 * Every page's preview image (og:image) must have been built too, unless the build draws none
 * (`previewImages: false`, PAGES_ONLY in src/lib/site.ts).
 * Checks the built site in `dist`; throws with every dangling link, returns a line saying what was checked.
 */
export async function checkLinks(dist: string, { previewImages = true }: { previewImages?: boolean } = {}): Promise<string> {
  const files = (await readdir(dist, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  const existing = new Set(files.map((file) => pageOfWrittenFile(path.relative(dist, file), path.sep)));
  // Pagefind's script and WebAssembly, which the search page preloads, are written by the search index
  // step after this one (it indexes pages this check has passed), which fails if either is missing.
  for (const file of [searchScriptPath(), searchWasmPath()]) existing.add(`/${file}`);
  const html = files.filter((file) => file.endsWith('.html') && !file.includes(`${path.sep}pagefind${path.sep}`));
  const idsByPage = new Map<string, Set<string>>();
  const linksByPage = new Map<string, string[]>();
  const imagesByPage = new Map<string, string[]>();
  // In file order, whatever order the reads finish in: problems and suggestions are listed in it.
  for (const file of html) {
    const page = pageOfWrittenFile(path.relative(dist, file), path.sep);
    idsByPage.set(page, new Set());
    linksByPage.set(page, []);
    imagesByPage.set(page, []);
  }
  // Eight reads in flight, so the regexes run while the disk reads: on the pages of 10,000 notes the
  // check took 10–18 s reading one page at a time, 7.3–8 s this way (four runs each, alternating).
  await forEachInFlight(html, 8, async (file) => {
    const page = pageOfWrittenFile(path.relative(dist, file), path.sep);
    // Attributes are read with regular expressions, not a parsed tree (hast-util-from-html): on this
    // site's 808 pages (17.5 MB) the regexes take 31 ms and parsing takes 4.8 s, for the same 8661
    // hrefs and ids; at 1000 notes (6056 pages) parsing would add about 35 s to every build. The pages
    // are the build's own output (Astro escapes attribute values), so the regexes see what a parser would.
    // Scripts hold templates, not links.
    const text = (await readFile(file, 'utf8')).replace(/<script\b[\s\S]*?<\/script>/g, '');
    const found = (pattern: RegExp) => detached([...text.matchAll(pattern)].map((match) => decodeEntities(match[1])));
    idsByPage.set(page, new Set(found(/\sid="([^"]*)"/g)));
    linksByPage.set(page, found(/\shref="([^"]*)"/g));
    // A chat shows the preview image a page names; the images are drawn apart from the pages (src/integrations/og-images.ts).
    imagesByPage.set(page, found(/<meta (?:property|name)="(?:og|twitter):image" content="([^"]*)"/g));
  });

  const problems: string[] = [];
  for (const [page, links] of linksByPage) {
    for (const link of new Set(links)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue;
      // dist/ is served under the base path (BASE_PATH), so links carry it: `/ml-notes/mla/` is dist/mla/.
      const url = new URL(link, `http://site${homeUrl()}${page.slice(1)}`);
      const target = withoutBase(decodeURIComponent(url.pathname));
      if (target === undefined) {
        problems.push(`${page}: link to ${url.pathname} is outside the site's base path ${homeUrl()}; build links with src/lib/urls.ts`);
        continue;
      }
      if (!existing.has(target)) {
        const pages = [...idsByPage.keys()];
        problems.push(`${page}: link to ${target} leads nowhere; did you mean ${closest(target, pages).join(' or ')}?`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      const ids = idsByPage.get(target);
      if (fragment && ids && !ids.has(fragment)) {
        problems.push(`${page}: link to ${target}#${fragment} names no heading or id on that page; did you mean ${closest(fragment, ids).map((id) => `#${id}`).join(' or ')}?`);
      }
    }
  }

  const origin = new URL(siteUrl()).origin;
  for (const [page, images] of previewImages ? imagesByPage : []) {
    for (const image of new Set(images)) {
      const url = new URL(image);
      const target = url.origin === origin ? withoutBase(decodeURIComponent(url.pathname)) : undefined;
      if (target !== undefined && !existing.has(target)) problems.push(`${page}: its preview image ${url.pathname} was not built`);
    }
  }

  if (problems.length > 0) {
    throw new Error(`${problems.length} dangling link(s) in the built site (an article's page is content/articles/<slug>.md):\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
  return `${[...linksByPage.values()].reduce((sum, links) => sum + links.length, 0)} links on ${html.length} pages all resolve`;
}

export const linkCheck = (options: { previewImages?: boolean } = {}) => afterBuild('link-check', (dist) => checkLinks(dist, options));
