/** Orders and groupings of articles that need only their frontmatter, so build steps outside Astro share them. */

interface Titled { data: { title: string } }
interface Tagged { data: { tags: string[] } }
interface Listed { id: string; data: { title: string; topic: string; tags: string[]; related: string[] } }

// One collator for every comparison: localeCompare with a locale builds a new one on each call.
const titleCollator = new Intl.Collator('zh-CN');

export function byTitle(a: Titled, b: Titled): number {
  return titleCollator.compare(a.data.title, b.data.title);
}

/** Every tag with the articles that carry it, most used first. */
export function tagIndex<T extends Tagged>(articles: T[]): Array<{ tag: string; articles: T[] }> {
  const byTag = new Map<string, T[]>();
  for (const article of articles) {
    for (const tag of article.data.tags) {
      const list = byTag.get(tag);
      if (list) list.push(article);
      else byTag.set(tag, [article]);
    }
  }
  return [...byTag].map(([tag, list]) => ({ tag, articles: list })).sort((a, b) => b.articles.length - a.articles.length || a.tag.localeCompare(b.tag));
}

type LinksOf = (slug: string) => ReadonlySet<string>;

/**
 * Articles to read next: the author's `related` list first, then those sharing the most tags and
 * links (notes both link to, or a link between the two), then others in the same topic; ties by
 * title. `index` is made once for all the notes (relatedIndex): every article page asks.
 */
export function relatedArticles<T extends Listed>(article: T, index: RelatedIndex<T>, limit = 6): T[] {
  const { byId, byTopic, byTag, linkedBy, titleRank, linksOf } = index;
  const chosen: T[] = [];
  for (const ref of article.data.related) {
    const entry = byId.get(ref);
    if (entry && !chosen.includes(entry)) chosen.push(entry);
  }
  const links = linksOf(article.id);
  // Only notes that share something can score: the same topic, a tag, a link either way, or a link target.
  const candidates = new Set<T>(byTopic.get(article.data.topic));
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
    .sort((a, b) => b.score - a.score || titleRank.get(a.entry)! - titleRank.get(b.entry)!);
  return [...chosen, ...scored.map(({ entry }) => entry)].slice(0, limit);
}

export interface RelatedIndex<T> {
  byId: ReadonlyMap<string, T>;
  byTopic: Map<string, T[]>;
  byTag: Map<string, T[]>;
  linkedBy: Map<string, T[]>;
  /** Place in title order, the same for equal titles: the collator on every page's ties cost a second at 1000 notes. */
  titleRank: Map<T, number>;
  linksOf: LinksOf;
}

/**
 * The notes by id, topic, tag and link target, for relatedArticles. `linksOf` gives the slugs a
 * note links to (src/site/model.ts).
 */
export function relatedIndex<T extends Listed>(all: T[], linksOf: LinksOf = () => new Set()): RelatedIndex<T> {
  const add = (map: Map<string, T[]>, key: string, entry: T) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  const index: RelatedIndex<T> = { byId: new Map(all.map((entry) => [entry.id, entry])), byTopic: new Map(), byTag: new Map(), linkedBy: new Map(), titleRank: new Map(), linksOf };
  for (const entry of all) {
    add(index.byTopic, entry.data.topic, entry);
    for (const tag of entry.data.tags) add(index.byTag, tag, entry);
    for (const target of linksOf(entry.id)) add(index.linkedBy, target, entry);
  }
  const titled = [...all].sort(byTitle);
  titled.forEach((entry, place) => {
    const tied = place > 0 && byTitle(titled[place - 1], entry) === 0;
    index.titleRank.set(entry, tied ? index.titleRank.get(titled[place - 1])! : place);
  });
  return index;
}
