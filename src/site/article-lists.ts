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
 *
 * Every note of the topic and of each tag is a candidate, so a page looks at a share of all the
 * notes (half of them for the synthetic notes). Each candidate costs a few additions to a score
 * kept by position, and the best `limit` are kept as they come, without sorting the rest: scoring
 * each candidate by comparing link sets and tag lists, then sorting them all, took 3.5 ms a page
 * at 10,000 notes against 0.2 ms at 1000 (quadratic for the build; docs/performance.md).
 */
export function relatedArticles<T extends Listed>(article: T, index: RelatedIndex<T>, limit = 6): T[] {
  const { all, byId, position, byTopic, byTag, linkedBy, titleRank, linksOf, scores, touched } = index;
  const chosen: T[] = [];
  for (const ref of article.data.related) {
    const entry = byId.get(ref);
    if (entry && !chosen.includes(entry)) chosen.push(entry);
  }
  const links = linksOf(article.id);
  // Only notes that share something can score: the same topic, a tag, a link either way, or a link
  // target. `touched` keeps the order in which they are first met: equal titles keep it.
  const add = (at: number, points: number) => {
    if (scores[at] === 0) touched.push(at);
    scores[at] += points;
  };
  for (const at of byTopic.get(article.data.topic) ?? []) add(at, 1);
  // A note scores 2 for each of its tags the article has (a tag written twice counts twice, as the
  // tag lists hold it twice).
  for (const tag of new Set(article.data.tags)) for (const at of byTag.get(tag) ?? []) add(at, 2);
  for (const at of linkedBy.get(article.id) ?? []) add(at, 1);
  for (const slug of links) for (const at of linkedBy.get(slug) ?? []) add(at, 1);
  for (const slug of links) {
    const at = position.get(slug);
    if (at !== undefined) add(at, 1);
  }
  const room = limit - chosen.length;
  const best: number[] = [];
  const excluded = new Set(chosen.map((entry) => entry.id));
  excluded.add(article.id);
  for (const at of touched) {
    const score = scores[at];
    if (room <= 0 || excluded.has(all[at].id)) continue;
    // After every kept note with a higher score, or an equal score and an earlier (or the same) title.
    let place = best.length;
    while (place > 0 && (scores[best[place - 1]] < score || (scores[best[place - 1]] === score && titleRank[best[place - 1]] > titleRank[at]))) place--;
    if (place < room) {
      best.splice(place, 0, at);
      if (best.length > room) best.pop();
    }
  }
  for (const at of touched) scores[at] = 0;
  touched.length = 0;
  return [...chosen, ...best.map((at) => all[at])].slice(0, limit);
}

export interface RelatedIndex<T> {
  /** The notes, each at its position: the lists below hold positions. */
  all: readonly T[];
  byId: ReadonlyMap<string, T>;
  position: ReadonlyMap<string, number>;
  byTopic: Map<string, number[]>;
  byTag: Map<string, number[]>;
  /** The notes that link to a slug. */
  linkedBy: Map<string, number[]>;
  /** Place in title order, the same for equal titles: the collator on every page's ties cost a second at 1000 notes. */
  titleRank: Int32Array;
  linksOf: LinksOf;
  /** Scratch for relatedArticles: each note's score, zero between calls, and the notes it scored. */
  scores: Int32Array;
  touched: number[];
}

/**
 * The notes by id, topic, tag and link target, for relatedArticles. `linksOf` gives the slugs a
 * note links to (src/site/model.ts).
 */
export function relatedIndex<T extends Listed>(all: T[], linksOf: LinksOf = () => new Set()): RelatedIndex<T> {
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key);
    if (list) list.push(at);
    else map.set(key, [at]);
  };
  const index: RelatedIndex<T> = {
    all: [...all],
    byId: new Map(all.map((entry) => [entry.id, entry])),
    position: new Map(all.map((entry, at) => [entry.id, at])),
    byTopic: new Map(),
    byTag: new Map(),
    linkedBy: new Map(),
    titleRank: new Int32Array(all.length),
    linksOf,
    scores: new Int32Array(all.length),
    touched: [],
  };
  all.forEach((entry, at) => {
    add(index.byTopic, entry.data.topic, at);
    for (const tag of entry.data.tags) add(index.byTag, tag, at);
    for (const target of linksOf(entry.id)) add(index.linkedBy, target, at);
  });
  const titled = all.map((_, at) => at).sort((a, b) => byTitle(all[a], all[b]));
  titled.forEach((at, place) => {
    const tied = place > 0 && byTitle(all[titled[place - 1]], all[at]) === 0;
    index.titleRank[at] = tied ? index.titleRank[titled[place - 1]] : place;
  });
  return index;
}
