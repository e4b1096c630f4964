import { copyFileSync, existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { contentDir, noteIndex, type NoteIndex } from '../content/note-index.ts';
import { readRecords, recordsFile, type ContentRecords } from '../content/records.ts';
import { cardText, type PreviewCard } from '../og-images/card.ts';
import { previewCardsOf, type PreviewPage } from '../site/og-image-cards.ts';
import { startPreviewPool, type PreviewPool } from '../og-images/pool.ts';
import { previewImagePath } from '../lib/urls.ts';

/**
 * The preview cards of the published notes and the topics, from the content records (drafts are left
 * out as getArticles() leaves them out of a build; the link check fails the build if a page's
 * og:image is missing, so the two can never silently disagree).
 */
export function cardsFromRecords({ articles, topics }: Pick<ContentRecords, 'articles' | 'topics'> | { articles: Array<{ id: string; data: { title: string; summary: string; topic: string; tags: string[]; draft: boolean } }>; topics: Array<{ id: string; data: { name: string; nameEn: string; description: string } }> }) {
  return previewCardsOf(articles.filter((article) => !article.data.draft), topics);
}

/**
 * The cards as the notes' frontmatter suggests before the notes are loaded: for a note the schema
 * accepts, the fields a card shows are the ones written. Drawn early, then confirmed against the
 * records once the notes are loaded (a card that differs is drawn again).
 */
export function cardsFromIndex(index: NoteIndex) {
  const articles = index.notes.map((note) => ({ id: note.slug, data: { title: note.title, summary: String(note.frontmatter.summary ?? ''), topic: String(note.frontmatter.topic ?? ''), tags: Array.isArray(note.frontmatter.tags) ? note.frontmatter.tags.map(String) : [], draft: note.draft } }));
  const topics = Object.entries(index.topicsFile).map(([id, value]) => {
    const data = (value ?? {}) as Record<string, unknown>;
    return { id, data: { name: String(data.name ?? ''), nameEn: String(data.nameEn ?? ''), description: String(data.description ?? '') } };
  });
  return cardsFromRecords({ articles, topics });
}

/**
 * Draws the preview images (one PNG per article, topic, tag and the home page) in worker threads
 * from the moment the build starts, from the last build's records or the frontmatter as written, while Astro loads the notes and
 * renders the pages on its one thread; when the pages are done, each card is checked against what the
 * loader validated (any that differs is drawn again) and the images are written into the output.
 * Drawn as pages, the images came one at a time after the pages: the largest part of a cold build.
 * Drawn only after the notes were loaded, a cold 1000-note build waited 20 s for them. In `astro dev`
 * the route src/pages/previews draws them on request instead.
 */
export function openGraphImages(): AstroIntegration {
  let pool: PreviewPool | undefined;
  let early: Map<PreviewPage, Promise<string>> | undefined;
  let guessed = new Map<PreviewPage, PreviewCard>();
  let cacheDir: URL | undefined;
  let building = false;
  const draw = (cards: Map<PreviewPage, PreviewCard>) => {
    const allText = [...cards.values()].map(cardText).join('');
    return new Map([...cards].map(([page, card]) => [page, pool!.render(card, allText)]));
  };
  return {
    name: 'og-images',
    hooks: {
      'astro:config:setup': ({ command }) => {
        building = command === 'build';
      },
      // Before Astro loads the notes: the drawing uses the cores Astro leaves idle while it renders them.
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        if (!building) return;
        pool = startPreviewPool();
        try {
          // The last build's records when there are any (reading them takes milliseconds, parsing a
          // thousand frontmatters 0.8 s of a warm build); otherwise the frontmatter as written.
          guessed = existsSync(recordsFile(config.cacheDir, 'articles')) ? cardsFromRecords(readRecords(config.cacheDir)) : cardsFromIndex(noteIndex(contentDir()));
        } catch {
          // The loader reports what it cannot read; the cards are drawn from this build's records then.
        }
        early = draw(guessed);
        // Awaited when the pages are done; a build that fails before then must not also report this.
        for (const drawing of early.values()) drawing.catch(() => {});
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!pool || !early) return;
        try {
          const cards = cardsFromRecords(readRecords(cacheDir!));
          const redrawn = new Map([...cards].filter(([page, card]) => JSON.stringify(guessed.get(page)) !== JSON.stringify(card)));
          const drawing = new Map([...early, ...draw(redrawn)]);
          for (const [page] of cards) {
            const file = new URL(previewImagePath(page), dir);
            mkdirSync(new URL('.', file), { recursive: true });
            linkOrCopy(await drawing.get(page)!, file);
          }
          const unguessed = [...redrawn.keys()].filter((page) => !guessed.has(page)).length;
          const late = [
            ...(unguessed ? [`${unguessed} known only once the notes were rendered`] : []),
            ...(redrawn.size > unguessed ? [`${redrawn.size - unguessed} drawn again: the notes changed since the guess`] : []),
          ];
          logger.info(`${cards.size} preview images${late.length ? ` (${late.join('; ')})` : ''}`);
        } finally {
          await pool.close();
        }
      },
    },
  };
}

/**
 * The cached PNG put into the output as a second name of the same file, not a copy: 1300 cards at
 * 1000 notes took 350–430 ms to copy on the build's thread and 20–30 ms to link, and 40 MB fewer
 * bytes are written (and deleted with the next build's old output). A cached PNG is never changed in
 * place (draw.ts writes a new one aside and renames it), so a published image cannot change under a
 * link. Copied where the output is on another file system, or links are refused.
 */
function linkOrCopy(cached: string, file: URL): void {
  try {
    linkSync(cached, file);
  } catch {
    // Never copied through: a file already there may be a link to a cached PNG.
    rmSync(file, { force: true });
    copyFileSync(cached, file);
  }
}
