/**
 * One thread of the preview pool (pool.ts): draws the card it is sent into the build cache
 * and answers when it is there. The text of all cards comes only when it changes.
 */
import { parentPort } from 'node:worker_threads';
import type { PreviewCard } from './card.ts';
import { renderPreviewPng } from './draw.ts';

let text = '';
parentPort!.on('message', async ({ card, allText }: { card: PreviewCard; allText?: string }) => {
  if (allText !== undefined) text = allText;
  try {
    await renderPreviewPng(card, text);
    parentPort!.postMessage({});
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
