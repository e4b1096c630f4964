import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { linkIndex } from '../../src/site/links.ts';
import { renderContent } from './render-content.ts';

describe('the notes in content/', async () => {
  const dir = path.resolve(import.meta.dirname, '../../content');
  // Rendering fails on a link that leads to no note or heading, with the file and line.
  const rendered = await renderContent(dir);

  test('every note renders, so every link between them resolves', () => {
    expect([...rendered.keys()].sort()).toEqual(readNoteIndex(dir).articles.sort());
  });

  test('the glossary reads without a problem, and the notes name its terms', () => {
    const { terms } = readNoteIndex(dir).glossary;
    expect(terms.length).toBeGreaterThanOrEqual(300);
    const named = new Set([...rendered.values()].flatMap((recordings) => recordings.terms));
    // A term no note names is either misspelt in the glossary or written differently in every note.
    expect(terms.filter((term) => named.has(term.id)).length / terms.length).toBeGreaterThan(0.95);
  });

  test('every note is linked from at least one other note, so none is an orphan', () => {
    const published = readNoteIndex(dir).notes.filter((note) => !note.draft).map((note) => note.slug);
    const links = linkIndex([...rendered].map(([slug, recordings]) => [slug, recordings.links]));
    const orphans = published.filter((slug) => links.backlinksTo(slug).length === 0);
    expect(orphans, 'link to these notes from a note that genuinely relates').toEqual([]);
  });
});
