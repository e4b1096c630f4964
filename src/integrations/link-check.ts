import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { closest } from '../lib/closest.ts';
import { siteUrl } from '../lib/site.ts';
import { homeUrl, pageOfWrittenFile, searchPartsPath, searchScriptPath, searchWasmPath, withoutBase } from '../lib/urls.ts';
import { afterBuild } from './after-build.ts';
import type { BuiltPage, BuiltPages } from './built-pages.ts';

/**
 * After the pages are written: every internal link in dist/ must lead to a page that exists, and every
 * `#fragment` to an id on that page. A dangling link fails the build, naming the page, the link and
 * the closest existing addresses, so a renamed heading or a mistyped slug never reaches a reader.
 * Every page's preview image (og:image) must have been built too, unless the build draws none
 * (`previewImages: false`, PAGES_ONLY in src/lib/site.ts).
 * Checks the built site in `dist`; throws with every dangling link, returns a line saying what was checked.
 */
export async function checkLinks(dist: string, pages: readonly BuiltPage[], { previewImages = true }: { previewImages?: boolean } = {}): Promise<string> {
  const files = (await readdir(dist, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  const existing = new Set(files.map((file) => pageOfWrittenFile(path.relative(dist, file), path.sep)));
  // Pagefind's script and WebAssembly and the list of the index's parts, which the search page
  // preloads, are written by the search index step after this one (it indexes pages this check has
  // passed), which fails if Pagefind's are missing.
  for (const file of [searchScriptPath(), searchWasmPath(), searchPartsPath()]) existing.add(`/${file}`);
  // In file order: problems and suggestions are listed in it.
  const idsByPage = new Map(pages.map((built) => [built.page, new Set(built.ids)]));

  const problems: string[] = [];
  for (const { page, links } of pages) {
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
        problems.push(`${page}: link to ${target} leads nowhere; did you mean ${closest(target, [...idsByPage.keys()]).join(' or ')}?`);
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
  for (const { page, images } of previewImages ? pages : []) {
    for (const image of new Set(images)) {
      const url = new URL(image);
      const target = url.origin === origin ? withoutBase(decodeURIComponent(url.pathname)) : undefined;
      if (target !== undefined && !existing.has(target)) problems.push(`${page}: its preview image ${url.pathname} was not built`);
    }
  }

  if (problems.length > 0) {
    throw new Error(`${problems.length} dangling link(s) in the built site (an article's page is content/articles/<slug>.md):\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
  return `${pages.reduce((sum, { links }) => sum + links.length, 0)} links on ${pages.length} pages all resolve`;
}

export const linkCheck = (pages: BuiltPages, options: { previewImages?: boolean } = {}) => afterBuild('link-check', async (dist) => checkLinks(dist, await pages.of(dist), options));
