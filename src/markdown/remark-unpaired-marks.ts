import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fileLine } from './file-lines.ts';
import { parseWikilinks } from './wikilinks.ts';

/**
 * Marks that only mean something in pairs. One left without its partner is not an error to
 * Markdown: it prints the mark and carries on, so a formula, a code span or a link the author wrote
 * reaches the reader as raw `$`, a backtick or `[[…]`. Whatever is left in plain text after the
 * parsers and the wikilink plugin have taken the pairs was meant as one of these.
 */
const marks: Array<{ pattern: RegExp; mark: string; what: string; fix: string }> = [
  { pattern: /(?<!\\)(?:\\\\)*\$/g, mark: '$', what: 'a $ that opens or closes no formula (its partner is missing, or $$ is closed by $)', fix: 'close the formula with the same mark it opens with, or write \\$ for a dollar sign' },
  { pattern: /(?<!\\)(?:\\\\)*\\\(/g, mark: '\\(', what: 'a \\( that is never closed with \\) in this paragraph', fix: 'close the formula with \\), or write ( for a parenthesis' },
  { pattern: /(?<!\\)(?:\\\\)*`/g, mark: '`', what: 'a backtick that opens or closes no code span', fix: 'close the code span with a backtick, or write \\` for the character' },
  { pattern: /<!--/g, mark: '<!--', what: 'an HTML comment that is never closed', fix: 'close it with -->, or delete it' },
];

/**
 * `[[` or `]]` left in text once the wikilinks are taken out, or a bracket more on either side of one
 * (`[[[slug]]`, `[[slug]]]`): the index in `text`, or -1.
 */
function strayWikilinkBracket(text: string): number {
  let masked = text;
  for (const link of parseWikilinks(text)) {
    if (text[link.start - 1] === '[') return link.start - 1;
    if (text[link.end] === ']') return link.end;
    masked = masked.slice(0, link.start) + ' '.repeat(link.end - link.start) + masked.slice(link.end);
  }
  return masked.search(/\[\[|\]\]/);
}

/**
 * Once math and code have taken their pairs, and before the wikilink plugin splits text into links
 * (its pieces have no place in the source to point at) and raw HTML is turned into text.
 */
export default function remarkUnpairedMarks() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const problems: string[] = [];
    visit(tree, 'text', (node) => {
      const start = node.position?.start;
      const end = node.position?.end.offset;
      if (start?.offset === undefined || end === undefined) return;
      // The text as written: an escaped \$ is a dollar sign, not a mark.
      const written = source.slice(start.offset, end);
      for (const { pattern, mark, what, fix } of marks) {
        for (const match of written.matchAll(pattern)) {
          // Where the mark itself is, after any escaped backslashes before it.
          const offset = start.offset + match.index + match[0].length - mark.length;
          const before = source.slice(0, offset);
          const line = before.split('\n').length;
          const column = offset - before.lastIndexOf('\n');
          problems.push(`  ${file.path ?? '<markdown>'}:${fileLine(file, line)}:${column}: ${what}; ${fix}`);
          break;
        }
      }
      const stray = strayWikilinkBracket(node.value);
      if (stray >= 0) {
        const line = start.line + (node.value.slice(0, stray).match(/\n/g)?.length ?? 0);
        problems.push(`  ${file.path ?? '<markdown>'}:${fileLine(file, line)}: wikilink brackets that do not pair up ("${node.value.slice(Math.max(0, stray - 12), stray + 12).trim()}"); write the link as [[slug]] or [[slug|text]], or put the brackets in \`code\``);
      }
    });
    if (problems.length > 0) throw new Error(`${problems.length} mark(s) without a partner, which the page would show as they are:\n${problems.join('\n')}`);
  };
}
