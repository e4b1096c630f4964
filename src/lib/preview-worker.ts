/** One thread of the preview pool (preview-pool.ts): draws the card it is sent and answers with the PNG. */
import { parentPort } from 'node:worker_threads';
import { renderPreviewPng, type PreviewCard } from './preview-image.ts';

parentPort!.on('message', async ({ card, allText }: { card: PreviewCard; allText: string }) => {
  try {
    const png = await renderPreviewPng(card, allText);
    parentPort!.postMessage({ png });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
