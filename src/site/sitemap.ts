import type { SitemapOptions } from '@astrojs/sitemap';
import type { ArticleRecord } from '../content/records.ts';
import { revisedAt } from '../lib/git-history.ts';
import { withoutBase } from '../lib/urls.ts';

interface SitemapFacts {
  /** Old slugs that only forward to their article. */
  formerSlugs: Set<string>;
  /** Last substantial revision of each article, by slug. */
  updated: Map<string, Date>;
}

/** What the sitemap needs from the notes, from the content records. */
export function sitemapFacts(articles: ArticleRecord[]): SitemapFacts {
  const facts: SitemapFacts = { formerSlugs: new Set(), updated: new Map() };
  for (const { id, file, data } of articles) {
    for (const former of data.formerSlugs) facts.formerSlugs.add(former);
    facts.updated.set(id, revisedAt(file, data));
  }
  return facts;
}

/**
 * The sitemap lists each canonical page once: not the section addresses (`/<slug>/s/<id>/`) and old
 * slugs, which exist for chat previews and old links and name their canonical page themselves.
 * Articles carry their last revision date.
 */
export function sitemapOptions(factsOf: () => SitemapFacts): SitemapOptions {
  // Asked for when the sitemap is written, after the notes are loaded.
  let known: SitemapFacts | undefined;
  const facts = () => (known ??= factsOf());
  // Pages carry the base path (BASE_PATH); the rules below read the path after it.
  const sitePath = (page: string) => withoutBase(new URL(page).pathname) ?? new URL(page).pathname;
  const firstSegment = (page: string) => sitePath(page).split('/')[1] ?? '';
  return {
    filter: (page) => !/\/s\/[^/]+\/$/.test(sitePath(page)) && !facts().formerSlugs.has(decodeURIComponent(firstSegment(page))) && sitePath(page) !== '/404/',
    serialize: (item) => {
      const updated = facts().updated.get(firstSegment(item.url));
      return updated && sitePath(item.url) === `/${firstSegment(item.url)}/` ? { ...item, lastmod: updated.toISOString() } : item;
    },
  };
}
