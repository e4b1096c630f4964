import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { slug as slugify } from 'github-slugger';
import { describe, expect, test } from 'vitest';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { splitFrontmatter } from '../../src/content/frontmatter.ts';
import { markdownPlugins, shikiConfig } from '../../src/markdown/index.ts';
import { recordingsOf, type NoteRecordings } from '../../src/markdown/recordings.ts';
import type { Article, Topic } from '../../src/site/entries.ts';
import { markdownCopy } from '../../src/site/markdown-copies.ts';
import { buildSiteModel } from '../../src/site/model.ts';

const index = readNoteIndex('content');
const processor = createMarkdownProcessor({ ...markdownPlugins(() => index), shikiConfig, smartypants: false });

/** The headings (depth, id, text) and formulas (display or inline, TeX) of a note rendered by the site, and what it recorded. */
async function render(markdown: string, file: string) {
  const { code, metadata } = await (await processor).render(markdown, { fileURL: pathToFileURL(file) });
  return {
    headings: metadata.headings.map(({ depth, slug, text }) => ({ depth, id: slug, text })),
    // Rendered notes carry each formula as a placeholder with its TeX (src/math/placeholders.ts).
    formulas: [...code.matchAll(/<!--katex:([DI]):([^>]*?)-->/g)].map(([, mode, tex]) => `${mode} ${decodeURIComponent(tex).trim()}`),
    recorded: recordingsOf(metadata.frontmatter),
  };
}

describe('every note\'s Markdown copy, read back by the site\'s own pipeline', async () => {
  const originals = new Map<string, Awaited<ReturnType<typeof render>>>();
  for (const note of index.notes) originals.set(note.slug, await render(splitFrontmatter(readFileSync(note.path, 'utf8')).body, note.path));
  // The site model of these notes, from their frontmatter and what their renders recorded, as the build makes it.
  const articles = index.notes.map((note) => ({ id: note.slug, filePath: note.path, data: { formerSlugs: [], tags: [], ...note.frontmatter } }) as unknown as Article);
  const topics = Object.entries(index.topicsFile).map(([id, data]) => ({ id, data }) as unknown as Topic);
  const model = await buildSiteModel(articles, topics, async ({ id }): Promise<NoteRecordings> => originals.get(id)!.recorded);

  test.each(index.notes.map((note) => [note.slug, note.path]))('%s: the same headings, with the same ids, and the same formulas, under its title', async (slug, file) => {
    const original = originals.get(slug)!;
    const article = model.article(slug)!;
    // Rendered as the note itself, so links to its own sections resolve as they did.
    const copy = await render(markdownCopy(model, article, 'https://notes.example.org'), file);
    const title = article.data.title;
    expect(copy.headings).toEqual([{ depth: 1, id: slugify(title), text: title }, ...original.headings]);
    expect(copy.formulas).toEqual(original.formulas);
    expect(original.formulas.length + original.headings.length).toBeGreaterThan(0);
  });
});
