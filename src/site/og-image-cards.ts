import { byTitle, tagIndex } from './article-lists.ts';
import type { PreviewCard } from '../og-images/card.ts';
import { siteDescription, siteName, siteUrl } from '../lib/site.ts';
import { withAsciiScripts } from '../math/index.ts';
import type { previewImageUrl } from '../lib/urls.ts';

export type PreviewPage = Parameters<typeof previewImageUrl>[0];

/** The frontmatter a card shows: collection entries, or the same fields read straight from the files. */
export interface CardArticle {
  id: string;
  data: { title: string; summary: string; topic: string; tags: string[] };
  /** Its sections with a fixed id, each drawn as a card of its own. */
  sectionCards?: Array<{ id: string; title: string; excerpt: string }>;
}
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
    for (const section of article.sectionCards ?? []) {
      // A formula in the section reads with Unicode scripts (cₜᴷⱽ), which the card's font lacks: there it reads c_t^(KV).
      cards.set(`sections/${article.id}/${section.id}`, { kicker: `${article.data.title} ›`, title: withAsciiScripts(section.title), summary: withAsciiScripts(firstSentence(section.excerpt)) || article.data.summary, footer });
    }
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

/** A section's first sentence, as its card shows it: its first lines up to the first full stop, if one comes soon. */
export function firstSentence(text: string): string {
  const end = text.search(/[。！？!?](?=\s|$|[^\d])/u);
  return end >= 8 ? text.slice(0, end + 1) : text;
}

/**
 * Whether a section gets a preview image of its own: when the author fixed its id (`{#id}`), so its
 * address is meant to be shared, and the note is Markdown (the loader renders it and records its
 * sections before the images are drawn; an MDX note's sections are known only when its page renders).
 */
export function hasSectionCard(article: { filePath?: string }, section: { fixed?: boolean }): boolean {
  return section.fixed === true && !article.filePath?.endsWith('.mdx');
}
