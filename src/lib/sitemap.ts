import path from 'node:path';
import type { SitemapOptions } from '@astrojs/sitemap';
import { contentDir } from './content-index.ts';
import { readNoteFiles } from './note-files.ts';
import { revisedAt } from './git-history.ts';
import { slugFromPath } from './slugs.ts';
import { withoutBase } from './urls.ts';

interface SitemapFacts {
  /** Old slugs that only forward to their article. */
  formerSlugs: Set<string>;
  /** Last substantial revision of each article, by slug. */
  updated: Map<string, Date>;
}

/** What the sitemap needs from the notes' frontmatter, read before Astro renders them. */
export function readSitemapFacts(dir = contentDir()): SitemapFacts {
  const facts: SitemapFacts = { formerSlugs: new Set(), updated: new Map() };
  const folder = path.join(dir, 'articles');
  for (const { file, data = {} } of readNoteFiles(dir)) {
    // Unreadable frontmatter (no data) is reported, with its line, by the content loader; here it only means no facts.
    for (const former of Array.isArray(data.formerSlugs) ? data.formerSlugs : []) facts.formerSlugs.add(String(former));
    if (data.created) {
      const dates = { created: new Date(String(data.created)), updated: data.updated ? new Date(String(data.updated)) : undefined };
      facts.updated.set(slugFromPath(file), revisedAt(path.join(folder, file), dates));
    }
  }
  return facts;
}

/**
 * The sitemap lists each canonical page once: not the section addresses (`/<slug>/s/<id>/`) and old
 * slugs, which exist for chat previews and old links and name their canonical page themselves.
 * Articles carry their last revision date.
 */
export function sitemapOptions(facts = readSitemapFacts()): SitemapOptions {
  // Pages carry the base path (BASE_PATH); the rules below read the path after it.
  const sitePath = (page: string) => withoutBase(new URL(page).pathname) ?? new URL(page).pathname;
  const firstSegment = (page: string) => sitePath(page).split('/')[1] ?? '';
  return {
    filter: (page) => !/\/s\/[^/]+\/$/.test(sitePath(page)) && !facts.formerSlugs.has(decodeURIComponent(firstSegment(page))) && sitePath(page) !== '/404/',
    serialize: (item) => {
      const updated = facts.updated.get(firstSegment(item.url));
      return updated && sitePath(item.url) === `/${firstSegment(item.url)}/` ? { ...item, lastmod: updated.toISOString() } : item;
    },
  };
}
