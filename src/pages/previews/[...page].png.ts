import type { APIRoute, GetStaticPaths } from 'astro';
import { getArticles, getTopics } from '../../site/entries.ts';
import { previewCardsOf } from '../../site/og-image-cards.ts';
import { cardText, renderPreviewPng, type PreviewCard } from '../../og-images/draw.ts';

// A build draws these in worker threads and writes them itself (src/integrations/og-images.ts);
// this route serves them in `astro dev`.
export const getStaticPaths = (async () => {
  if (!import.meta.env.DEV) return [];
  const cards = previewCardsOf(await getArticles(), await getTopics());
  const allText = [...cards.values()].map(cardText).join('');
  return [...cards].map(([page, card]) => ({ params: { page }, props: { card, allText } }));
}) satisfies GetStaticPaths;

/** One 1200×630 PNG per article, topic, tag and the home page, for link previews in chats. */
export const GET: APIRoute<{ card: PreviewCard; allText: string }> = async ({ props }) =>
  new Response(new Uint8Array(await renderPreviewPng(props.card, props.allText)), { headers: { 'Content-Type': 'image/png' } });
