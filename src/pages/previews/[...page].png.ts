import type { APIRoute, GetStaticPaths } from 'astro';
import { previewCards } from '../../lib/preview-cards.ts';
import { cardText, renderPreviewPng, type PreviewCard } from '../../lib/preview-image.ts';

export const getStaticPaths = (async () => {
  const cards = await previewCards();
  const allText = [...cards.values()].map(cardText).join('');
  return [...cards].map(([page, card]) => ({ params: { page }, props: { card, allText } }));
}) satisfies GetStaticPaths;

/** One 1200×630 PNG per article, topic, tag and the home page, for link previews in chats. */
export const GET: APIRoute<{ card: PreviewCard; allText: string }> = async ({ props }) =>
  new Response(new Uint8Array(await renderPreviewPng(props.card, props.allText)), { headers: { 'Content-Type': 'image/png' } });
