import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readRecords, type ContentRecords } from '../content/records.ts';
import { slugFromPath } from '../lib/slugs.ts';
import { hostFileLimit, hostFolderLimit } from '../lib/site.ts';
import { articleMarkdownPath, articleMarkdownUrl, llmsFullTxtPath, llmsTxtPath, searchPartsPath, siteUrlOf, withoutBase } from '../lib/urls.ts';
import { afterBuild } from './after-build.ts';
import type { BuiltPage, BuiltPages } from './built-pages.ts';

/** What the strictest common hosts accept (src/lib/site.ts); a test passes smaller ones. */
const hostLimits = { fileBytes: hostFileLimit, folderEntries: hostFolderLimit };

interface Article { slug: string; file: string; topic: string; draft: boolean; formerSlugs: string[] }

/**
 * Last step of the build: nothing written is lost and nothing unpublished leaks. Every non-draft article in
 * the content folder has exactly one page in dist/, is listed on its topic page (or one of the pages
 * after it, reached through their next links), is in the search index (Pagefind's page count; not
 * with `searchIndex: false`, a build of the pages alone) and, when the build writes a sitemap, in
 * the sitemap; it has its
 * Markdown copy (`/<slug>.md`, at its former slugs too), listed in llms.txt and held in
 * llms-full.txt; no page is empty; a draft appears nowhere: no page, no link, no sitemap entry, no
 * Markdown copy.
 * Checks the built site in `dist` against every note file the content layer found and what it loaded
 * of each; throws with every problem, returns a summary line.
 */
export function checkComplete(
  dist: string,
  built: readonly BuiltPage[],
  { files, articles: loaded }: Pick<ContentRecords, 'files' | 'articles'>,
  { searchIndex = true, limits = hostLimits }: { searchIndex?: boolean; limits?: typeof hostLimits } = {},
): string {
  const problems: string[] = [];
  const byFile = new Map(loaded.map((article) => [path.normalize(article.file), article]));
  const articles: Article[] = files.map((file) => {
    const record = byFile.get(path.normalize(file));
    if (!record) problems.push(`${file}: a note file the content collection did not load`);
    return { slug: record?.id ?? slugFromPath(path.basename(file)), file, topic: String(record?.data.topic), draft: record?.data.draft === true, formerSlugs: record?.data.formerSlugs ?? [] };
  });
  const published = articles.filter((article) => !article.draft);
  const drafts = articles.filter((article) => article.draft);

  // Pages are keyed by their path in dist/; links in them carry the base path (BASE_PATH).
  const draftAt = new Map(drafts.map((draft) => [siteUrlOf(`/${draft.slug}/`), draft]));
  const pageNames = new Set(built.map(({ page }) => page));
  const topicPages = new Map(built.filter(({ page }) => page.startsWith('/topics/')).map((page) => [page.page, page]));
  // An article page is one that Pagefind indexes: its <article> carries data-pagefind-body.
  const articlePages = built.filter((page) => page.searchDigest !== undefined).map(({ page }) => page);
  const lacking = { main: 'the page has no <main>', text: 'the page is empty (its <main> holds no text)', body: 'the article page has no body text' };
  for (const page of built) {
    for (const draft of new Set(page.links.map((link) => draftAt.get(link.replace(/#.*/, ''))))) {
      if (draft) problems.push(`${draft.file}: is a draft but ${page.page} links to /${draft.slug}/`);
    }
    // Redirect stubs for former addresses are meant to be empty (built-pages.ts leaves them be); they refresh to the new page.
    if (page.lacks) problems.push(`${page.page}: ${lacking[page.lacks]}`);
  }

  const pageCount = new Map<string, number>();
  for (const page of articlePages) pageCount.set(page, (pageCount.get(page) ?? 0) + 1);
  // A topic of many notes is listed over several pages (src/site/pagination.ts), read here as a
  // reader would: from the topic's address, following each page's link to the next. Each topic's
  // listing is read once, into the addresses it links (without #fragments).
  const topicListings = new Map<string, { pages: number; links: Set<string> } | undefined>();
  const listingOf = (topic: string) => {
    if (!topicListings.has(topic)) {
      const listing = listingPages(topicPages, `/topics/${topic}/`, problems);
      topicListings.set(topic, listing && { pages: listing.length, links: new Set(listing.flatMap(({ links }) => links.map((link) => link.replace(/#.*/, '')))) });
    }
    return topicListings.get(topic);
  };
  for (const article of published) {
    const url = `/${article.slug}/`;
    const count = pageCount.get(url) ?? 0;
    if (count !== 1) problems.push(`${article.file}: expected exactly one page at ${url}, found ${count}`);
    const listing = listingOf(article.topic);
    if (!listing) problems.push(`${article.file}: its topic page /topics/${article.topic}/ was not built`);
    else if (!listing.links.has(siteUrlOf(url))) problems.push(`${article.file}: not listed on its topic page /topics/${article.topic}/${listing.pages > 1 ? ` or the ${listing.pages - 1} after it` : ''}`);
  }
  const expected = new Set(published.map((article) => `/${article.slug}/`));
  for (const page of articlePages) {
    if (!expected.has(page)) problems.push(`${page}: an article page with no published note behind it`);
  }

  const entryFile = path.join(dist, 'pagefind', 'pagefind-entry.json');
  const partsFile = path.join(dist, searchPartsPath());
  if (!searchIndex) {
    // A build of the pages alone (PAGES_ONLY, src/lib/site.ts) writes no index to count.
  } else if (!existsSync(entryFile) || !existsSync(partsFile)) {
    problems.push(`dist/pagefind/${existsSync(entryFile) ? path.basename(partsFile) : 'pagefind-entry.json'} is missing: the search index was not built`);
  } else {
    // The first part's entry, then each other part's, as the browser merges them.
    const entries = [entryFile, ...(JSON.parse(readFileSync(partsFile, 'utf8')) as string[]).map((part) => path.join(dist, part, 'pagefind-entry.json'))];
    const missing = entries.filter((file) => !existsSync(file));
    if (missing.length > 0) problems.push(`${missing.map((file) => path.relative(dist, file)).join(', ')} missing: dist/${searchPartsPath()} lists parts of the search index that were not written`);
    const indexed = entries
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { languages: Record<string, { page_count: number }> })
      .reduce((sum, entry) => sum + Object.values(entry.languages).reduce((count, language) => count + language.page_count, 0), 0);
    if (indexed !== published.length) problems.push(`the search index holds ${indexed} pages but there are ${published.length} published articles`);
  }

  for (const draft of drafts) {
    const url = `/${draft.slug}/`;
    if (pageNames.has(url)) problems.push(`${draft.file}: is a draft but has a page at ${url}`);
  }

  // The Markdown copies (src/site/markdown-copies.ts): llms.txt links each by its absolute address.
  const fileText = (file: string) => (existsSync(path.join(dist, file)) ? readFileSync(path.join(dist, file), 'utf8') : undefined);
  const llms = fileText(llmsTxtPath());
  // llms-full.txt and the parts after it, as many as there are.
  const fullParts: string[] = [];
  for (let part = 1, text; (text = fileText(llmsFullTxtPath(part))) !== undefined; part++) fullParts.push(text);
  const llmsFull = fullParts.length > 0 ? fullParts.join('\n') : undefined;
  if (llms === undefined) problems.push(`dist/${llmsTxtPath()} is missing: the Markdown copies were not written`);
  if (llmsFull === undefined) problems.push(`dist/${llmsFullTxtPath()} is missing: the Markdown copies were not written`);
  // Each is looked up in what one pass over llms.txt and llms-full.txt found: searching the whole of
  // them for every note took minutes at 10,000 notes (llms-full.txt is 63 MB there).
  const listed = new Set([...(llms ?? '').matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((match) => new URL(match[1]).pathname));
  const listedIn = (slug: string) => listed.has(articleMarkdownUrl(slug));
  // A copy is found by its address line (src/site/markdown-copies.ts), then compared whole from there.
  const addressLine = /^- 网页：\[([^\]]*)\]/m;
  const copyAt = new Map([...(llmsFull ?? '').matchAll(new RegExp(addressLine.source, 'gm'))].map((match) => [match[1], match.index]));
  const inFullText = (copy: string) => {
    const line = copy.match(addressLine);
    const at = line ? copyAt.get(line[1]) : undefined;
    return line?.index === undefined || at === undefined ? llmsFull!.includes(copy) : llmsFull!.startsWith(copy, at - line.index);
  };
  for (const article of published) {
    for (const slug of [article.slug, ...article.formerSlugs]) {
      const copy = fileText(articleMarkdownPath(slug));
      if (!copy?.startsWith('# ')) problems.push(`${article.file}: ${copy === undefined ? 'has no' : 'has an empty or headless'} Markdown copy at /${articleMarkdownPath(slug)}`);
    }
    if (llms !== undefined && !listedIn(article.slug)) problems.push(`${article.file}: not listed in ${llmsTxtPath()}`);
    const copy = fileText(articleMarkdownPath(article.slug));
    if (llmsFull !== undefined && copy !== undefined && !inFullText(copy)) problems.push(`${article.file}: its Markdown copy is not in ${llmsFullTxtPath()}${fullParts.length > 1 ? ` or its ${fullParts.length - 1} other parts` : ''}`);
  }
  for (const draft of drafts) {
    if (existsSync(path.join(dist, articleMarkdownPath(draft.slug)))) problems.push(`${draft.file}: is a draft but has a Markdown copy at /${articleMarkdownPath(draft.slug)}`);
    if (listedIn(draft.slug)) problems.push(`${draft.file}: is a draft but is listed in ${llmsTxtPath()}`);
  }

  const sitemaps = readdirSync(dist).filter((file) => /^sitemap-.*\.xml$/.test(file) && file !== 'sitemap-index.xml');
  if (sitemaps.length > 0) {
    const locations = sitemaps.flatMap((file) => [...readFileSync(path.join(dist, file), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => { const pathname = new URL(match[1]).pathname; return withoutBase(pathname) ?? pathname; }));
    // Counted once, not filtered again for every note: that grew with notes × pages (3000 × 3245 at 3000 notes).
    const times = new Map<string, number>();
    for (const location of locations) times.set(decodeURI(location), (times.get(decodeURI(location)) ?? 0) + 1);
    for (const article of published) {
      const count = times.get(`/${article.slug}/`) ?? 0;
      if (count !== 1) problems.push(`${article.file}: expected once in the sitemap (${sitemaps.join(', ')}), found ${count} times`);
    }
    for (const draft of drafts) {
      if (times.has(`/${draft.slug}/`)) problems.push(`${draft.file}: is a draft but is in the sitemap`);
    }
  }

  // What a host is asked to serve (docs/deploying.md, "What the hosts accept").
  const output = outputSize(dist, limits);
  for (const [file, bytes] of output.tooLarge) problems.push(`dist/${file}: ${(bytes / 2 ** 20).toFixed(1)} MiB, more than the ${(limits.fileBytes / 2 ** 20).toFixed(1)} MiB a file Cloudflare Pages serves; split it or leave it out`);
  for (const [folder, entries] of output.crowded) problems.push(`dist/${folder}: ${entries} files and folders in one folder, more than the ${limits.folderEntries} Netlify deploys; spread them over subfolders`);

  if (problems.length > 0) {
    throw new Error(`${problems.length} problem(s) with what the build published:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
  return `${published.length} articles, each with one page, on its topic page${searchIndex ? ' and in the search index' : ''}${sitemaps.length ? ' and the sitemap' : ''}, and with its Markdown copy in llms.txt; ${built.length} pages, none empty; ${drafts.length} draft(s) published nowhere; dist/ holds ${output.files} files, ${(output.bytes / 1e6).toFixed(1)} MB`;
}

/**
 * How many files the build output holds and their bytes, the files larger than a host serves and
 * the folders holding more entries than a host deploys.
 */
function outputSize(dist: string, limits: typeof hostLimits): { files: number; bytes: number; tooLarge: Array<[file: string, bytes: number]>; crowded: Array<[folder: string, entries: number]> } {
  const tooLarge: Array<[string, number]> = [];
  const entriesOf = new Map<string, number>();
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    entriesOf.set(entry.parentPath, (entriesOf.get(entry.parentPath) ?? 0) + 1);
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const size = statSync(file).size;
    files++;
    bytes += size;
    if (size > limits.fileBytes) tooLarge.push([path.relative(dist, file), size]);
  }
  const crowded = [...entriesOf].filter(([, entries]) => entries > limits.folderEntries).map(([folder, entries]): [string, number] => [path.relative(dist, folder) || '.', entries]);
  return { files, bytes, tooLarge, crowded };
}

/**
 * The pages of a listing that starts at `first` (a path in dist/, without the base), in order, found
 * by following each page's `rel="next"` link; undefined when the first page was not built. A next
 * link to a page that does not exist, or back to one already read, is a problem.
 */
export function listingPages(built: ReadonlyMap<string, BuiltPage>, first: string, problems: string[]): BuiltPage[] | undefined {
  const pages: BuiltPage[] = [];
  const seen = new Set<string>();
  for (let page: string | undefined = first; page !== undefined;) {
    const listed = built.get(page);
    if (listed === undefined) {
      if (page !== first) problems.push(`${[...seen].at(-1)}: its next page ${page} was not built`);
      return page === first ? undefined : pages;
    }
    seen.add(page);
    pages.push(listed);
    const { next } = listed;
    if (next === undefined) break;
    const target = withoutBase(decodeURI(new URL(next, `http://site${siteUrlOf(page)}`).pathname));
    if (target === undefined || seen.has(target)) {
      problems.push(`${page}: its next page ${next} ${target === undefined ? 'is outside the site' : 'was read before'}`);
      break;
    }
    page = target;
  }
  return pages;
}

export const completenessCheck = (pages: BuiltPages, options: { searchIndex?: boolean } = {}) => afterBuild('completeness-check', async (dist, { cacheDir }) => checkComplete(dist, await pages.of(dist), readRecords(cacheDir), options));
