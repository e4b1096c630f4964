import type { Article } from './entries.ts';

/** Where a note sits on the timeline: its model's release date when known, else its paper's year. */
export function timelineDate(article: Article): string | undefined {
  return article.data.model?.released ?? (article.data.paper?.year ? String(article.data.paper.year) : undefined);
}

/** The notes with a date, newest first; ties by title. */
export function timelineEntries(articles: Article[]): Article[] {
  return articles
    .filter((article) => timelineDate(article))
    .sort((a, b) => timelineDate(b)!.localeCompare(timelineDate(a)!) || a.data.title.localeCompare(b.data.title, 'zh-CN'));
}
