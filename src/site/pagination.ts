/**
 * Listings that grow with the notes (a topic's, a tag's, the timeline) are cut into pages, so no
 * page gets heavier as the site grows (docs/performance.md: ≤ 100 KB of HTML each). The routes use
 * Astro's paginate() (`[...page].astro`: page 1 at the listing's own address, page n at `<address>/n/`);
 * the addresses they link come from src/lib/urls.ts, and `checkedPage` makes sure the two agree.
 */

/** Notes on a page of a topic or tag: a card is about 0.3 KB, so 50 of them and the page around them (35 KB) stay near 50 KB. */
export const notesPerPage = 50;

/** Entries on a page of the timeline: about 0.34 KB each with the summary, so a page stays near 70 KB. */
export const timelinePerPage = 100;

/** What a page of a listing knows of its place: Astro's `Page` has these fields and more. */
export interface PagePlace {
  currentPage: number;
  lastPage: number;
  url: { current: string };
}

/**
 * The page numbers a page's navigation shows: the first and the last, and the current page with
 * `around` pages either side; a run of hidden pages is one `'gap'`, and a gap that would hide a
 * single page shows that page instead.
 */
export function pageWindow(current: number, last: number, around = 2): Array<number | 'gap'> {
  if (last < 1 || current < 1 || current > last) throw new Error(`page ${current} of ${last}: no such page`);
  const shown = new Set([1, last]);
  for (let page = Math.max(1, current - around); page <= Math.min(last, current + around); page++) shown.add(page);
  const pages = [...shown].sort((a, b) => a - b);
  const items: Array<number | 'gap'> = [];
  for (const page of pages) {
    const previous = items.at(-1);
    if (typeof previous === 'number' && page - previous === 2) items.push(previous + 1);
    else if (typeof previous === 'number' && page - previous > 2) items.push('gap');
    items.push(page);
  }
  return items;
}

/**
 * The addresses a page links to: the previous and next page (undefined at the ends) and any page
 * by number, all from `urlOf` (src/lib/urls.ts). Throws when `urlOf` does not give the address Astro
 * wrote the page at, so a route and the URL module cannot drift apart unnoticed.
 */
export function checkedPage(page: PagePlace, urlOf: (page: number) => string): { prev?: string; next?: string; urlOf: (page: number) => string } {
  const expected = urlOf(page.currentPage);
  if (decodeURI(page.url.current) !== decodeURI(expected)) {
    throw new Error(`page ${page.currentPage} was written at ${page.url.current}, but src/lib/urls.ts names it ${expected}: make the route and the URL module agree`);
  }
  return {
    prev: page.currentPage > 1 ? urlOf(page.currentPage - 1) : undefined,
    next: page.currentPage < page.lastPage ? urlOf(page.currentPage + 1) : undefined,
    urlOf,
  };
}

/** A page's title: the listing's own on its first page, with the page number after it on the others. */
export function pageTitle(title: string, page: Pick<PagePlace, 'currentPage'>): string {
  return page.currentPage > 1 ? `${title}（第 ${page.currentPage} 页）` : title;
}

/** "第 2 页，共 10 页" for a listing of several pages, nothing for one page. */
export function pageOfPages(page: Pick<PagePlace, 'currentPage' | 'lastPage'>): string {
  return page.lastPage > 1 ? `第 ${page.currentPage} 页，共 ${page.lastPage} 页` : '';
}
