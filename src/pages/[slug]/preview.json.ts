import type { APIRoute, GetStaticPaths } from 'astro';
import { getArticles, type Article } from '../../lib/entries.ts';
import { handOver } from '../../lib/handed-files.ts';
import { openingLines, type HoverPreview } from '../../lib/hover-previews.ts';
import { articlePreviewPath } from '../../lib/urls.ts';
import { expandFormulas } from '../../markdown/katex-formulas.ts';

function previewJson(article: Article): string {
  const preview: HoverPreview = {
    title: article.data.title,
    summary: article.data.summary,
    // MDX notes are rendered as components, not HTML; their preview is the summary alone.
    // Formulas are expanded in the chosen lines only, not in the whole note.
    html: article.rendered?.html ? expandFormulas(openingLines(article.rendered.html)) : '',
  };
  return JSON.stringify(preview);
}

/**
 * A small file per note for link previews, so pointing at a link never loads the whole page. A build
 * writes them itself, one per note (src/lib/handed-files.ts); `astro dev` serves them from here.
 */
export const getStaticPaths = (async () => {
  const articles = await getArticles();
  if (import.meta.env.DEV) return articles.map((article) => ({ params: { slug: article.id }, props: { article } }));
  handOver('link previews', articles.map((article) => [articlePreviewPath(article.id), previewJson(article)]));
  return [];
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ article: Article }> = ({ props: { article } }) => new Response(previewJson(article), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
