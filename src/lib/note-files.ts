import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** A note's file as the steps that run before Astro loads the notes read it. */
export interface NoteFile {
  /** Path under the articles folder, e.g. `mla.md`. */
  file: string;
  /** The whole source. */
  text: string;
  /** The parsed frontmatter; undefined when it is missing or not YAML (the content loader reports that, with its line). */
  data: Record<string, unknown> | undefined;
}

const cacheKey = Symbol.for('ml-notes.note-files');

/**
 * Every note of a content folder with its frontmatter, in file order. The content index, the link
 * graph, the preview cards and the sitemap all need the notes before Astro has loaded them; each
 * read and parsed a thousand frontmatters on its own. `astro build` reads a folder that does not
 * change while it runs, so there the folder is read once (on globalThis: Astro loads its config and
 * its pages as separate module instances); elsewhere (dev, tests, scripts) it is read on each call.
 */
export function readNoteFiles(dir: string): NoteFile[] {
  const store = globalThis as { [cacheKey]?: Map<string, NoteFile[]> };
  const production = process.env.NODE_ENV === 'production';
  const cached = production ? store[cacheKey]?.get(dir) : undefined;
  if (cached) return cached;
  const articlesDir = path.join(dir, 'articles');
  const notes = readdirSync(articlesDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .sort()
    .map((file): NoteFile => {
      const text = readFileSync(path.join(articlesDir, file), 'utf8');
      return { file, text, data: frontmatterOf(text) };
    });
  if (production) (store[cacheKey] ??= new Map()).set(dir, notes);
  return notes;
}

function frontmatterOf(text: string): Record<string, unknown> | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  if (frontmatter === undefined) return undefined;
  try {
    const data: unknown = parseYaml(frontmatter);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
