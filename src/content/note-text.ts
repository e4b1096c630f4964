/**
 * A note's rendered HTML, its Markdown and its Markdown copy, kept in the build cache, one file a
 * note, instead of in Astro's data store. Astro writes its store as one JSON document and, for the
 * pages, compiles it as one JavaScript string. At 10,000 notes that was 353 MB, 289 MB of it the
 * notes' HTML and Markdown, and V8 spent 448 s compiling it before the first page
 * (docs/performance.md). Kept aside, the store holds each note's data and its other recordings, and
 * a page reads the text of its own note alone.
 *
 * In `astro dev` the text stays in the store: there Astro renders a note that changes straight into
 * the store, past this loader's last step.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { buildCacheDir, writeAtomically } from '../lib/build-cache.ts';
import { recordingsOf } from '../markdown/recordings.ts';
import { openingLines } from './opening-lines.ts';

type Store = LoaderContext['store'];
type StoredEntry = ReturnType<Store['values']>[number];

export interface NoteText {
  /** The note rendered by the site's Markdown pipeline; empty for an MDX note, which renders as a component. */
  html: string;
  /** The Markdown (or MDX) after its frontmatter. */
  body: string;
  /** Its copy as plain Markdown (the recording `markdown`, markdown-copy.ts); empty for an MDX note, whose copy is recorded when its page renders. */
  markdown: string;
}

/** Which note's text, as it was when rendered: a file holds one version, named by the note's digest. */
interface TextKey {
  id: string;
  digest?: string | number;
}

/** The folder of kept note texts in a build cache. */
export function noteTextDir(cacheDir: URL | string): string {
  return path.join(typeof cacheDir === 'string' ? cacheDir : fileURLToPath(cacheDir), 'note-text');
}

const fileName = (note: TextKey) => `${encodeURIComponent(note.id)}.${note.digest ?? 'none'}.json`;

/** Text still in the store: the note was rendered (again) by this load. */
const carriesText = (entry: StoredEntry) => entry.body !== undefined || Boolean(entry.rendered?.html);

/**
 * Notes whose text an earlier build kept aside but whose file is gone (a cache folder cleared in
 * part): they must be rendered again, or their pages would be empty.
 */
export function notesWithLostText(entries: StoredEntry[], dir: string): string[] {
  const kept = new Set(existsSync(dir) ? readdirSync(dir) : []);
  return entries.filter((entry) => !carriesText(entry) && !kept.has(fileName(entry))).map((entry) => entry.id);
}

/**
 * Writes the text of each note this load rendered to its file and leaves the store its data,
 * recordings and headings; removes the files of notes, or versions of notes, that are gone.
 */
export function keepTextAside(store: Store, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wanted = new Set<string>();
  for (const entry of store.values()) {
    const name = fileName(entry);
    wanted.add(name);
    if (!carriesText(entry)) continue;
    const { markdown = '', ...recorded } = (entry.rendered?.metadata?.frontmatter ?? {}) as { markdown?: string };
    const text = JSON.stringify({ html: entry.rendered?.html ?? '', body: entry.body ?? '', markdown } satisfies NoteText);
    writeAtomically(path.join(dir, name), text);
    // Astro's store keeps an entry whose digest it already has; the slimmer one must replace it.
    store.delete(entry.id);
    const textDigest = createHash('sha256').update(text).digest('hex').slice(0, 32);
    // The hover preview's lines stay in the store, taken now from the one note rendered: the emitter
    // took them from every note's kept text at each build (0.45 s at 1000 notes).
    const opening = entry.rendered?.html ? openingLines(entry.rendered.html) : '';
    const rendered = entry.rendered && { ...entry.rendered, html: '', metadata: { ...entry.rendered.metadata, frontmatter: recorded, textDigest, opening } };
    store.set({ ...entry, body: undefined, rendered });
  }
  for (const name of readdirSync(dir)) {
    if (!wanted.has(name)) rmSync(path.join(dir, name), { force: true });
  }
}

/** The text a page shows for a note, as the loader kept it for this version of the note. */
export function readNoteText(dir: string, note: TextKey): NoteText {
  const file = path.join(dir, fileName(note));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as NoteText;
  } catch (error) {
    throw new Error(`the rendered text of "${note.id}" is missing from the build cache (${file}); it is written when Astro loads the notes: build again, and if it persists clear the cache folder`, { cause: error });
  }
}

/**
 * A published note's text, for its page, its hover preview and its Markdown copy: in the data store
 * in `astro dev`, else where the loader kept it. `astro.config.mjs` sets Astro's cache to buildCacheDir().
 */
export function articleText(article: TextKey & Pick<StoredEntry, 'body' | 'rendered'>): NoteText {
  if (import.meta.env.DEV) return { html: article.rendered?.html ?? '', body: article.body ?? '', markdown: recordingsOf(article.rendered?.metadata?.frontmatter as Record<string, unknown> | undefined).markdown };
  return readNoteText(noteTextDir(buildCacheDir()), article);
}

/**
 * The opening lines of a published note (openingLines), for its hover preview: kept in the store
 * with the note when its text was kept aside; taken from its text in `astro dev`, or when it was kept
 * by a build from before.
 */
export function articleOpening(article: TextKey & Pick<StoredEntry, 'body' | 'rendered'>): string {
  const kept = article.rendered?.metadata?.opening;
  return typeof kept === 'string' ? kept : openingLines(articleText(article).html);
}

/**
 * What tells this version of a note's text from another: the note's digest is that of its file,
 * and a note rendered again because a note it links to changed keeps it, with new text. A Markdown
 * note's kept text is hashed when it is written (an MDX note renders as a component, whose code
 * Astro itself compares).
 */
export function textVersion(article: TextKey & Pick<StoredEntry, 'rendered'>): string {
  const kept = article.rendered?.metadata?.textDigest;
  return typeof kept === 'string' ? kept : String(article.digest ?? '');
}
