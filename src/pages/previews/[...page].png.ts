import type { APIRoute, GetStaticPaths } from 'astro';
import { getArticles, getTopics, recordingsOfArticle } from '../../site/entries.ts';
import { hasSectionCard, previewCardsOf } from '../../site/og-image-cards.ts';
import { cardText, type PreviewCard } from '../../og-images/card.ts';

// A build draws these in worker threads and writes them itself (src/integrations/og-images.ts);
// this route serves them in `astro dev`. The drawing code is imported only when it serves: imported
// with the route, every build loaded resvg on its thread, and resvg's check for musl
// (`process.report.getReport()`) waits for every worker thread to answer, however busy (11 s of a warm
// 10,000-note build, when a worker was deleting the last output).
export const getStaticPaths = (async () => {
  if (!import.meta.env.DEV) return [];
  const articles = await Promise.all((await getArticles()).map(async (article) => ({
    ...article,
    sectionCards: (await recordingsOfArticle(article)).sections.filter((section) => hasSectionCard(article, section)),
  })));
  const cards = previewCardsOf(articles, await getTopics());
  const allText = [...cards.values()].map(cardText).join('');
  return [...cards].map(([page, card]) => ({ params: { page }, props: { card, allText } }));
}) satisfies GetStaticPaths;

/** One 1200×630 PNG per article, section with a fixed id, topic, tag and the home page, for link previews in chats. */
export const GET: APIRoute<{ card: PreviewCard; allText: string }> = async ({ props }) => {
  const { renderPreviewPng } = await import('../../og-images/draw.ts');
  return new Response(new Uint8Array(await renderPreviewPng(props.card, props.allText)), { headers: { 'Content-Type': 'image/png' } });
};
