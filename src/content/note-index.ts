/**
 * What must be known before any note renders: every note's slug, title, aliases and draft state (so
 * wikilinks resolve, by any name), the topics, the planned notes and the glossary (so a note can
 * record the terms it uses), read from frontmatter and the folder's YAML files alone.
 * Everything else a later step needs (headings, links, formulas, sections) is recorded while Astro
 * renders each note once (see src/markdown/ and loader.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { keptResults } from '../lib/build-cache.ts';
import { slugFromPath } from '../lib/slugs.ts';
import { createResolver, type LinkTarget, type Resolver } from '../markdown/wikilinks.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { readGlossary, type Glossary } from './glossary.ts';
import { headingsOfBody } from './outline.ts';
import { sourceProblems, sourceWarning } from './source-checks.ts';

export interface IndexedNote extends LinkTarget {
  /** Path under the articles folder, e.g. `mla.md`. */
  file: string;
  /** Path of the file as the build names it in messages (`content/articles/mla.md`). */
  path: string;
  draft: boolean;
  formerSlugs: string[];
  /** The frontmatter as written, not yet checked: what a step that starts before the notes are loaded may guess from. */
  frontmatter: Record<string, unknown>;
  /** What is wrong with the file before its Markdown is read (source-checks.ts), each with its line. */
  problems: string[];
  /** What the build warns about, short of failing (a note too long to read). */
  warning: string | undefined;
}

export interface NoteIndex {
  dir: string;
  topics: string[];
  /** content/topics.yaml as written, not yet checked. */
  topicsFile: Record<string, unknown>;
  /** Every note file in the folder, drafts too, in file order. */
  notes: IndexedNote[];
  /** Slugs of every note, in file order. */
  articles: string[];
  /** Catalog articles not written yet, by slug, with their titles. */
  planned: Map<string, string>;
  /** Resolves link targets by slug, title or alias, and headings by id or text. */
  resolver: Resolver;
  /**
   * content/glossary.yaml, checked against the notes (glossary.ts): read when first asked for, by
   * the notes' loader before any note renders, and throwing with the line of every problem.
   */
  glossary: Glossary;
}

/** The content folder of this build: `CONTENT_DIR` (tests, benchmark) or `./content`. */
export function contentDir(env: Record<string, string | undefined> = process.env): string {
  return env.CONTENT_DIR ?? './content';
}

function noteFiles(articlesDir: string): string[] {
  return readdirSync(articlesDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .sort();
}

/** Reads the index of a content folder; throws on two notes with one slug, an alias two notes claim, or a planned note that is written. */
export function readNoteIndex(dir = contentDir()): NoteIndex {
  const articlesDir = path.join(dir, 'articles');
  const topicsFile = (parseYaml(readFileSync(path.join(dir, 'topics.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
  const topics = Object.keys(topicsFile);
  // Parsing every note's YAML took 0.46 s of each build at 1000 notes; a note whose YAML did not change is not parsed again.
  const frontmatter = keptResults('frontmatter', parseYaml);
  const notes = noteFiles(articlesDir).map((file): IndexedNote => {
    const full = path.join(articlesDir, file);
    const source = readFileSync(full, 'utf8');
    const split = splitFrontmatter(source, frontmatter.of);
    const { data = {}, body } = split;
    const slug = slugFromPath(file);
    let headings: IndexedNote['headings'] | undefined;
    return {
      file,
      path: full,
      slug,
      title: typeof data.title === 'string' ? data.title : slug,
      aliases: Array.isArray(data.aliases) ? data.aliases.map(String) : [],
      draft: data.draft === true,
      formerSlugs: Array.isArray(data.formerSlugs) ? data.formerSlugs.map(String) : [],
      frontmatter: data,
      problems: sourceProblems(source, full, split),
      warning: sourceWarning(source, full),
      // Parsed only when a wikilink names one of this note's headings (see outline.ts).
      get headings() {
        return (headings ??= headingsOfBody(body, full));
      },
    };
  });
  frontmatter.keep();
  const articles = notes.map((note) => note.slug);
  // Two files with one slug (a.md and a.mdx, or a.md and a/index.md) would both claim /a/.
  const fileBySlug = new Map<string, string>();
  for (const note of notes) {
    const other = fileBySlug.get(note.slug);
    if (other) throw new Error(`content/articles/${note.file}: the slug "${note.slug}" is taken by content/articles/${other}; each article has one file, so rename or remove one of them`);
    fileBySlug.set(note.slug, note.file);
  }
  checkAliases(notes);
  const plannedFile = path.join(dir, 'planned.yaml');
  const planned = new Map<string, string>(existsSync(plannedFile) ? Object.entries(parseYaml(readFileSync(plannedFile, 'utf8')) ?? {}) : []);
  const written = articles.filter((slug) => planned.has(slug));
  if (written.length > 0) {
    throw new Error(`${plannedFile}: ${written.join(', ')} ${written.length > 1 ? 'are' : 'is'} written now; remove ${written.length > 1 ? 'them' : 'it'} from the planned list`);
  }
  const resolver = createResolver(notes, planned);
  let glossary: Glossary | undefined;
  return {
    dir, topics, topicsFile, notes, articles, planned, resolver,
    get glossary() {
      return (glossary ??= readGlossary(dir, { resolver }));
    },
  };
}

/**
 * An alias is another name readers search for; one that two articles claim sends the reader to
 * either at random.
 */
function checkAliases(notes: IndexedNote[]) {
  const owner = new Map<string, string>();
  for (const note of notes) {
    for (const alias of note.aliases) {
      const key = alias.trim().toLowerCase();
      const other = owner.get(key);
      if (other && other !== note.file) {
        const rows = readFileSync(note.path, 'utf8').split('\n');
        const from = rows.findIndex((row) => row.startsWith('aliases'));
        const line = from < 0 ? 0 : rows.findIndex((row, i) => i >= from && row.includes(alias)) + 1;
        throw new Error(`content/articles/${note.file}:${line || '?'}: the alias "${alias}" is also an alias of content/articles/${other}; an alias must name one article, so remove it from one of them`);
      }
      owner.set(key, note.file);
    }
  }
}

const indexes = new Map<string, { key: string; index: NoteIndex }>();

/**
 * The index of this build's content folder, read once per module instance. `astro build` reads a
 * folder that does not change while it runs; `astro dev` reads it again when a file's time changes,
 * so a renamed note or a new alias is seen on the next render.
 */
export function noteIndex(dir = contentDir()): NoteIndex {
  const key = process.env.NODE_ENV === 'production' ? dir : folderState(dir);
  const kept = indexes.get(dir);
  if (kept?.key === key) return kept.index;
  const index = readNoteIndex(dir);
  indexes.set(dir, { key, index });
  return index;
}

function folderState(dir: string): string {
  const articlesDir = path.join(dir, 'articles');
  const files = noteFiles(articlesDir).map((file) => `${file}:${statSync(path.join(articlesDir, file)).mtimeMs}`);
  for (const extra of ['topics.yaml', 'planned.yaml', 'glossary.yaml']) {
    const file = path.join(dir, extra);
    if (existsSync(file)) files.push(`${extra}:${statSync(file).mtimeMs}`);
  }
  return files.join('|');
}
