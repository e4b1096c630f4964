/**
 * Old addresses of renamed or merged articles, each to the article that now holds its content.
 * Two articles claiming one old address would make it lead to whichever happened to be built last,
 * so that is an error naming both.
 */
export function formerSlugTargets(articles: Array<{ id: string; filePath?: string; data: { formerSlugs: string[] } }>): Map<string, string> {
  const targets = new Map<string, string>();
  const files = new Map(articles.map((article) => [article.id, article.filePath ?? `content/articles/${article.id}.md`]));
  for (const article of articles) {
    for (const former of article.data.formerSlugs) {
      const claimed = targets.get(former);
      if (claimed !== undefined && claimed !== article.id) {
        throw new Error(`${files.get(claimed)} and ${files.get(article.id)} both list "${former}" in formerSlugs; an old address can lead to one article only, remove it from one of them`);
      }
      targets.set(former, article.id);
    }
  }
  return targets;
}
