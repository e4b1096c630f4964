/**
 * The fuzz run (tests/bad-input/) judges malformed notes by what the build does to one note, without
 * building. These builds hold it to the real thing: the whole site with real notes swapped for
 * mutants from the same generator, once with mutants that must fail and once with mutants that must
 * build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { mutants, Note, type Mutant } from '../bad-input/mutations.ts';
import { noteChecker, type NoteChecker, type NoteOutcome } from '../bad-input/note-check.ts';
import { root, useFixtureBuilds } from './fixture-build.ts';

const build = useFixtureBuilds();
const content = path.join(root, 'content');
const notes = readdirSync(path.join(content, 'articles')).filter((file) => file.endsWith('.md')).sort()
  .map((file) => new Note(file, readFileSync(path.join(content, 'articles', file), 'utf8')));

/** The real content folder as fixture files, with some notes replaced. */
function siteWith(replaced: Map<string, Uint8Array>): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {
    'topics.yaml': readFileSync(path.join(content, 'topics.yaml'), 'utf8'),
    'planned.yaml': readFileSync(path.join(content, 'planned.yaml'), 'utf8'),
  };
  for (const note of notes) files[`articles/${note.name}`] = replaced.get(note.name) ?? note.source;
  return files;
}

/** The first mutants, of different kinds and notes, that the note check gives `stage` (or renders). */
async function pickMutants(checker: NoteChecker, wanted: (outcome: NoteOutcome, mutant: Mutant) => boolean, count: number, seed: number) {
  const picked: Array<{ mutant: Mutant & { note: Note }; outcome: NoteOutcome }> = [];
  for (const mutant of mutants(notes, 400, seed)) {
    if (picked.some((p) => p.mutant.kind === mutant.kind || p.mutant.note.name === mutant.note.name)) continue;
    const outcome = await checker.check(mutant.note.name, mutant.bytes);
    if (wanted(outcome, mutant)) picked.push({ mutant, outcome });
    if (picked.length === count) break;
  }
  return picked;
}

let checker: NoteChecker;
beforeAll(async () => {
  checker = await noteChecker(content);
});

describe('the real build agrees with the note check on malformed notes', () => {
  test('three notes that fail in rendering fail the build, each named at the line the check names, and nothing is published', async () => {
    const picked = await pickMutants(checker, (outcome) => outcome.kind === 'failed' && outcome.stage === 'render', 3, 31);
    expect(picked).toHaveLength(3);
    const result = build('failing', siteWith(new Map(picked.map(({ mutant }) => [mutant.note.name, mutant.bytes]))));
    expect(result.ok, result.output).toBe(false);
    for (const { mutant, outcome } of picked) {
      const located = (outcome as Extract<NoteOutcome, { kind: 'failed' }>).messages.join('\n').match(new RegExp(`${mutant.note.name.replace('.', '\\.')}:\\d+(:\\d+)?`))![0];
      expect(result.output, `${mutant.kind}: ${mutant.what}`).toContain(`content/articles/${located}`);
    }
    expect(existsSync(path.join(result.dist, 'index.html'))).toBe(false);
  });

  // A whole site build: 31 s on a quiet machine, over 60 s on a loaded one; the limit guards against a hang, it is no budget.
  test('notes that mean what they say (Windows line endings, a byte order mark, colliding headings) build, each a page with the headings the check rendered', { timeout: 180_000 }, async () => {
    const picked = await pickMutants(checker, (outcome, mutant) => outcome.kind === 'rendered' && mutant.expect === 'render' && !mutant.warns && !mutant.kind.includes('enormous'), 3, 5);
    expect(picked).toHaveLength(3);
    const result = build('building', siteWith(new Map(picked.map(({ mutant }) => [mutant.note.name, mutant.bytes]))));
    // The build's own completeness check fails it if a note is missing from its topic page or the search index.
    expect(result.ok, result.output).toBe(true);
    const headingsOf = (html: string) => [...html.matchAll(/<h([2-6])[^>]*\bid="([^"]+)"/g)].map((match) => match[2]);
    for (const { mutant, outcome } of picked) {
      const page = readFileSync(path.join(result.dist, mutant.note.name.replace(/\.md$/, ''), 'index.html'), 'utf8');
      // The note's own text, without the table of contents beside it.
      const article = page.slice(page.indexOf('<div class="prose"'), page.indexOf('</article>'));
      expect(headingsOf(article), `${mutant.kind}: ${mutant.what}`).toEqual(headingsOf((outcome as Extract<NoteOutcome, { kind: 'rendered' }>).html));
    }
  });
});
