import { splitFrontmatter, type SplitNote } from './frontmatter.ts';

/** Characters a note must not carry, with what each is and what to do about it. */
const unwanted: Array<[(code: number) => boolean, string]> = [
  // C0 and C1 controls other than tab, line feed and carriage return, and DEL.
  [(code) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f), 'a control character, invisible on the page; delete it'],
  [(code) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069), 'a bidirectional override, which makes the text read in another order than it is written; delete it'],
  [(code) => code === 0xfeff, 'a byte order mark in the middle of the text (an editor or a paste put it there); delete it'],
  [(code) => code === 0xfffd, 'a replacement character: this part of the file was not UTF-8 when it was read; save the file as UTF-8 and check the text here'],
];

/**
 * Every character `unwanted` names, as one class: a note without any (nearly all) is tested once
 * instead of walked character by character through four tests (0.15–0.25 s of each 1000-note build).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
export const anyUnwanted = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFD]/;

/** Whether `unwanted` names the character: what `anyUnwanted` must match (tests/unit/source-checks.test.ts). */
export const isUnwanted = (code: number) => unwanted.some(([matches]) => matches(code));

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What to do about the YAML mistakes that are not an unclosed bracket or quote. */
const yamlAdvice: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'this field is written twice; keep one of them',
  TAB_AS_INDENT: 'indent with spaces, not a tab',
};

/**
 * What is wrong with a note's source before any Markdown is read: characters a reader cannot see or
 * that change how the text reads (each with its line and column), and frontmatter that is not YAML
 * (with its line). `file` names the note in the messages; `split` is the source split at its
 * frontmatter (frontmatter.ts), so the YAML is parsed once.
 */
export function sourceProblems(source: string, file: string, split: SplitNote = splitFrontmatter(source)): string[] {
  const problems: string[] = [];
  const rows = anyUnwanted.test(source) ? source.split('\n') : [];
  rows.forEach((row, index) => {
    for (let column = 0; column < row.length; column++) {
      const character = row[column];
      // A byte order mark that opens the file is how some editors mark UTF-8; only later ones are stray.
      if (index === 0 && column === 0 && character === '\uFEFF') continue;
      // A line ending written as \r\n leaves \r at the end of the row.
      if (character === '\r' && column === row.length - 1) continue;
      const found = unwanted.find(([matches]) => matches(character.charCodeAt(0)));
      if (found) problems.push(`${file}:${index + 1}:${column + 1}: ${codePoint(character)} is ${found[1]}`);
      if (problems.length >= 20) return;
    }
  });
  problems.push(...frontmatterProblems(source, file, split));
  const { yaml, yamlError } = split;
  if (yaml !== undefined && yamlError) {
    // YAML notices an unclosed bracket or quote only on a later line; the author's mistake is the
    // last line before it that opens one and does not close it.
    const noticed = yamlError.linePos?.[0].line ?? 1;
    const unbalanced = (row: string) => (row.match(/\[/g)?.length ?? 0) > (row.match(/]/g)?.length ?? 0) || (row.match(/{/g)?.length ?? 0) > (row.match(/}/g)?.length ?? 0) || (row.match(/"/g)?.length ?? 0) % 2 === 1;
    const advice = yamlAdvice[yamlError.code];
    const opened = advice ? -1 : yaml.split('\n').slice(0, noticed).findLastIndex(unbalanced);
    const line = (opened >= 0 ? opened + 1 : noticed) + 1;
    const reason = yamlError.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    problems.push(`${file}:${line}: the frontmatter is not valid YAML: ${reason}; ${advice ?? 'check the brackets and quotes on this line (a title with a colon or a bracket needs quotes)'}`);
  }
  return problems;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A note's frontmatter where it is missing, never closed, written twice or holds a date that does not
 * exist. Astro's YAML parser turns `2025-02-30` into 2 March without a word, and a frontmatter that is
 * not closed or not there leaves the schema nothing to point at; each is named here with its line.
 */
function frontmatterProblems(source: string, file: string, split: SplitNote): string[] {
  const rows = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (split.yaml === undefined) {
    if (rows[0].trim() === '---') return [`${file}:1: the frontmatter opened here with --- is never closed; end it with --- on a line of its own before the text`];
    if (source.trim() === '') return [`${file}:1: the note is empty; start it with the frontmatter (title, summary, topic, created between --- lines) and write the note under it`];
    return [`${file}:1: the note has no frontmatter; start it with --- and the fields title, summary, topic and created, then --- on a line of its own`];
  }
  const problems: string[] = [];
  split.yaml.split(/\r?\n/).forEach((row, index) => {
    const written = /^\s*[\w.-]+:\s*["']?(\d{4})-(\d{1,2})-(\d{1,2})(?=["'\s]|$)/.exec(row);
    if (!written) return;
    const [year, month, day] = written.slice(1).map(Number);
    const date = written.slice(1).join('-');
    if (month < 1 || month > 12) problems.push(`${file}:${index + 2}: ${date} is not a date: there is no month ${month}; write the date as YYYY-MM-DD`);
    else if (day < 1 || day > daysIn(year, month)) problems.push(`${file}:${index + 2}: ${date} is not a date: ${monthNames[month - 1]} ${year} has ${daysIn(year, month)} days; write the date as YYYY-MM-DD`);
  });
  const bodyRows = split.body.split(/\r?\n/);
  const first = bodyRows.findIndex((row) => row.trim() !== '');
  if (first < 0 && split.data?.draft !== true) {
    problems.push(`${file}:${split.bodyLine}: the article has no text under its frontmatter; write the note, or mark it draft: true until it is written`);
  } else if (first >= 0 && bodyRows[first].trim() === '---' && /^[\w-]+:/.test(bodyRows[first + 1] ?? '')) {
    problems.push(`${file}:${split.bodyLine + first}: a second frontmatter block starts here, which the page would show as a rule and a heading; keep one frontmatter at the top of the note`);
  }
  return problems;
}

/** Above this many characters a note is more than one note (a reader scrolls a 3 MB page). */
const largeNote = 200_000;

/** What the build warns about a note that is too long to read, or undefined when it is not. */
export function sourceWarning(source: string, file: string): string | undefined {
  if (source.length <= largeNote) return undefined;
  return `${file}: the note is ${Math.round(source.length / 1000)} thousand characters, a page too long to read or load on a phone; split it into notes that link to each other`;
}
