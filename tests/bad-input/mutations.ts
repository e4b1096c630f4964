/**
 * Malformed notes made from real ones, the way authors and exports break them. Each mutation knows
 * what the build must do with its result: fail naming the file and line (`fail`), render the note as
 * the author meant it (`render`), or either of the two (`either`). Seeded, so a run is reproducible:
 * the same seed and count give the same notes.
 */
import iconv from 'iconv-lite';

export type Expectation = 'fail' | 'render' | 'either';

export interface Mutant {
  kind: string;
  expect: Expectation;
  /** What was done, for a report a person can follow. */
  what: string;
  bytes: Uint8Array;
  /** The line the build must name, when the mutation knows it. */
  line?: number;
  /** For `render`: how many headings it adds to the original's, which must all still be there. */
  addsHeadings?: number;
  /** For `render`: how many formulas it adds to the original's. */
  addsFormulas?: number;
  /** For `render`: a warning the build must give (an oversized note). */
  warns?: boolean;
}

export type Random = () => number;

/** mulberry32: small, fast and the same on every machine. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** A real note, split where mutations need it. */
export class Note {
  readonly lines: string[];
  readonly bodyStart: number;
  constructor(readonly name: string, readonly source: string) {
    this.lines = source.split('\n');
    const close = this.lines.indexOf('---', 1);
    this.bodyStart = this.lines[0] === '---' && close > 0 ? close + 1 : 0;
  }

  /** Indexes of body lines outside fenced code and display math, with what each is. */
  bodyLines(): Array<{ index: number; text: string; inCode: boolean; inMath: boolean }> {
    const out = [];
    let fence: string | undefined;
    let math = false;
    for (let index = this.bodyStart; index < this.lines.length; index++) {
      const text = this.lines[index];
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
      const wasCode = fence !== undefined;
      if (fence === undefined && !math && opening) fence = opening;
      else if (fence !== undefined && new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(text)) fence = undefined;
      const wasMath = math;
      if (fence === undefined && !wasCode && /^\s*\$\$\s*$/.test(text)) math = !math;
      out.push({ index, text, inCode: wasCode || fence !== undefined, inMath: wasMath || math });
    }
    return out;
  }

  /** Body lines of prose: not code, math, headings, tables, lists or blank. */
  prose(): number[] {
    return this.bodyLines().filter((line) => !line.inCode && !line.inMath && /^\p{Script=Han}/u.test(line.text.trim()) && !/^\s*([#>|*-]|\d+\.)/.test(line.text)).map((line) => line.index);
  }

  with(lines: string[]): string {
    return lines.join('\n');
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

type Mutation = { kind: string; expect: Expectation; make: (note: Note, random: Random) => Omit<Mutant, 'kind' | 'expect'> | undefined };

/** Replaces line `index` by `rows` (none deletes it). */
function splice(note: Note, index: number, ...rows: string[]): string[] {
  const lines = [...note.lines];
  lines.splice(index, 1, ...rows);
  return lines;
}

/** Inserts `row` (and a blank line) before line `index`. */
function insertBefore(note: Note, index: number, row: string): string[] {
  const lines = [...note.lines];
  lines.splice(index, 0, row, '');
  return lines;
}

/** Lines of the body matching `pattern` outside code and math (or only inside, with `inside`). */
function matching(note: Note, pattern: RegExp, where: 'prose' | 'code' | 'math' = 'prose') {
  return note.bodyLines().filter((line) => pattern.test(line.text) && (where === 'code' ? line.inCode : where === 'math' ? line.inMath : !line.inCode && !line.inMath));
}

const frontmatterLine = (note: Note, key: string) => note.lines.slice(0, note.bodyStart).findIndex((row) => row.startsWith(`${key}:`));

export const mutations: Mutation[] = [
  { kind: 'unclosed code fence', expect: 'fail', make(note, random) {
    const closers = matching(note, /^ {0,3}(`{3,}|~{3,})\s*$/, 'code');
    if (closers.length === 0) {
      const at = pick(random, note.prose());
      return at === undefined ? undefined : { what: `a line "\`\`\`python" before line ${at + 1}, never closed`, bytes: utf8(note.with(insertBefore(note, at, '```python'))) };
    }
    const closer = pick(random, closers);
    return { what: `closing fence at line ${closer.index + 1} deleted`, bytes: utf8(note.with(splice(note, closer.index))) };
  } },
  { kind: 'closing fence with text after it', expect: 'fail', make(note, random) {
    const closer = pick(random, matching(note, /^ {0,3}(`{3,}|~{3,})\s*$/, 'code'));
    if (!closer) return undefined;
    return { what: `text after the closing fence at line ${closer.index + 1}`, line: closer.index + 1, bytes: utf8(note.with(splice(note, closer.index, `${closer.text.trimEnd()}后文接着写`))) };
  } },
  { kind: 'unclosed $$', expect: 'fail', make(note, random) {
    const fences = matching(note, /^\s*\$\$\s*$/, 'math').filter((line, i, all) => i % 2 === 1 || all.length === 1);
    if (fences.length > 0) {
      const closer = pick(random, fences);
      return { what: `closing $$ at line ${closer.index + 1} deleted`, bytes: utf8(note.with(splice(note, closer.index))) };
    }
    const at = pick(random, note.prose());
    return at === undefined ? undefined : { what: `a $$ before line ${at + 1}, never closed`, bytes: utf8(note.with(insertBefore(note, at, '$$'))) };
  } },
  { kind: 'unclosed inline $', expect: 'fail', make(note, random) {
    const lines = matching(note, /(?<![\\$])\$[^$\n]+\$(?!\$)/);
    const line = pick(random, lines);
    if (!line) return undefined;
    const match = /(?<![\\$])\$([^$\n]+)\$(?!\$)/.exec(line.text)!;
    const closing = match.index + match[0].length - 1;
    return { what: `closing $ of "${match[0]}" deleted at line ${line.index + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, line.text.slice(0, closing) + line.text.slice(closing + 1)))) };
  } },
  { kind: '$$ closed by $', expect: 'fail', make(note, random) {
    const line = pick(random, matching(note, /(?<![\\$])\$[^$\n]+\$(?!\$)/));
    if (!line) return undefined;
    const text = line.text.replace(/(?<![\\$])\$([^$\n]+)\$(?!\$)/, (_all, tex: string) => `$$${tex}$`);
    return { what: `an inline formula opened with $$ and closed with $ at line ${line.index + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, text))) };
  } },
  { kind: '\\( without \\)', expect: 'fail', make(note, random) {
    const line = pick(random, matching(note, /(?<![\\$])\$[^$\n]+\$(?!\$)|\\\(/));
    if (!line) return undefined;
    const text = line.text.includes('\\(')
      ? line.text.replace(/\\\)/, '')
      : line.text.replace(/(?<![\\$])\$([^$\n]+)\$(?!\$)/, (_all, tex: string) => `\\(${tex}`);
    return { what: `\\( never closed at line ${line.index + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, text))) };
  } },
  { kind: 'unclosed inline code', expect: 'fail', make(note, random) {
    const line = pick(random, matching(note, /(?<!`)`[^`\n]+`(?!`)/));
    if (!line) return undefined;
    const match = /(?<!`)`([^`\n]+)`(?!`)/.exec(line.text)!;
    const closing = match.index + match[0].length - 1;
    return { what: `closing backtick of ${match[0]} deleted at line ${line.index + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, line.text.slice(0, closing) + line.text.slice(closing + 1)))) };
  } },
  { kind: 'frontmatter never closed', expect: 'fail', make(note) {
    if (note.bodyStart === 0) return undefined;
    return { what: 'the closing --- of the frontmatter deleted', line: 1, bytes: utf8(note.with(splice(note, note.bodyStart - 1))) };
  } },
  { kind: 'frontmatter written twice', expect: 'fail', make(note) {
    if (note.bodyStart === 0) return undefined;
    const block = note.lines.slice(0, note.bodyStart);
    return { what: 'the frontmatter block repeated under itself', line: note.bodyStart + 1, bytes: utf8(note.with([...block, ...note.lines])) };
  } },
  { kind: 'a field written twice', expect: 'fail', make(note, random) {
    const key = pick(random, ['title', 'summary', 'topic', 'created']);
    const at = frontmatterLine(note, key);
    if (at < 0) return undefined;
    return { what: `${key} written twice (line ${at + 2})`, line: at + 2, bytes: utf8(note.with(splice(note, at, note.lines[at], note.lines[at]))) };
  } },
  { kind: 'tab as YAML indentation', expect: 'fail', make(note) {
    const at = note.lines.slice(0, note.bodyStart).findIndex((row) => /^ {2}\S/.test(row));
    if (at < 0) return undefined;
    return { what: `line ${at + 1} indented with a tab`, line: at + 1, bytes: utf8(note.with(splice(note, at, note.lines[at].replace(/^ {2}/, '\t')))) };
  } },
  { kind: 'a field of the wrong type', expect: 'fail', make(note, random) {
    const [key, value] = pick(random, [['tags', 'attention'], ['created', '昨天'], ['summary', '12'], ['title', '[甲, 乙]'], ['draft', '"yes"'], ['aliases', '{a: 1}']] as const);
    const at = frontmatterLine(note, key);
    if (at < 0) return undefined;
    // A list written under the key (tags:\n  - a) goes too, so the new value stands alone.
    let end = at + 1;
    while (end < note.bodyStart - 1 && /^\s+-?/.test(note.lines[end]) && !/^\w/.test(note.lines[end])) end++;
    const lines = [...note.lines];
    lines.splice(at, end - at, `${key}: ${value}`);
    return { what: `${key}: ${value}`, line: at + 1, bytes: utf8(note.with(lines)) };
  } },
  { kind: 'a date that does not exist', expect: 'fail', make(note, random) {
    const at = frontmatterLine(note, 'created');
    if (at < 0) return undefined;
    const date = pick(random, ['2025-02-30', '2024-13-01', '2025-04-31', '2023-02-29', '2025-00-10']);
    return { what: `created: ${date}`, line: at + 1, bytes: utf8(note.with(splice(note, at, `created: ${date}`))) };
  } },
  { kind: 'two headings with one id', expect: 'render', make(note, random) {
    const headings = matching(note, /^#{2,3} /);
    const heading = pick(random, headings);
    const at = pick(random, note.prose());
    if (!heading || at === undefined) return undefined;
    const text = heading.text.replace(/\s*\{#[^}]+\}\s*$/, '');
    const copy = random() < 0.5 ? text : text.replace(/[A-Za-z]+/, (word) => (word === word.toUpperCase() ? word.toLowerCase() : word.toUpperCase()));
    return { what: `heading "${copy}" added before line ${at + 1}, colliding with line ${heading.index + 1}`, bytes: utf8(note.with(insertBefore(note, at, copy))), addsHeadings: 1, addsFormulas: copy.match(/\$[^$]+\$/g)?.length ?? 0 };
  } },
  { kind: 'wikilink with a stray bracket', expect: 'fail', make(note, random) {
    const line = pick(random, matching(note, /\[\[[^\]\n]+\]\]/));
    const broken = (link: string) => pick(random, [link.slice(0, -1), `[${link}`, `${link}]`, link.slice(1)]);
    if (line) {
      const match = /\[\[[^\]\n]+\]\]/.exec(line.text)!;
      const wrong = broken(match[0]);
      return { what: `${match[0]} written ${wrong} at line ${line.index + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, line.text.replace(match[0], wrong)))) };
    }
    const at = pick(random, note.prose());
    if (at === undefined) return undefined;
    const wrong = broken('[[mla]]');
    return { what: `${wrong} added to line ${at + 1}`, line: at + 1, bytes: utf8(note.with(splice(note, at, `${note.lines[at]}见 ${wrong}。`))) };
  } },
  { kind: 'wikilink with an empty text', expect: 'render', make(note, random) {
    const at = pick(random, note.prose());
    if (at === undefined) return undefined;
    // Shown as the note's title, as [[mla]] is.
    return { what: `[[mla|]] added to line ${at + 1}`, bytes: utf8(note.with(splice(note, at, `${note.lines[at]}见 [[mla|]]。`))) };
  } },
  { kind: 'wikilink with stray pipes', expect: 'fail', make(note, random) {
    const at = pick(random, note.prose());
    if (at === undefined) return undefined;
    const link = pick(random, ['[[mla||注意力]]', '[[mla|注意力|]]', '[[|mla]]', '[[mla|注意力||]]']);
    return { what: `${link} added to line ${at + 1}`, line: at + 1, bytes: utf8(note.with(splice(note, at, `${note.lines[at]}见 ${link}。`))) };
  } },
  { kind: 'HTML comment left open', expect: 'fail', make(note, random) {
    const at = pick(random, note.prose());
    if (at === undefined) return undefined;
    if (random() < 0.5) return { what: `"<!-- 待补充" before line ${at + 1}`, line: at + 1, bytes: utf8(note.with(insertBefore(note, at, '<!-- 待补充'))) };
    return { what: `"<!--" inside line ${at + 1}`, line: at + 1, bytes: utf8(note.with(splice(note, at, `${note.lines[at]}<!-- 回头再查`))) };
  } },
  { kind: 'an invisible character', expect: 'fail', make(note, random) {
    const lines = note.bodyLines().filter((line) => line.text.length > 0);
    const line = pick(random, lines);
    if (!line) return undefined;
    const character = pick(random, ['\u0000', '\u0007', '\u001b', '\u0085', '\u202e', '\u2066', '\ufeff', '\u000b', '\u000c']);
    const column = Math.floor(random() * line.text.length);
    const text = line.text.slice(0, column) + character + line.text.slice(column);
    return { what: `U+${character.charCodeAt(0).toString(16).padStart(4, '0')} at ${line.index + 1}:${column + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, text))) };
  } },
  { kind: 'a lone surrogate', expect: 'fail', make(note, random) {
    const at = pick(random, note.prose());
    if (at === undefined) return undefined;
    // Written out as UTF-8, a lone surrogate becomes the bytes of U+FFFD, as a broken export leaves it.
    return { what: `a lone surrogate in line ${at + 1}`, line: at + 1, bytes: new Uint8Array(Buffer.from(note.with(splice(note, at, `${note.lines[at]}\ud800`)), 'utf8')) };
  } },
  { kind: 'mixed line endings', expect: 'render', make(note, random) {
    const lines = note.lines.map((row, index) => (index < note.lines.length - 1 && random() < 0.4 ? `${row}\r` : row));
    return { what: 'some lines end in \\r\\n', bytes: utf8(lines.join('\n')) };
  } },
  { kind: 'Windows line endings', expect: 'render', make(note) {
    return { what: 'every line ends in \\r\\n', bytes: utf8(note.source.replace(/\n/g, '\r\n')) };
  } },
  { kind: 'a byte order mark at the start', expect: 'render', make(note) {
    return { what: 'U+FEFF opens the file', bytes: utf8(`\ufeff${note.source}`) };
  } },
  { kind: 'an enormous line', expect: 'render', make(note, random) {
    const at = pick(random, note.prose());
    if (at === undefined) return undefined;
    return { what: `line ${at + 1} made 260 thousand characters long`, warns: true, bytes: utf8(note.with(splice(note, at, note.lines[at] + '很长的一行，'.repeat(43_000)))) };
  } },
  { kind: 'an enormous table', expect: 'render', make(note, random) {
    const at = pick(random, note.prose());
    if (at === undefined) return undefined;
    const rows = Array.from({ length: 3000 }, (_, i) => `| ${i} | 第 ${i} 行 | ${(i * 0.37).toFixed(2)} |`);
    return { what: `a 3000-row table before line ${at + 1}`, bytes: utf8(note.with([...note.lines.slice(0, at), '| 序号 | 说明 | 数值 |', '| --- | --- | --- |', ...rows, '', ...note.lines.slice(at)])) };
  } },
  { kind: 'an empty note', expect: 'fail', make(note, random) {
    const what = pick(random, ['empty', 'blank lines', 'frontmatter only']);
    const text = what === 'empty' ? '' : what === 'blank lines' ? '\n\n  \n' : note.lines.slice(0, note.bodyStart).join('\n') + '\n\n';
    return { what, bytes: utf8(text) };
  } },
  { kind: 'a file that is not UTF-8', expect: 'fail', make(note, random) {
    const encoding = pick(random, ['gbk', 'utf16le', 'big5']);
    const text = encoding === 'utf16le' ? `\ufeff${note.source}` : note.source;
    return { what: `saved as ${encoding}`, bytes: new Uint8Array(iconv.encode(text, encoding)) };
  } },
  { kind: 'TeX KaTeX cannot render', expect: 'fail', make(note, random) {
    const line = pick(random, matching(note, /(?<![\\$])\$[^$\n]*[^\\]\}[^$\n]*\$(?!\$)/));
    if (!line) return undefined;
    // A formula whose braces paired up is missing one now (a group's, not an escaped \}), which no TeX reads.
    const text = line.text.replace(/((?<![\\$])\$[^$\n]*?[^\\])\}/, '$1');
    return { what: `a } deleted from a formula at line ${line.index + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, text))) };
  } },
  { kind: 'a misspelt fence language', expect: 'fail', make(note, random) {
    const line = pick(random, matching(note, /^ {0,3}```(python|bash|text|py)\b/, 'code'));
    if (!line) return undefined;
    return { what: `fence language misspelt at line ${line.index + 1}`, line: line.index + 1, bytes: utf8(note.with(splice(note, line.index, line.text.replace(/```(\w+)/, '```pyhton')))) };
  } },
  { kind: 'trailing spaces and tabs', expect: 'render', make(note, random) {
    return { what: 'spaces and tabs at the ends of body lines', bytes: utf8(note.with(note.lines.map((row, index) => (index >= note.bodyStart && random() < 0.3 ? `${row}${pick(random, [' ', '\t', '   '])}` : row)))) };
  } },
];

/** `count` mutants of `notes`, the same for the same seed. */
export function* mutants(notes: Note[], count: number, seed: number): Generator<Mutant & { note: Note }> {
  const random = seeded(seed);
  let made = 0;
  for (let attempt = 0; made < count && attempt < count * 20; attempt++) {
    const mutation = mutations[attempt % mutations.length];
    const note = pick(random, notes);
    const result = mutation.make(note, random);
    if (!result) continue;
    made++;
    yield { ...result, kind: mutation.kind, expect: mutation.expect, note };
  }
}
