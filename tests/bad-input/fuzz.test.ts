/**
 * The fuzz run: malformed notes made from the real ones (mutations.ts), each put through what the
 * build does to a note (note-check.ts), and counted by outcome. A note either renders as its author
 * meant it, or fails naming its file and line; anything else (a crash without a location, a note that
 * swallowed its own rest, a line that is not where the mistake is) fails this test with the cases.
 *
 * `npm test` runs 300 mutations; `npm run fuzz` runs 1000. FUZZ_MUTATIONS and FUZZ_SEED choose others.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { beforeAll, expect, test } from 'vitest';
import { mutants, Note, type Mutant } from './mutations.ts';
import { noteChecker, readBytes, type NoteChecker, type NoteOutcome } from './note-check.ts';

const count = Number(process.env.FUZZ_MUTATIONS ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? 20261205);
const dir = fileURLToPath(new URL('../../content', import.meta.url));

type Outcome = 'rendered as meant' | 'failed with file:line' | 'anything else';

interface Shape { headings: string[]; ids: string[]; formulas: number; code: number }

function shapeOf(html: string): Shape {
  const headings: Element[] = [];
  let formulas = 0;
  let code = 0;
  visit(fromHtml(html, { fragment: true }), 'element', (node) => {
    if (/^h[2-6]$/.test(node.tagName)) headings.push(node);
    if (node.tagName === 'pre') code++;
    const classes = node.properties.className;
    if (Array.isArray(classes) && classes.includes('katex')) formulas++;
  });
  return {
    headings: headings.map((node) => toText(node).replace(/#$/, '').trim()),
    ids: headings.map((node) => String(node.properties.id ?? '')),
    formulas,
    code,
  };
}

/** Why the outcome is not one the mutation allows, or undefined when it is. */
function judge(mutant: Mutant & { note: Note }, outcome: NoteOutcome, original: Shape): string | undefined {
  const name = mutant.note.name;
  if (outcome.kind === 'failed') {
    if (mutant.expect === 'render') return `failed, but the note means what it says: ${outcome.messages[0]}`;
    if (outcome.stage === 'astro-yaml') return `only Astro's YAML parser noticed: ${outcome.messages[0]}`;
    const located = outcome.messages.filter((message) => new RegExp(`${name.replace('.', '\\.')}:\\d+`).test(message));
    if (located.length === 0) return `failed without a line: ${outcome.messages.join(' | ')}`;
    if (outcome.messages.some((message) => /^\s+at /m.test(message.split('\n').slice(0, 2).join('\n')))) return `a stack trace comes first: ${outcome.messages[0]}`;
    if (mutant.line !== undefined && !outcome.messages.some((message) => message.includes(`${name}:${mutant.line}:`) || message.includes(`${name}:${mutant.line} `))) {
      return `names another line than ${mutant.line}: ${outcome.messages.join(' | ')}`;
    }
    return undefined;
  }
  if (mutant.expect === 'fail') return 'built without a word';
  const shape = shapeOf(outcome.html);
  const lost = original.headings.filter((text) => !shape.headings.includes(text));
  const added = shape.headings.length - original.headings.length;
  if (lost.length > 0 || added !== (mutant.addsHeadings ?? 0)) return `the headings changed: ${added} more, ${JSON.stringify(lost.slice(0, 3))} gone`;
  if (new Set(shape.ids).size !== shape.ids.length) return `two headings share an id: ${shape.ids.filter((id, i) => shape.ids.indexOf(id) !== i).join(', ')}`;
  const formulas = original.formulas + (mutant.addsFormulas ?? 0);
  if (shape.formulas !== formulas) return `${shape.formulas} formulas instead of ${formulas}`;
  if (shape.code !== original.code) return `${shape.code} code blocks instead of ${original.code}`;
  if (mutant.warns && outcome.warnings.length === 0) return 'an oversized note built without a warning';
  return undefined;
}

let checker: NoteChecker;
let notes: Note[];
const originals = new Map<string, Shape>();

beforeAll(async () => {
  checker = await noteChecker(dir);
  const files = readdirSync(path.join(dir, 'articles')).filter((file) => file.endsWith('.md')).sort();
  notes = files.map((file) => new Note(file, new TextDecoder().decode(readBytes(path.join(dir, 'articles', file)))));
  for (const note of notes) {
    const outcome = await checker.check(note.name, new TextEncoder().encode(note.source));
    if (outcome.kind !== 'rendered') throw new Error(`${note.name} does not build as it is: ${outcome.messages.join('\n')}`);
    originals.set(note.name, shapeOf(outcome.html));
  }
}, 300_000);

test(`${count} malformed notes (seed ${seed}) each render as meant or fail with file and line`, async () => {
  const counts = new Map<string, Record<Outcome, number>>();
  const wrong: string[] = [];
  for (const mutant of mutants(notes, count, seed)) {
    const outcome = await checker.check(mutant.note.name, mutant.bytes);
    const why = judge(mutant, outcome, originals.get(mutant.note.name)!);
    const verdict: Outcome = why ? 'anything else' : outcome.kind === 'rendered' ? 'rendered as meant' : 'failed with file:line';
    const row = counts.get(mutant.kind) ?? { 'rendered as meant': 0, 'failed with file:line': 0, 'anything else': 0 };
    row[verdict]++;
    counts.set(mutant.kind, row);
    if (why) wrong.push(`[${mutant.kind}] ${mutant.note.name}, ${mutant.what}: ${why}`);
  }
  const total = { 'rendered as meant': 0, 'failed with file:line': 0, 'anything else': 0 };
  for (const row of counts.values()) for (const key of Object.keys(total) as Outcome[]) total[key] += row[key];
  console.log(`fuzz: ${count} mutations, seed ${seed}\n${[...counts].map(([kind, row]) => `  ${kind.padEnd(34)} ${Object.values(row).join(' / ')}`).join('\n')}\n  total (rendered as meant / failed with file:line / anything else): ${Object.values(total).join(' / ')}`);
  expect(wrong, wrong.join('\n')).toEqual([]);
  expect(counts.size, 'every kind of mutation was made').toBeGreaterThanOrEqual(25);
}, 3_600_000);
