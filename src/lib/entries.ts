import { getCollection, type CollectionEntry } from 'astro:content';
import { byTitle } from './article-lists.ts';
import { fileHistoryUrl, revisedAt } from './git-history.ts';

export { byTitle, tagIndex } from './article-lists.ts';

export type Article = CollectionEntry<'articles'>;
export type Topic = CollectionEntry<'topics'>;

/**
 * The one place drafts are filtered: a draft is visible in `astro dev` and nowhere in a build,
 * so no page, list, tag or search index can leak one.
 */
export async function getArticles(): Promise<Article[]> {
  const articles = await getCollection('articles', ({ data }) => import.meta.env.DEV || !data.draft);
  return articles.sort(byTitle);
}

export async function getTopics(): Promise<Topic[]> {
  const topics = await getCollection('topics');
  return topics.sort((a, b) => a.data.order - b.data.order);
}

/** Last revision: the frontmatter's `updated`, else the note's last commit, else `created` (see git-history.ts). */
export function updatedAt(article: Article): Date {
  return revisedAt(article.filePath, article.data);
}

/** Where the note's changes can be read, when REPO_URL names the repository. */
export function historyUrlOf(article: Article): string | undefined {
  return article.filePath ? fileHistoryUrl(article.filePath) : undefined;
}

/** Most recently updated first; ties by title so the order is stable between builds. */
export function byUpdated(a: Article, b: Article): number {
  return updatedAt(b).getTime() - updatedAt(a).getTime() || byTitle(a, b);
}

/**
 * Articles to read next: the author's `related` list first, then those sharing the most tags and
 * links (notes both link to, or a link between the two), then others in the same topic. `linksOf`
 * gives the slugs a note links to, from the link graph.
 */
export function relatedArticles(article: Article, all: Article[], linksOf: (slug: string) => ReadonlySet<string> = () => new Set(), limit = 6): Article[] {
  const { byId, byTopic, byTag, linkedBy } = relatedIndex(all, linksOf);
  const chosen: Article[] = [];
  for (const ref of article.data.related) {
    const entry = byId.get(ref);
    if (entry && !chosen.includes(entry)) chosen.push(entry);
  }
  const links = linksOf(article.id);
  // Only notes that share something can score: the same topic, a tag, a link either way, or a link target.
  const candidates = new Set<Article>(byTopic.get(article.data.topic));
  for (const tag of article.data.tags) for (const entry of byTag.get(tag) ?? []) candidates.add(entry);
  for (const slug of [article.id, ...links]) for (const entry of linkedBy.get(slug) ?? []) candidates.add(entry);
  for (const slug of links) if (byId.has(slug)) candidates.add(byId.get(slug)!);
  const scored = [...candidates]
    .filter((entry) => entry.id !== article.id && !chosen.includes(entry))
    .map((entry) => {
      const theirs = linksOf(entry.id);
      const sharedLinks = [...theirs].filter((slug) => links.has(slug)).length + (links.has(entry.id) ? 1 : 0) + (theirs.has(article.id) ? 1 : 0);
      const sharedTags = entry.data.tags.filter((tag) => article.data.tags.includes(tag)).length;
      return { entry, score: sharedTags * 2 + sharedLinks + (entry.data.topic === article.data.topic ? 1 : 0) };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || byTitle(a.entry, b.entry));
  return [...chosen, ...scored.map(({ entry }) => entry)].slice(0, limit);
}

type RelatedIndex = { byId: Map<string, Article>; byTopic: Map<string, Article[]>; byTag: Map<string, Article[]>; linkedBy: Map<string, Article[]> };
const relatedIndexes = new WeakMap<Article[], WeakMap<(slug: string) => ReadonlySet<string>, RelatedIndex>>();

/** The notes by topic, tag and link target, built once per list of notes (each article page asks). */
function relatedIndex(all: Article[], linksOf: (slug: string) => ReadonlySet<string>): RelatedIndex {
  let byLinks = relatedIndexes.get(all);
  if (!byLinks) relatedIndexes.set(all, (byLinks = new WeakMap()));
  let index = byLinks.get(linksOf);
  if (!index) {
    const add = (map: Map<string, Article[]>, key: string, entry: Article) => map.set(key, [...(map.get(key) ?? []), entry]);
    index = { byId: new Map(all.map((entry) => [entry.id, entry])), byTopic: new Map(), byTag: new Map(), linkedBy: new Map() };
    for (const entry of all) {
      add(index.byTopic, entry.data.topic, entry);
      for (const tag of entry.data.tags) add(index.byTag, tag, entry);
      for (const target of linksOf(entry.id)) add(index.linkedBy, target, entry);
    }
    byLinks.set(linksOf, index);
  }
  return index;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
