/**
 * The content layer's hand-off to the build steps that run outside Astro's pages (preview images, the
 * KaTeX font cut, the sitemap, the completeness check): what the loader validated and the plugins
 * recorded, written next to Astro's own data store once the notes are loaded. Those steps read this
 * file instead of the notes, so the notes are read once and the schema is applied once.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { writeAtomically } from '../lib/build-cache.ts';

export interface ArticleRecord {
  id: string;
  /** The note's file, relative to the project (`content/articles/mla.md`). */
  file: string;
  data: { title: string; summary: string; topic: string; tags: string[]; draft: boolean; created: Date; updated?: Date; formerSlugs: string[] };
  /** The characters the note's formulas draw with KaTeX's fonts. */
  glyphs: string;
  /** The notes it links to, once each (an MDX note's links are known only when its page renders). */
  links: string[];
  /** Its sections with an id the author fixed (`{#id}`), which get preview images of their own. */
  sectionCards: SectionCard[];
  /** The digest Astro keeps of the note's file: any edit changes it. */
  digest: string;
}

/** What a section's preview image shows besides the note's title. */
export interface SectionCard {
  id: string;
  title: string;
  excerpt: string;
}

export interface TopicRecord {
  id: string;
  data: { name: string; nameEn: string; description: string; order: number };
}

export interface ContentRecords {
  /** Every note file of the content folder, drafts too (relative to the project). */
  files: string[];
  articles: ArticleRecord[];
  topics: TopicRecord[];
}

const fileName = 'content-records';

/** Where a collection's records are written. */
export function recordsFile(cacheDir: URL | string, collection: string): string {
  const dir = typeof cacheDir === 'string' ? cacheDir : fileURLToPath(cacheDir);
  return path.join(dir, fileName, `${collection}.json`);
}

/** Written aside and renamed into place, so a build never reads half a file. */
export function writeRecords(cacheDir: URL | string, collection: string, value: unknown): void {
  const file = recordsFile(cacheDir, collection);
  mkdirSync(path.dirname(file), { recursive: true });
  writeAtomically(file, JSON.stringify(value));
}

/** The records of the last content sync; a build step that runs before it has none to read. */
export function readRecords(cacheDir: URL | string): ContentRecords {
  const read = (collection: string): unknown => {
    try {
      return JSON.parse(readFileSync(recordsFile(cacheDir, collection), 'utf8'));
    } catch (error) {
      throw new Error(`the content records (${recordsFile(cacheDir, collection)}) are missing: they are written when Astro loads the content collections, before this step`, { cause: error });
    }
  };
  const notes = read('articles') as { files: string[]; articles: ArticleRecord[] };
  const articles = notes.articles.map((article) => ({
    ...article,
    data: { ...article.data, created: new Date(article.data.created), updated: article.data.updated ? new Date(article.data.updated) : undefined },
  }));
  return { files: notes.files, articles, topics: read('topics') as TopicRecord[] };
}
