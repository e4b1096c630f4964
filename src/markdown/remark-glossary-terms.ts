import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { KnownNotes } from './index.ts';
import { record } from './recordings.ts';

/** A term of the glossary as this plugin knows it: its id and every name it goes by. */
export interface KnownTerm {
  id: string;
  names: readonly string[];
}

/** Scripts written without spaces between words: a name in them may sit inside any run of text. */
const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const wordCharacter = /[A-Za-z0-9]/;
const escape = (character: string) => character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Whether a name matches in any case: an English name of more than three letters does, unless it is
 * an abbreviation, written with a capital inside a word (`ZeRO` is not the `Zero` of `R1-Zero`,
 * `RoPE` is not `rope`). Abbreviations of three letters or fewer keep their case too (`mAP` is not
 * `MAP`, `GAN` is not `gan`).
 */
export const caseless = (name: string) => (name.match(/[A-Za-z]/g) ?? []).length > 3 && !/[A-Za-z][A-Z]/.test(name);

/**
 * A name as a pattern. English names match whole words only (see `caseless` for their case), and not
 * as the second half of a hyphenated word. Spaces
 * in a name match any run of spaces or a line break, and where Chinese meets Latin letters a space
 * may be written or not (`多 token 预测`, `多token预测`).
 */
function namePattern(name: string): RegExp {
  const characters = [...name.trim()];
  const anyCase = caseless(name);
  // Nor does it start after a hyphen inside a word: `CNN` is not named in `R-CNN`, nor `precision` in `Low-precision`.
  let source = wordCharacter.test(characters[0]) ? '(?<![A-Za-z0-9]|[A-Za-z0-9]-)' : '';
  let previous = '';
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index];
    if (/\s/.test(character)) {
      while (index + 1 < characters.length && /\s/.test(characters[index + 1])) index++;
      const next = characters[index + 1] ?? '';
      source += wide.test(previous) || wide.test(next) ? '\\s*' : '\\s+';
      previous = ' ';
      continue;
    }
    if (previous && previous !== ' ' && wide.test(previous) !== wide.test(character)) source += '\\s*';
    const lower = character.toLowerCase();
    const upper = character.toUpperCase();
    source += anyCase && lower !== upper ? `[${escape(lower)}${escape(upper)}]` : escape(character);
    previous = character;
  }
  if (wordCharacter.test(characters.at(-1) ?? '')) source += '(?![A-Za-z0-9])';
  return new RegExp(source, 'yu');
}

interface Matcher {
  /** The patterns that may start with a character, by that character. */
  byFirst: Map<string, Array<{ id: string; pattern: RegExp }>>;
}

function matcherOf(terms: readonly KnownTerm[]): Matcher {
  const byFirst = new Map<string, Array<{ id: string; pattern: RegExp }>>();
  for (const term of terms) {
    for (const name of term.names) {
      const pattern = namePattern(name);
      const first = name.trim()[0];
      for (const start of new Set(caseless(name) ? [first.toLowerCase(), first.toUpperCase()] : [first])) {
        byFirst.set(start, [...(byFirst.get(start) ?? []), { id: term.id, pattern }]);
      }
    }
  }
  return { byFirst };
}

/**
 * The ids of the terms named in `text`, each with where it was found. At each place the longest
 * name wins (`多头潜在注意力` is not also `注意力`), and the text after it is read from its end.
 */
export function termsIn(text: string, terms: readonly KnownTerm[]): Array<{ id: string; start: number; end: number }> {
  const { byFirst } = matchers.get(terms) ?? matchers.set(terms, matcherOf(terms)).get(terms)!;
  const found: Array<{ id: string; start: number; end: number }> = [];
  let index = 0;
  while (index < text.length) {
    let best: { id: string; end: number } | undefined;
    // Inside an English word no name starts (they match whole words): most positions end here.
    const inWord = index > 0 && isWordCode(text.charCodeAt(index)) && isWordCode(text.charCodeAt(index - 1));
    for (const { id, pattern } of (inWord ? undefined : byFirst.get(text[index])) ?? none) {
      pattern.lastIndex = index;
      const match = pattern.exec(text);
      if (match && (!best || index + match[0].length > best.end)) best = { id, end: index + match[0].length };
    }
    if (best) {
      found.push({ id: best.id, start: index, end: best.end });
      index = best.end;
    } else {
      index++;
    }
  }
  return found;
}

/** ASCII letters and digits, by code: asked at every character of every note. */
const isWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const none: Array<{ id: string; pattern: RegExp }> = [];

/** Compiled once per glossary: every note of a build shares it. */
const matchers = new WeakMap<readonly KnownTerm[], Matcher>();

/**
 * Records which glossary terms a note uses, in the order it first names them, for /terms/ (which
 * lists the notes that use each term; src/site/model.ts inverts the records). Only the text a reader
 * reads is searched: not code, formulas or link addresses, which are not text nodes, and not a
 * heading's `{#id}`, which remark-heading-ids has taken off by now. Runs after Chinese line
 * breaks are joined, so a name wrapped across two lines is found. remark-term-hints.ts, next, marks the page.
 */
export default function remarkGlossaryTerms({ known }: { known: KnownNotes }) {
  return (tree: Root, file: VFile) => {
    const { terms } = known().glossary;
    const used = new Set<string>();
    if (terms.length > 0) {
      visit(tree, 'text', (node) => {
        for (const { id } of termsIn(node.value, terms)) used.add(id);
      });
    }
    record(file, 'terms', [...used]);
  };
}
