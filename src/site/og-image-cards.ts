import { byTitle, tagIndex } from './article-lists.ts';
import type { PreviewCard } from '../og-images/draw.ts';
import { siteDescription, siteName, siteUrl } from '../lib/site.ts';
import type { previewImageUrl } from '../lib/urls.ts';

export type PreviewPage = Parameters<typeof previewImageUrl>[0];

/** The frontmatter a card shows: collection entries, or the same fields read straight from the files. */
export interface CardArticle { id: string; data: { title: string; summary: string; topic: string; tags: string[] } }
export interface CardTopic { id: string; data: { name: string; nameEn: string; description: string } }

/** Every page kind that gets a preview image of its own, with what its image says. */
export function previewCardsOf(published: CardArticle[], topics: CardTopic[]): Map<PreviewPage, PreviewCard> {
  const articles = [...published].sort(byTitle);
  const footer = `${siteName} · ${new URL(siteUrl()).host}`;
  const topicNames = new Map(topics.map((topic) => [topic.id, topic.data.name]));
  const cards = new Map<PreviewPage, PreviewCard>();
  cards.set('home', { kicker: `${articles.length} 篇笔记 · ${topics.length} 个主题`, title: siteName, summary: siteDescription, footer });
  for (const article of articles) {
    cards.set(`articles/${article.id}`, { kicker: topicNames.get(article.data.topic)!, title: article.data.title, summary: article.data.summary, footer, chips: article.data.tags });
  }
  for (const topic of topics) {
    const count = articles.filter((article) => article.data.topic === topic.id).length;
    cards.set(`topics/${topic.id}`, { kicker: `主题 · ${count} 篇笔记`, title: `${topic.data.name} ${topic.data.nameEn}`, summary: topic.data.description, footer });
  }
  for (const { tag, articles: tagged } of tagIndex(articles)) {
    cards.set(`tags/${tag}`, { kicker: `标签 · ${tagged.length} 篇笔记`, title: `#${tag}`, summary: tagged.map((article) => article.data.title).join('、'), footer });
  }
  return cards;
}
