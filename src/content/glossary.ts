/**
 * The glossary, `content/glossary.yaml`: one entry per concept, keyed by a kebab-case id, with its
 * Chinese and English names, a one-sentence definition and the note (or section) that explains it.
 * It is read once per note index (note-index.ts), checked here with the line of every problem, and
 * then serves the Markdown plugin that records which notes use which term and the `glossary`
 * collection behind /terms/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { kebabCase } from '../lib/slugs.ts';
import type { Resolver } from '../markdown/wikilinks.ts';
import { yamlFieldOffset } from './frontmatter.ts';
import { glossaryEntrySchema } from './schema.ts';

export interface GlossaryTerm {
  id: string;
  zh: string[];
  en: string[];
  /** Every name, Chinese first, as the Markdown plugin looks for them. */
  names: string[];
  definition: string;
  /** The note that explains it, with the heading resolved to its id. */
  note: { slug: string; id?: string };
  /** The line of its id in the file. */
  line: number;
}

export interface Glossary {
  /** The file, as messages name it. */
  file: string;
  terms: GlossaryTerm[];
}

/** What the checks need to know of the notes. */
export interface GlossaryNotes {
  resolver: Resolver;
}

/** A name as two terms are compared: in any case, width and spacing. */
export const termKey = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** `content/glossary.yaml` as messages name it: relative to the project when inside it. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * The glossary of a content folder, checked against its notes; empty when the folder has none.
 * Throws one error listing every problem, each with its line: YAML that does not parse, an id that
 * is not kebab-case, a field that is unknown, missing or empty (no Chinese or no English name), a
 * note or heading that does not exist, and a name that two terms claim.
 */
export function readGlossary(dir: string, notes: GlossaryNotes): Glossary {
  const file = path.join(dir, 'glossary.yaml');
  if (!existsSync(file)) return { file: shownPath(file), terms: [] };
  return parseGlossary(readFileSync(file, 'utf8'), shownPath(file), notes);
}

/** The glossary in `text`, which `file` names in messages; see readGlossary. */
export function parseGlossary(text: string, file: string, notes: GlossaryNotes): Glossary {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  const problems: string[] = [];
  const fail = (line: number, message: string) => problems.push(`${file}:${line}: ${message}`);

  for (const error of document.errors) {
    const line = lineAt(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') {
      const key = text.split('\n')[line - 1]?.split(':')[0].trim();
      fail(line, `the term id "${key}" is written twice; each term has one entry, so merge the two or give one another id`);
    } else {
      fail(line, `the glossary is not valid YAML: ${error.message.split('\n')[0]}; check the indentation, brackets and quotes on this line`);
    }
  }
  if (problems.length > 0) throw glossaryProblems(file, problems);
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { file, terms: [] };
  if (!isMap(root)) {
    fail(lineAt(root.range?.[0]), 'the glossary is a map from term ids to terms, e.g.\n  knowledge-distillation:\n    zh: [知识蒸馏]\n    en: [knowledge distillation, KD]\n    definition: …\n    note: some-note#section');
    throw glossaryProblems(file, problems);
  }

  const terms: GlossaryTerm[] = [];
  /** Who claimed each name first: the term and the line. */
  const owners = new Map<string, { id: string; line: number }>();
  for (const pair of root.items as Array<Pair<Node, Node | null>>) {
    const id = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const line = lineAt(pair.key?.range?.[0]);
    if (!kebabCase.test(id)) {
      fail(line, `"${id}" is not a term id; an id is lower-case kebab-case ASCII, as /terms/#${id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'knowledge-distillation'} will show it`);
    }
    if (!isMap(pair.value)) {
      fail(line, `${id}: a term is a map of zh, en, definition and note, e.g.\n  ${id}:\n    zh: [知识蒸馏]\n    en: [knowledge distillation, KD]\n    definition: …\n    note: some-note#section`);
      continue;
    }
    const parsed = glossaryEntrySchema.safeParse(pair.value.toJSON());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = issue.path.length === 0 ? line : fieldLine(pair.value, issue.path.map(String), lineAt) ?? line;
        fail(at, `${id}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
      }
      continue;
    }
    const entry = parsed.data;
    const noteLine = fieldLine(pair.value, ['note'], lineAt) ?? line;
    const hash = entry.note.indexOf('#');
    const slug = hash < 0 ? entry.note : entry.note.slice(0, hash);
    const heading = hash < 0 ? undefined : entry.note.slice(hash + 1);
    const target = notes.resolver.resolve(slug, heading);
    if (target.kind === 'missing') {
      fail(noteLine, `${id}: note: ${target.message}; point the term at the note or section that explains it`);
      continue;
    }
    if (target.kind === 'planned') {
      fail(noteLine, `${id}: note: "${slug}" is planned, not written yet; point the term at a note that explains it now`);
      continue;
    }
    const names = [...new Set([...entry.zh, ...entry.en])];
    for (const [index, name] of names.entries()) {
      const key = termKey(name);
      const owner = owners.get(key);
      if (owner && owner.id !== id) {
        const field = index < entry.zh.length ? 'zh' : 'en';
        const at = fieldLine(pair.value, [field, String((field === 'zh' ? entry.zh : entry.en).indexOf(name))], lineAt) ?? line;
        fail(at, `${id}: the name "${name}" is also a name of "${owner.id}" (line ${owner.line}); a name must lead to one term, so remove it from one of them`);
        continue;
      }
      owners.set(key, { id, line });
    }
    terms.push({ id, zh: entry.zh, en: entry.en, names, definition: entry.definition, note: { slug: target.slug, id: target.id }, line });
  }
  if (problems.length > 0) throw glossaryProblems(file, problems);
  return { file, terms };
}

/** The line of the field at `fieldPath` in an entry (`zh`, `en.1`); undefined when it is not written. */
function fieldLine(entry: Node | null, fieldPath: string[], lineAt: (offset: number | undefined) => number): number | undefined {
  const offset = yamlFieldOffset(entry, fieldPath);
  return offset === undefined ? undefined : lineAt(offset);
}

function glossaryProblems(file: string, problems: string[]): Error {
  return new Error(`${file} has ${problems.length} problem(s); fix them to build:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
}

/**
 * Terms that point at a draft: in a build the draft is not published, so the link on /terms/ would
 * lead nowhere (`astro dev`, which publishes drafts, does not ask).
 */
export function draftTargets(glossary: Glossary, notes: Array<{ slug: string; draft: boolean }>): string[] {
  const drafts = new Set(notes.filter((note) => note.draft).map((note) => note.slug));
  return glossary.terms
    .filter((term) => drafts.has(term.note.slug))
    .map((term) => `${glossary.file}:${term.line}: ${term.id}: note: "${term.note.slug}" is a draft, so the term would link to a page that is not published; point it at a published note, or publish the draft`);
}

/**
 * What a rendered note depends on in the glossary: the terms' ids and names (which it records) and
 * their definitions and notes (which its marked terms carry, remark-term-hints.ts).
 */
export function glossaryDigest(glossary: Glossary): string {
  return JSON.stringify(glossary.terms.map((term) => [term.id, term.names, term.definition, term.note]));
}
