import type { APIRoute, GetStaticPaths } from 'astro';
import { getArticles, type Article } from '../../lib/entries.ts';
import { openingLines, type NotePreview } from '../../lib/previews.ts';
import { expandFormulas } from '../../markdown/katex-formulas.ts';

/** A small file per note for link previews, so pointing at a link never loads the whole page. */
export const getStaticPaths: GetStaticPaths = async () => (await getArticles()).map((article) => ({ params: { slug: article.id }, props: { article } }));

export const GET: APIRoute<{ article: Article }> = ({ props: { article } }) => {
  const preview: NotePreview = {
    title: article.data.title,
    summary: article.data.summary,
    // MDX notes are rendered as components, not HTML; their preview is the summary alone.
    // Formulas are expanded in the chosen lines only, not in the whole note.
    html: article.rendered?.html ? expandFormulas(openingLines(article.rendered.html)) : '',
  };
  return new Response(JSON.stringify(preview), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
