import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readNoteFiles, type NoteFile } from './note-files.ts';
import { slugFromPath } from './slugs.ts';

/** What exists in a content folder, known before any note is rendered, so references can be checked. */
export interface ContentIndex {
  topics: string[];
  articles: string[];
  /** Catalog articles not written yet, by slug, with their titles. */
  planned: Map<string, string>;
}

/** The content folder of this build: `CONTENT_DIR` (tests, benchmark) or `./content`. */
export function contentDir(env: Record<string, string | undefined> = process.env): string {
  return env.CONTENT_DIR ?? './content';
}

export function readContentIndex(dir = contentDir()): ContentIndex {
  const topics = Object.keys(parseYaml(readFileSync(path.join(dir, 'topics.yaml'), 'utf8')) ?? {});
  const notes = readNoteFiles(dir);
  const files = notes.map((note) => note.file);
  const articles = files.map((file) => slugFromPath(file));
  // Two files with one slug (a.md and a.mdx, or a.md and a/index.md) would both claim /a/.
  const fileBySlug = new Map<string, string>();
  files.forEach((file, i) => {
    const other = fileBySlug.get(articles[i]);
    if (other) throw new Error(`content/articles/${file}: the slug "${articles[i]}" is taken by content/articles/${other}; each article has one file, so rename or remove one of them`);
    fileBySlug.set(articles[i], file);
  });
  checkAliases(notes);
  const plannedFile = path.join(dir, 'planned.yaml');
  const planned = new Map<string, string>(existsSync(plannedFile) ? Object.entries(parseYaml(readFileSync(plannedFile, 'utf8')) ?? {}) : []);
  const written = articles.filter((slug) => planned.has(slug));
  if (written.length > 0) {
    throw new Error(`${plannedFile}: ${written.join(', ')} ${written.length > 1 ? 'are' : 'is'} written now; remove ${written.length > 1 ? 'them' : 'it'} from the planned list`);
  }
  return { topics, articles, planned };
}

/**
 * An alias is another name readers search for; one that two articles claim sends the reader to
 * either at random. Frontmatter that does not parse is left to the loader, which reports it.
 */
function checkAliases(notes: NoteFile[]) {
  const owner = new Map<string, string>();
  for (const { file, text, data } of notes) {
    const aliases = data?.aliases;
    if (!Array.isArray(aliases)) continue;
    for (const alias of aliases) {
      const key = String(alias).trim().toLowerCase();
      const other = owner.get(key);
      if (other && other !== file) {
        const rows = text.split('\n');
        const from = rows.findIndex((row) => row.startsWith('aliases'));
        const line = from < 0 ? 0 : rows.findIndex((row, i) => i >= from && row.includes(String(alias))) + 1;
        throw new Error(`content/articles/${file}:${line || '?'}: the alias "${alias}" is also an alias of content/articles/${other}; an alias must name one article, so remove it from one of them`);
      }
      owner.set(key, file);
    }
  }
}
