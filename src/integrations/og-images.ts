import { copyFileSync, mkdirSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { readRecords, type ContentRecords } from '../content/records.ts';
import { cardText } from '../og-images/draw.ts';
import { previewCardsOf, type PreviewPage } from '../site/og-image-cards.ts';
import { startPreviewPool, type PreviewPool } from '../og-images/pool.ts';
import { previewImagePath } from '../lib/urls.ts';

/**
 * The preview cards of the published notes and the topics, from the content records (drafts are left
 * out as getArticles() leaves them out of a build; the link check fails the build if a page's
 * og:image is missing, so the two can never silently disagree).
 */
export function cardsFromRecords({ articles, topics }: ContentRecords) {
  return previewCardsOf(articles.filter((article) => !article.data.draft), topics);
}

/**
 * Draws the preview images (one PNG per article, topic, tag and the home page) in worker threads
 * from the moment the notes are loaded, while Astro renders the pages on its one thread, and writes
 * them into the build output when the pages are done. Drawn as pages, the images came one at a time
 * after the pages: the largest part of a cold build. In `astro dev` the
 * route src/pages/previews draws them on request instead.
 */
export function openGraphImages(): AstroIntegration {
  let pool: PreviewPool | undefined;
  let images: Promise<Array<[PreviewPage, string]>> | undefined;
  let cacheDir: URL | undefined;
  return {
    name: 'og-images',
    hooks: {
      'astro:config:setup': ({ command }) => {
        // Started now, so the workers have loaded their fonts by the time the notes are loaded.
        if (command === 'build') pool = startPreviewPool();
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
      'astro:build:start': () => {
        const started = pool!;
        images = (async () => {
          const cards = cardsFromRecords(readRecords(cacheDir!));
          const allText = [...cards.values()].map(cardText).join('');
          return Promise.all([...cards].map(async ([page, card]): Promise<[PreviewPage, string]> => [page, await started.render(card, allText)]));
        })();
        // Awaited when the pages are done; a build that fails before then must not also report this.
        images.catch(() => {});
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!images) return;
        try {
          const drawn = await images;
          for (const [page, cached] of drawn) {
            const file = new URL(previewImagePath(page), dir);
            mkdirSync(new URL('.', file), { recursive: true });
            copyFileSync(cached, file);
          }
          logger.info(`${drawn.length} preview images`);
        } finally {
          await pool?.close();
        }
      },
    },
  };
}
