import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { parse as parseYaml } from 'yaml';
import { contentDir, readContentIndex } from '../lib/content-index.ts';
import { readNoteFiles } from '../lib/note-files.ts';
import { cardText } from '../lib/og-image.ts';
import { previewCardsOf, type CardArticle, type CardTopic, type PreviewPage } from '../lib/og-image-cards.ts';
import { startPreviewPool, type PreviewPool } from '../lib/og-image-pool.ts';
import { slugFromPath } from '../lib/slugs.ts';
import { previewImagePath } from '../lib/urls.ts';
import { articleSchema, topicSchema } from '../schemas/article.ts';

/**
 * The preview cards of a content folder, read straight from its files with the collections' own
 * schemas (the images are drawn before Astro has loaded the collections). A note these cannot read
 * is left out: the content collection reports it and fails the build. Drafts are left out as
 * getArticles() leaves them out of a build; check-links fails the build if a page's og:image is
 * missing, so the two can never silently disagree.
 */
export function cardsFromFiles(dir: string) {
  const known = readContentIndex(dir);
  const schema = articleSchema({ topics: known.topics, articles: [...known.articles, ...known.planned.keys()] });
  const articles: CardArticle[] = [];
  for (const note of readNoteFiles(dir)) {
    const data = schema.safeParse(note.data);
    if (data.success && !data.data.draft) articles.push({ id: slugFromPath(note.file), data: data.data });
  }
  const topics: CardTopic[] = Object.entries(parseYaml(readFileSync(path.join(dir, 'topics.yaml'), 'utf8')) ?? {})
    .flatMap(([id, value]) => {
      const data = topicSchema.safeParse(value);
      return data.success ? [{ id, data: data.data }] : [];
    });
  return previewCardsOf(articles, topics);
}

/**
 * Draws the preview images (one PNG per article, topic, tag and the home page) in worker threads
 * from the moment `astro build` starts, while Astro reads and renders the notes on its one thread,
 * and writes them into the build output when the pages are done. Drawn as pages, the images came
 * after the notes were read, one at a time: the largest part of a cold build. In `astro dev` the
 * route src/pages/previews draws them on request instead.
 */
export function openGraphImages(): AstroIntegration {
  let pool: PreviewPool | undefined;
  let images: Promise<Array<[PreviewPage, string]>> | undefined;
  return {
    name: 'og-images',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        const started = (pool = startPreviewPool());
        images = (async () => {
          const cards = cardsFromFiles(contentDir());
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
