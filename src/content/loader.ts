/**
 * The notes' loader: Astro's glob loader, which reads each note once and renders it once with the
 * site's Markdown pipeline, held to a stricter standard and followed by the checks that need every
 * note rendered. It is the only code, with note-index.ts, that reads the content folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { file, glob } from 'astro/loaders';
import { sectionSharePages } from '../lib/site.ts';
import { slugFromPath } from '../lib/slugs.ts';
import { recordingsOf } from '../markdown/recordings.ts';
import { formulaGlyphs } from '../math/index.ts';
import { schemaIssueLine } from './frontmatter.ts';
import { draftTargets, glossaryDigest } from './glossary.ts';
import { noteIndex } from './note-index.ts';
import { formulasOfBody } from './outline.ts';
import { keepTextAside, notesWithLostText, noteTextDir, readNoteText } from './note-text.ts';
import { writeRecords, type ArticleRecord, type TopicRecord } from './records.ts';

type StoredEntry = ReturnType<LoaderContext['store']['values']>[number];

/**
 * Astro reports a frontmatter that fails the schema at the line of the first field's top-level key
 * (`paper:` for a bad `paper.url`), and lists the issues as `**path**: message`. Each issue gets the
 * file and the line of its own field, so an author goes straight to it.
 */
function locateSchemaIssues(error: unknown): unknown {
  const problem = error as { name?: string; message?: string; loc?: { file?: string; line?: number } };
  const file = problem.loc?.file;
  if (problem.name !== 'InvalidContentEntryDataError' || !file || typeof problem.message !== 'string') return error;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return error;
  }
  const relative = path.relative(process.cwd(), file);
  const shown = relative.startsWith('..') ? file : relative;
  let first: number | undefined;
  problem.message = problem.message.replace(/^(\s*)\*\*([^*\n]*)\*\*: /gm, (_all, indent: string, fieldPath: string) => {
    const line = fieldPath ? schemaIssueLine(source, fieldPath.split('.')) : undefined;
    first ??= line;
    return `${indent}${shown}${line ? `:${line}` : ''}: ${fieldPath ? `${fieldPath}: ` : ''}`;
  });
  if (first !== undefined && problem.loc) problem.loc.line = first;
  return problem;
}

/**
 * Astro's glob loader logs a note it cannot render (broken TeX, say) or an empty or duplicate file,
 * then carries on and publishes the page without its body. Here every error or warning the loader
 * logs fails the build instead, after the loader has reported all of them.
 */
export function failOnLoaderProblems(loader: Loader): Loader {
  return {
    ...loader,
    async load(context) {
      const problems: string[] = [];
      const logger = new Proxy(context.logger, {
        get(target, property, receiver) {
          if (property === 'error' || property === 'warn') {
            return (message: string) => {
              problems.push(message);
              target[property](message);
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      try {
        await loader.load({ ...context, logger });
      } catch (error) {
        throw locateSchemaIssues(error);
      }
      if (problems.length > 0) throw loaderProblems(context.collection, problems);
    },
  };
}

/**
 * The error that stops the build over what authors wrote. Astro ends its report with the error's
 * location and stack, which would point into this file; the location is the first note's line
 * instead, and there is no stack, since nothing in the build's code went wrong.
 */
function loaderProblems(collection: string, problems: string[]): Error {
  const error = new Error(`The ${collection} collection has ${problems.length} problem(s); fix them to build:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  const first = /(\S+\.mdx?):(\d+)(?::(\d+))?/.exec(problems.join('\n'));
  if (first) Object.assign(error, { loc: { file: first[1], line: Number(first[2]), column: first[3] ? Number(first[3]) : undefined } });
  error.stack = '';
  return error;
}

/**
 * What decides a rendered note besides its own text: the Markdown plugins, this folder, the helpers
 * they import (src/math too: a formula's reading is in the recorded section excerpts), and the
 * installed packages. Astro keeps a rendered note until its text changes, so a change here renders
 * every note again.
 */
export function codeDigest(folders: URL[] = ['../markdown/', './', '../lib/', '../math/'].map((folder) => new URL(folder, import.meta.url))): string {
  const digest = createHash('sha256');
  for (const url of folders) {
    for (const file of readdirSync(url).filter((name) => name.endsWith('.ts')).sort()) digest.update(file).update(readFileSync(new URL(file, url)));
  }
  const lockfile = path.join(process.cwd(), 'package-lock.json');
  if (existsSync(lockfile)) digest.update(readFileSync(lockfile));
  return digest.digest('hex');
}

const linksOf = (entry: StoredEntry) => recordingsOf(entry.rendered?.metadata?.frontmatter).links;

/**
 * The notes of a content folder. Astro renders a note again only when its own text changes, but a
 * note's page also shows other notes' titles and headings (its wikilinks). So after loading, the
 * notes that link to a note that changed, appeared or went are rendered again, which also finds links
 * a renamed heading or a removed note broke. Then a published note may not link to a draft (unless
 * drafts are published, as in `astro dev`), and the records for the later build steps are written.
 * Outside `astro dev` (`textInStore`), each note's HTML and Markdown go to the build cache instead of
 * Astro's data store (note-text.ts).
 */
export function notesLoader({ dir, drafts, textInStore }: { dir: string; drafts: boolean; textInStore: boolean }): Loader {
  const inner = failOnLoaderProblems(glob({
    pattern: '**/*.{md,mdx}',
    base: `${dir}/articles`,
    generateId: ({ entry }) => slugFromPath(entry),
  }));
  return {
    name: 'notes',
    async load(context) {
      const index = noteIndex(dir);
      // Before Astro reads them: a file it cannot read well would fail later without its line.
      const unreadable = index.notes.flatMap((note) => note.problems);
      if (unreadable.length > 0) throw loaderProblems(context.collection, unreadable);
      for (const note of index.notes) {
        if (note.warning) context.logger.warn(note.warning);
      }
      const { store, meta } = context;
      // The glossary is checked before any note renders; each note records the terms it names and
      // carries the definitions of those it marks, so a change to the terms renders every note again,
      // as does a change of which sections have share pages (their buttons carry the address).
      const code = createHash('sha256').update(codeDigest()).update(glossaryDigest(index.glossary)).update(sectionSharePages()).digest('hex');
      if (meta.get('code') !== code) store.clear();
      meta.set('code', code);

      const before = new Map(store.values().map((entry) => [entry.id, entry.digest]));
      await inner.load(context);
      const after = new Map(store.values().map((entry) => [entry.id, entry.digest]));
      const changed = new Set([...before.keys(), ...after.keys()].filter((id) => before.get(id) !== after.get(id)));
      if (changed.size > 0 && changed.size < after.size) {
        const stale = store.values().filter((entry) => !changed.has(entry.id) && linksOf(entry).some((link) => changed.has(link.slug)));
        if (stale.length > 0) {
          for (const entry of stale) store.delete(entry.id);
          // The watcher is already set up by the first pass.
          await inner.load({ ...context, watcher: undefined });
        }
      }

      const textDir = noteTextDir(context.config.cacheDir);
      const lost = textInStore ? [] : notesWithLostText(store.values(), textDir);
      if (lost.length > 0) {
        for (const id of lost) store.delete(id);
        await inner.load({ ...context, watcher: undefined });
      }

      const entries = store.values();
      const problems: string[] = [];
      const draftSlugs = new Set(entries.filter((entry) => entry.data.draft === true).map((entry) => entry.id));
      for (const entry of entries) {
        if (drafts || entry.data.draft === true) continue;
        for (const link of linksOf(entry)) {
          if (draftSlugs.has(link.slug)) problems.push(`${entry.filePath}:${link.line ?? '?'}: → ${link.slug}: "${link.slug}" is a draft, so this link would lead nowhere once published; publish it or link later`);
        }
      }
      if (problems.length > 0) throw loaderProblems(context.collection, problems);

      // Paths from the index, not the store's `filePath`: the store keeps the path an entry had when it
      // was loaded, relative to where the project then was, and a moved project would no longer match.
      const fileOf = new Map(index.notes.map((note) => [note.slug, path.relative(process.cwd(), note.path)]));
      const articles = entries.map((entry): ArticleRecord => ({
        id: entry.id,
        file: fileOf.get(entry.id) ?? entry.filePath ?? entry.id,
        data: entry.data as ArticleRecord['data'],
        glyphs: entry.rendered ? recordingsOf(entry.rendered.metadata?.frontmatter).glyphs : glyphsOfBody(entry.body ?? (textInStore ? '' : readNoteText(textDir, entry).body)),
        links: [...new Set(linksOf(entry).map((link) => link.slug))],
        // An MDX note's sections are known only when its page renders: its sections share the note's image.
        sectionCards: entry.rendered ? recordingsOf(entry.rendered.metadata?.frontmatter).sections.filter((section) => section.fixed).map(({ id, title, excerpt }) => ({ id, title, excerpt })) : [],
        digest: String(entry.digest ?? ''),
      }));
      writeRecords(context.config.cacheDir, context.collection, { files: [...fileOf.values()], articles });
      if (!textInStore) keepTextAside(store, textDir);
    },
  };
}

/** The characters a note's formulas draw, for a note that renders after the fonts are cut (MDX). */
function glyphsOfBody(body: string): string {
  const characters = new Set<string>();
  for (const [tex, display] of formulasOfBody(body)) {
    try {
      for (const character of formulaGlyphs(tex, display)) characters.add(character);
    } catch {
      // TeX KaTeX rejects fails the note's own render with its file and line.
    }
  }
  return [...characters].sort().join('');
}

/** A loader whose entries, once loaded, are also written as records for the later build steps. */
export function recordedLoader(loader: Loader): Loader {
  return {
    ...loader,
    async load(context) {
      await loader.load(context);
      const records: TopicRecord[] = context.store.values().map((entry) => ({ id: entry.id, data: entry.data as TopicRecord['data'] }));
      writeRecords(context.config.cacheDir, context.collection, records);
    },
  };
}

/**
 * The glossary, content/glossary.yaml, as a collection: Astro's file loader, given the glossary the
 * note index has read and checked (glossary.ts) instead of parsing the file again. A term may not
 * point at a draft unless drafts are published (`astro dev`). No glossary file, no terms.
 */
export function glossaryLoader({ dir, drafts }: { dir: string; drafts: boolean }): Loader {
  const source = path.join(dir, 'glossary.yaml');
  const inner = failOnLoaderProblems(file(source, {
    parser: () => Object.fromEntries(noteIndex(dir).glossary.terms.map((term) => [term.id, {
      zh: term.zh,
      en: term.en,
      definition: term.definition,
      note: term.note.id ? `${term.note.slug}#${term.note.id}` : term.note.slug,
    }])),
  }));
  return {
    name: 'glossary',
    async load(context) {
      // Checked here, with its lines: Astro's file loader would log a parser's error and carry on.
      const index = noteIndex(dir);
      const problems = drafts ? [] : draftTargets(index.glossary, index.notes);
      if (problems.length > 0) throw loaderProblems(context.collection, problems);
      if (!existsSync(source)) {
        context.store.clear();
        return;
      }
      await inner.load(context);
    },
  };
}
