import { configuredBase, stripBase } from './base.ts';

/**
 * Every address the site links to is built here, so a route can change in one place and the
 * tests can pin each form. All paths end in `/` (the site is built with trailingSlash: 'always')
 * and start with the base path (BASE_PATH, `/` by default; see src/lib/base.ts).
 */
const base = configuredBase();

function join(...segments: string[]): string {
  return base + segments.map((segment) => encodeURIComponent(segment)).join('/') + '/';
}

/** `/<slug>/`, or `/<slug>/#<heading-id>` for a section. */
export function articleUrl(slug: string, headingId?: string): string {
  return join(slug) + (headingId ? `#${encodeURIComponent(headingId)}` : '');
}

/**
 * The shareable address of a section: a small page whose chat preview shows the section (chats drop
 * `#fragment` when they fetch a preview) and which sends the reader on to `articleUrl(slug, id)`.
 */
export function sectionUrl(slug: string, headingId: string): string {
  return join(slug, 's', headingId);
}

/** Where the page of `sectionUrl(slug, headingId)` is written in the build output, relative to it. */
export function sectionPagePath(slug: string, headingId: string): string {
  return `${slug}/s/${headingId}/index.html`;
}

/**
 * The slug and section of a site address such as `/mla/` or `/mla/#推导`; undefined for any other
 * address. Pages link with the base (`/ml-notes/mla/`); notes are written without it, so the
 * Markdown checks pass `under: '/'`.
 */
export function parseArticleUrl(href: string, under: string = base): { slug: string; id?: string } | undefined {
  const path = stripBase(href, under);
  if (path === undefined) return undefined;
  const match = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:#(.+))?$/.exec(path);
  if (!match) return undefined;
  let id: string | undefined;
  try {
    id = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  } catch {
    id = match[2];
  }
  return { slug: match[1], id };
}

/** The small JSON file a link preview fetches (see src/site/hover-previews.ts). */
export function articlePreviewUrl(slug: string): string {
  return join(slug) + 'preview.json';
}

/** Where that file is written in the build output, relative to it. */
export function articlePreviewPath(slug: string): string {
  return `${slug}/preview.json`;
}

/**
 * The note as Markdown, beside its page (`/mla/` → `/mla.md`), for readers that take text: an AI
 * assistant given the link (see src/site/markdown-copies.ts).
 */
export function articleMarkdownUrl(slug: string): string {
  return base + encodeURIComponent(slug) + '.md';
}

/** Where that file is written in the build output, relative to it. */
export function articleMarkdownPath(slug: string): string {
  return `${slug}.md`;
}

/** The site's index for language models (llmstxt.org). */
export function llmsTxtUrl(): string {
  return base + llmsTxtPath();
}

/** Where that file is written in the build output, relative to it. */
export function llmsTxtPath(): string {
  return 'llms.txt';
}

/**
 * Every note's Markdown in one file, `/llms-full.txt`; on a site too large for one file a host
 * serves, in parts, the first there and part `part` at `/llms-full-<part>.txt`.
 */
export function llmsFullTxtUrl(part = 1): string {
  return base + llmsFullTxtPath(part);
}

/** Where that file is written in the build output, relative to it. */
export function llmsFullTxtPath(part = 1): string {
  if (!Number.isInteger(part) || part < 1) throw new Error(`part ${part} of llms-full.txt: parts are numbered from 1`);
  return part === 1 ? 'llms-full.txt' : `llms-full-${part}.txt`;
}

/**
 * A listing's page `page` (1 first): the first page at the listing's own address, later ones a
 * segment below it (`/topics/llm/2/`), as Astro's paginate() names them from a `[...page]` route.
 */
function paged(segments: string[], page: number): string {
  if (!Number.isInteger(page) || page < 1) throw new Error(`page ${page} of ${segments.join('/') || 'a listing'}: pages are numbered from 1`);
  return join(...segments, ...(page > 1 ? [String(page)] : []));
}

/** A topic's notes: `/topics/<id>/`, later pages `/topics/<id>/<page>/`. */
export function topicUrl(topic: string, page = 1): string {
  return paged(['topics', topic], page);
}

export function topicsUrl(): string {
  return join('topics');
}

/** Models and papers by date: `/timeline/`, later pages `/timeline/<page>/`. */
export function timelineUrl(page = 1): string {
  return paged(['timeline'], page);
}

/**
 * The map of links between notes: `/graph/`, or one topic's notes and their links,
 * `/graph/<topic>/` (drawn when the whole map would be too big to read; src/site/link-map.ts).
 */
export function graphUrl(topic?: string): string {
  return topic === undefined ? join('graph') : join('graph', topic);
}

/** A tag's notes: `/tags/<tag>/`, later pages `/tags/<tag>/<page>/`. */
export function tagUrl(tag: string, page = 1): string {
  return paged(['tags', tag], page);
}

export function tagsUrl(): string {
  return join('tags');
}

/** The glossary: `/terms/`, or `/terms/#<term-id>` for one term. */
export function termsUrl(termId?: string): string {
  return join('terms') + (termId ? `#${encodeURIComponent(termId)}` : '');
}

/** The names search knows besides the index's words (src/site/search-names.ts). */
export function searchNamesUrl(): string {
  return assetUrl(searchNamesPath());
}

export function searchNamesPath(): string {
  return 'search/names.json';
}

/** Pagefind's script, the one file of its index a page loads itself (the rest it fetches). */
export function searchScriptPath(): string {
  return 'pagefind/pagefind.js';
}

/**
 * The list of the index's other parts (their folders, as `pagefind/part-1/`), which a search merges
 * into the first: a large site's index is split so that an edited note remakes one part
 * (src/integrations/search-index.ts). An empty list for a site of one part.
 */
export function searchPartsPath(): string {
  return 'pagefind/parts.json';
}

/** The folder of a part of the index: the first is Pagefind's own, with its runtime; the others are inside it. */
export function searchPartPath(part: number): string {
  return part === 0 ? 'pagefind' : `pagefind/part-${part}`;
}

/**
 * Pagefind's WebAssembly, which its script fetches only after its entry file: the language-neutral
 * build (`unknown`), the one Pagefind uses for Chinese, which it has no stemmer for. Known here so a
 * page can start fetching it beside the script; the search-index step fails the build if Pagefind
 * ever names it differently.
 */
export function searchWasmPath(): string {
  return 'pagefind/wasm.unknown.pagefind';
}

/**
 * What the first search downloads before it can search, in one list so that the search page (as
 * `<link>`s in its head) and the search dialog (on the reader's intent) start them side by side rather
 * than one after another: Pagefind's script, its WebAssembly, the list of the index's parts and the
 * names file.
 */
export function searchPreloads(): Array<{ href: string; module: boolean }> {
  return [
    { href: assetUrl(searchScriptPath()), module: true },
    { href: assetUrl(searchWasmPath()), module: false },
    { href: assetUrl(searchPartsPath()), module: false },
    { href: searchNamesUrl(), module: false },
  ];
}

/** Filters of the search page, by facet: `topic` (topic ids), `tag` (tag ids), `year` (paper years). */
export type SearchFilters = Partial<Record<'topic' | 'tag' | 'year', string[]>>;

/**
 * The search page, optionally with a query and filters that the page restores on load (for links
 * pasted into chats): `/search/?q=…&topic=…&tag=…&year=…`.
 */
export function searchUrl(query?: string, filters: SearchFilters = {}): string {
  const params = [
    ...(query ? [`q=${encodeURIComponent(query)}`] : []),
    ...(['topic', 'tag', 'year'] as const).flatMap((facet) => (filters[facet] ?? []).map((value) => `${facet}=${encodeURIComponent(value)}`)),
  ];
  return join('search') + (params.length ? `?${params.join('&')}` : '');
}

type PreviewImagePage = 'home' | `${'articles' | 'topics' | 'tags' | 'sections'}/${string}`;

/** The preview image of a page: `home`, `articles/<slug>`, `sections/<slug>/<id>`, `topics/<id>` or `tags/<tag>`. */
export function previewImageUrl(page: PreviewImagePage): string {
  return base + 'previews/' + page.split('/').map((segment) => encodeURIComponent(segment)).join('/') + '.png';
}

/** Where that image is written in the build output, relative to it. */
export function previewImagePath(page: PreviewImagePage): string {
  return `previews/${page}.png`;
}

/** RSS feed of new and updated articles: the whole site, or one topic. */
export function feedUrl(topic?: string): string {
  return topic ? join('topics', topic) + 'rss.xml' : base + 'rss.xml';
}

export function sitemapUrl(): string {
  return base + 'sitemap-index.xml';
}

export function homeUrl(): string {
  return base;
}

/** A file of the site that is not a page: `favicon.svg`, `pagefind/pagefind.js`, `sw.js`. */
export function assetUrl(file: string): string {
  return base + file;
}

/**
 * A root-relative address written in a note (`/mla/`, `/images/x.png`) as the built site serves
 * it, under the base. Other addresses are returned unchanged.
 */
export function siteUrlOf(written: string): string {
  return written.startsWith('/') && !written.startsWith('//') ? base + written.slice(1) : written;
}

/** A path of the built site without the base (`/ml-notes/mla/` → `/mla/`); undefined outside it. */
export function withoutBase(pathname: string): string | undefined {
  return stripBase(pathname, base);
}

/**
 * The page a file written to dist/ serves, without the base, from its path in dist/ (`separator`
 * the platform's): `mla/index.html` → `/mla/`, `index.html` → `/`, `404.html` → `/404.html`.
 */
export function pageOfWrittenFile(relative: string, separator = '/'): string {
  return '/' + relative.split(separator).join('/').replace(/(^|\/)index\.html$/, '$1');
}

/** Absolute form of a site path, for canonical links and previews. */
export function absoluteUrl(path: string, site: string | URL): string {
  return new URL(path, site).href;
}
