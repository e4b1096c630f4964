import { getCollection, render, type CollectionEntry } from 'astro:content';
import { recordingsOf, type NoteRecordings } from '../markdown/recordings.ts';
import { byTitle } from './article-lists.ts';
import { fileHistoryUrl, revisedAt } from '../lib/git-history.ts';
import { articleText } from '../content/note-text.ts';

export { byTitle, tagIndex } from './article-lists.ts';

export type Article = CollectionEntry<'articles'>;
export type Topic = CollectionEntry<'topics'>;
export type GlossaryEntry = CollectionEntry<'glossary'>;

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

/** The terms of content/glossary.yaml, in file order. */
export async function getGlossary(): Promise<GlossaryEntry[]> {
  return getCollection('glossary');
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

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Astro's `render`, given the note's HTML back; with the note's Markdown, which the page also reads. */
export async function renderArticle(article: Article): Promise<Awaited<ReturnType<typeof render>> & { body: string }> {
  const { html, body } = articleText(article);
  const rendered = await render(article.rendered ? { ...article, rendered: { ...article.rendered, html } } : article);
  return { ...rendered, body };
}

/** What a note's render recorded: kept with a Markdown note's rendering; an MDX note is rendered for it. */
export async function recordingsOfArticle(article: Article): Promise<NoteRecordings> {
  if (article.rendered) return recordingsOf(article.rendered.metadata?.frontmatter as Record<string, unknown> | undefined);
  return recordingsOf((await render(article)).remarkPluginFrontmatter as Record<string, unknown> | undefined);
}
