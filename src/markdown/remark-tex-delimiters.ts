import type { Root } from 'mdast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Real notes write math as `\(…\)` and `\[…\]` as often as with dollars, but to Markdown `\(` is just
 * an escaped parenthesis, so the TeX is gone by the time any tree exists. This plugin therefore
 * rewrites those delimiters in the source, just before remark-math parses it, into dollar forms of
 * exactly the same length, so every line and column the author sees stays where errors point.
 *
 * - `\(x\)` becomes `$ x $` (inline math; the padding spaces are trimmed by the math parser).
 * - `\[` and `\]` on lines of their own become `$$` fences (display math).
 * - any other `\[x\]` becomes `$ x $` and is marked to render in display mode.
 * Code spans and fenced code are left alone, as is `\\(` (an escaped backslash before a parenthesis).
 */
export function rewriteTexDelimiters(source: string): { text: string; displayOffsets: number[] } {
  const protectedRanges = codeRanges(source);
  const chars = source.split('');
  const displayOffsets: number[] = [];
  let cursor = 0;
  while (cursor < source.length) {
    const open = findDelimiter(source, cursor, ['(', '['], protectedRanges);
    if (open === -1) break;
    const kind = source[open + 1];
    const closeChar = kind === '(' ? ')' : ']';
    const close = findDelimiter(source, open + 2, [closeChar], protectedRanges, true);
    if (close === -1) {
      cursor = open + 2;
      continue;
    }
    if (kind === '[' && ownLine(source, open, 2) && ownLine(source, close, 2)) {
      chars[open] = chars[open + 1] = '$';
      chars[close] = chars[close + 1] = '$';
    } else {
      chars[open] = '$';
      chars[open + 1] = ' ';
      chars[close] = ' ';
      chars[close + 1] = '$';
      if (kind === '[') displayOffsets.push(open);
    }
    cursor = close + 2;
  }
  return { text: chars.join(''), displayOffsets };
}

/** Index of the next unescaped `\` + one of `after`, outside code; with `stopAtBlankLine`, none past a paragraph break. */
function findDelimiter(source: string, from: number, after: string[], protectedRanges: Array<[number, number]>, stopAtBlankLine = false): number {
  for (let i = from; i < source.length - 1; i++) {
    if (stopAtBlankLine && source[i] === '\n' && /^\n[ \t]*\n/.test(source.slice(i, i + 80))) return -1;
    if (source[i] !== '\\' || !after.includes(source[i + 1])) continue;
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && source[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 1) continue;
    const range = protectedRanges.find(([start, end]) => i >= start && i < end);
    if (range) {
      if (stopAtBlankLine) return -1;
      i = range[1] - 1;
      continue;
    }
    return i;
  }
  return -1;
}

/** Whether the `length` characters at `index` are alone on their line, apart from blanks and blockquote markers. */
function ownLine(source: string, index: number, length: number): boolean {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  let lineEnd = source.indexOf('\n', index);
  if (lineEnd === -1) lineEnd = source.length;
  return /^[\s>]*$/.test(source.slice(lineStart, index)) && /^\s*$/.test(source.slice(index + length, lineEnd));
}

/** Character ranges of fenced code blocks and inline code spans, where a backslash means nothing to TeX. */
export function codeRanges(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const fence = /^[ \t>]*(`{3,}|~{3,})/;
  let offset = 0;
  let open: { marker: string; start: number } | undefined;
  for (const line of source.split('\n')) {
    const match = fence.exec(line);
    if (open) {
      if (match && match[1][0] === open.marker[0] && match[1].length >= open.marker.length && line.trim().replace(/^[>\s]*/, '') === match[1]) {
        ranges.push([open.start, offset + line.length]);
        open = undefined;
      }
    } else if (match) {
      open = { marker: match[1], start: offset };
    }
    offset += line.length + 1;
  }
  if (open) ranges.push([open.start, source.length]);

  const spans = /(`+)[\s\S]*?[^`]\1(?!`)/g;
  for (const match of source.matchAll(spans)) {
    const start = match.index!;
    if (!ranges.some(([s, e]) => start >= s && start < e)) ranges.push([start, start + match[0].length]);
  }
  return ranges;
}

interface TexFileData {
  texDisplayOffsets?: number[];
}

export default function remarkTexDelimiters(this: Processor) {
  const parse = this.parser;
  if (parse) {
    this.parser = (document, file) => {
      const { text, displayOffsets } = rewriteTexDelimiters(document);
      (file.data as TexFileData).texDisplayOffsets = displayOffsets;
      return parse(text, file);
    };
  }
  return (tree: Root, file: { data: TexFileData }) => {
    const display = new Set(file.data.texDisplayOffsets ?? []);
    if (display.size === 0) return;
    visit(tree, 'inlineMath', (node) => {
      const start = node.position?.start.offset;
      if (start === undefined || !display.has(start)) return;
      // mdast-util-math turns hProperties into the element's attributes; rehype-katex reads math-display.
      node.data = { ...node.data, hProperties: { className: ['language-math', 'math-display'] } } as typeof node.data;
    });
  };
}
