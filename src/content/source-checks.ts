import { splitFrontmatter, type SplitNote } from './frontmatter.ts';

/** Characters a note must not carry, with what each is and what to do about it. */
const unwanted: Array<[(code: number) => boolean, string]> = [
  // C0 and C1 controls other than tab, line feed and carriage return, and DEL.
  [(code) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f), 'a control character, invisible on the page; delete it'],
  [(code) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069), 'a bidirectional override, which makes the text read in another order than it is written; delete it'],
  [(code) => code === 0xfeff, 'a byte order mark in the middle of the text (an editor or a paste put it there); delete it'],
  [(code) => code === 0xfffd, 'a replacement character: this part of the file was not UTF-8 when it was read; save the file as UTF-8 and check the text here'],
];

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What is wrong with a note's source before any Markdown is read: characters a reader cannot see or
 * that change how the text reads (each with its line and column), and frontmatter that is not YAML
 * (with its line). `file` names the note in the messages; `split` is the source split at its
 * frontmatter (frontmatter.ts), so the YAML is parsed once.
 */
export function sourceProblems(source: string, file: string, split: SplitNote = splitFrontmatter(source)): string[] {
  const problems: string[] = [];
  const rows = source.split('\n');
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
  const { yaml, yamlError } = split;
  if (yaml !== undefined && yamlError) {
    // YAML notices an unclosed bracket or quote only on a later line; the author's mistake is the
    // last line before it that opens one and does not close it.
    const noticed = yamlError.linePos?.[0].line ?? 1;
    const unbalanced = (row: string) => (row.match(/\[/g)?.length ?? 0) > (row.match(/]/g)?.length ?? 0) || (row.match(/{/g)?.length ?? 0) > (row.match(/}/g)?.length ?? 0) || (row.match(/"/g)?.length ?? 0) % 2 === 1;
    const opened = yaml.split('\n').slice(0, noticed).findLastIndex(unbalanced);
    const line = (opened >= 0 ? opened + 1 : noticed) + 1;
    const reason = yamlError.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    problems.push(`${file}:${line}: the frontmatter is not valid YAML: ${reason}; check the brackets and quotes on this line (a title with a colon or a bracket needs quotes)`);
  }
  return problems;
}

/** Above this many characters a note is more than one note (a reader scrolls a 3 MB page). */
export const largeNote = 200_000;
