/** Orders and groupings of articles that need only their frontmatter, so build steps outside Astro share them. */

interface Titled { data: { title: string } }
interface Tagged { data: { tags: string[] } }

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
