/**
 * A Markdown document edited as a tree: parsed to mdast the way the site reads Markdown, changed by
 * the caller, and serialised back. A round trip through remark-stringify alone would rewrite the
 * whole note in its own style (escaping every `*`, `_` and `[`, turning `\(` into `$`, re-padding
 * tables); here every node the edit left alone is written as its source, and only what changed is
 * serialised, in the site's style: `-` bullets, `*` emphasis, fenced code, `$$` display math.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Literal, Nodes, Parents, Root, RootContent, Table, TableRow, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import remarkTexDelimiters from './remark-tex-delimiters.ts';

/** Markdown that goes into the output exactly as given: source left alone, or syntax an edit adds. */
export interface AsWritten extends Literal {
  type: 'asWritten';
}

declare module 'mdast' {
  interface RootContentMap {
    asWritten: AsWritten;
  }
  interface PhrasingContentMap {
    asWritten: AsWritten;
  }
  interface TableData {
    /** The table's `| --- | :-: |` line as the author wrote it. */
    delimiterRow?: string;
  }
  interface TableRowData {
    asWritten?: string;
  }
}

/** Inserts Markdown syntax (a callout's `[!TIP]`, a `🔖 `) that must not be escaped as text. */
export const markdownAsIs = (value: string): AsWritten => ({ type: 'asWritten', value });

const delimiters = { left: ':--', right: '--:', center: ':-:' };

const handlers: NonNullable<StringifyOptions['handlers']> = {
  asWritten: (node: AsWritten) => node.value,
  // GFM's table handler pads every cell to align the pipes, counting a Chinese character as one
  // column; rows the edit left alone keep their source, changed ones get one space around cells.
  table(node: Table, _parent, state, info) {
    const exit = state.enter('table');
    const rows = node.children.map((row) => row.data?.asWritten ?? `| ${row.children.map((cell) => state.handle(cell, row, state, { ...info, before: ' ', after: ' ' })).join(' | ')} |`);
    exit();
    const delimiterRow = node.data?.delimiterRow ?? `| ${(node.align ?? []).map((align) => (align ? delimiters[align] : '---')).join(' | ')} |`;
    return [rows[0], delimiterRow, ...rows.slice(1)].join('\n');
  },
};

/** Markdown as the site reads it (src/markdown/index.ts): GFM, both TeX delimiter styles, math, CJK emphasis. */
const markdown = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkTexDelimiters as never)
  .use(remarkMath)
  .use(remarkCjkFriendly)
  .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-', fence: '`', fences: true, listItemIndent: 'one', resourceLink: true, handlers })
  .freeze();

/**
 * A tree made from scratch as Markdown in the site's style (a Markdown copy's header, llms.txt), its
 * text written plain where it reads back the same, as an edit's text is.
 */
export function markdownText(tree: Root): string {
  const plain = copyOf(tree);
  visit(plain, 'text', (node, index, parent) => {
    if (parent && index !== undefined && isPlainText(node.value)) parent.children[index] = markdownAsIs(node.value);
  });
  return markdown.stringify(plain);
}

const flowParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);
/** Blocks whose lines hold only inline content, so that the container prefixes can be taken off them. */
const lineBlocks = new Set(['paragraph', 'heading', 'table', 'thematicBreak', 'definition']);

/**
 * Continuation lines of inline content carry the prefixes of the containers around it (`> `, a list
 * item's indent); the serialiser writes those itself. Inline content never starts a line with `>`
 * or a blank (the line would open a quote, or the blank is not content), so they are all prefix.
 */
const withoutLinePrefixes = (written: string) => written.replace(/\n[ \t>]*/g, '\n');

/** A copy of a tree (plain data): several times faster than structuredClone on mdast. */
function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy as T;
}

const asciiPunctuation = /[!-/:-@[-`{-~]/;

export class EditableMarkdown {
  readonly source: string;
  readonly tree: Root;
  /** Each parsed node as it was before the edit, by type and source range. */
  private readonly parsed = new Map<string, Nodes>();
  /** Text nodes cut from others: the node and offset in its value they were cut from. */
  private readonly cutFrom = new WeakMap<Text, { node: Text; offset: number }>();

  /**
   * `parsed`: the tree the site's own pipeline made of `source` (src/markdown/index.ts), to edit a copy
   * of it instead of parsing the source again. Its nodes as they are count as unchanged, so it must
   * stay as it is while this document is in use (within one plugin's run, say).
   */
  constructor(source: string, parsed?: Root) {
    this.source = source;
    if (parsed) {
      this.tree = copyOf(parsed);
      this.remember(parsed);
    } else {
      this.tree = markdown.parse(source);
      this.remember(copyOf(this.tree));
    }
  }

  /** The source from `start` to `end` as Markdown on its own (the inside of a Notion `<aside>`), positioned in the whole source. */
  parseRange(start: number, end: number): RootContent[] {
    const before = this.source.slice(0, start);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    const column = start - before.lastIndexOf('\n');
    const part = markdown.parse(this.source.slice(start, end));
    visit(part, (node) => {
      for (const point of node.position ? [node.position.start, node.position.end] : []) {
        if (point.line === 1) point.column += column - 1;
        point.line += line - 1;
        point.offset = (point.offset ?? 0) + start;
      }
    });
    this.remember(copyOf(part));
    return part.children;
  }

  /** What the author wrote for a parsed node. */
  sourceOf(node: Nodes): string {
    return this.source.slice(node.position!.start.offset, node.position!.end.offset);
  }

  /** The text of `node` from `start` to `end` (offsets in its value), to be written as the author wrote it. */
  cut(node: Text, start: number, end = node.value.length): Text {
    const piece: Text = { type: 'text', value: node.value.slice(start, end) };
    const origin = this.cutFrom.get(node);
    this.cutFrom.set(piece, origin ? { node: origin.node, offset: origin.offset + start } : { node, offset: start });
    return piece;
  }

  /** The line of the source the character at `offset` in a text's value is on. */
  lineAt(node: Text, offset: number): number {
    const origin = this.cutFrom.get(node);
    const whole = origin?.node ?? node;
    const before = whole.value.slice(0, (origin?.offset ?? 0) + offset);
    return whole.position!.start.line + (before.match(/\n/g)?.length ?? 0);
  }

  /** The edited tree as Markdown: what was left alone as written, the rest serialised. */
  toMarkdown(): string {
    return markdown.stringify(this.written(this.tree, undefined, 0) as Root);
  }

  /** Keeps the nodes of `tree`, which nothing changes, as the record of what was parsed. */
  private remember(tree: Root) {
    visit(tree, (node) => {
      if (node.position) this.parsed.set(this.key(node), node);
    });
  }

  private key(node: Nodes): string {
    return `${node.type}:${node.position?.start.offset}:${node.position?.end.offset}`;
  }

  private unchanged(node: Nodes): boolean {
    const parsed = node.position && this.parsed.get(this.key(node));
    return parsed !== undefined && isDeepStrictEqual(node, parsed);
  }

  /** A copy of the tree in which whatever can be written as its source is. */
  private written(node: Nodes, parent: Parents | undefined, index: number): Nodes {
    if (parent && this.unchanged(node)) {
      if (parent.type === 'root' && (node.type !== 'list' || this.listRunUnchanged(parent.children, index))) return markdownAsIs(this.sourceOf(node));
      const inline = !flowParents.has(parent.type) && parent.type !== 'list' && parent.type !== 'table' && parent.type !== 'tableRow';
      if (inline || (flowParents.has(parent.type) && lineBlocks.has(node.type))) return markdownAsIs(withoutLinePrefixes(this.sourceOf(node)));
    }
    if (node.type === 'text') {
      const written = this.textAsWritten(node) ?? (isPlainText(node.value) ? node.value : undefined);
      // Otherwise the serialiser escapes it.
      return written === undefined ? node : markdownAsIs(written);
    }
    if (node.type === 'code' && parent?.type === 'root') {
      const parsed = this.parsed.get(this.key(node));
      // Only the language changed: the fence stays as written (`~~~`, four backticks, its meta).
      if (parsed?.type === 'code' && parsed.lang && isDeepStrictEqual({ ...node, lang: parsed.lang }, parsed)) {
        const written = this.sourceOf(node);
        const infoLine = written.split('\n', 1)[0];
        return markdownAsIs(infoLine.replace(parsed.lang, node.lang ?? '') + written.slice(infoLine.length));
      }
    }
    if (node.type === 'math' && node.position && this.source.startsWith('\\[', node.position.start.offset)) {
      return markdownAsIs(`\\[\n${node.value}\n\\]`);
    }
    if (node.type === 'table') return this.writtenTable(node);
    if ('children' in node) return { ...node, children: node.children.map((child, at) => this.written(child, node, at)) } as Nodes;
    return node;
  }

  /**
   * Lists side by side are told apart by their bullets. When one of them changes, the serialiser
   * writes them all, choosing bullets that differ; a list written as is could share one with it.
   */
  private listRunUnchanged(siblings: Nodes[], index: number): boolean {
    let start = index;
    while (siblings[start - 1]?.type === 'list') start--;
    let end = index;
    while (siblings[end + 1]?.type === 'list') end++;
    return siblings.slice(start, end + 1).every((list) => this.unchanged(list));
  }

  private writtenTable(table: Table): Table {
    const rows = table.children.map((row): TableRow =>
      this.unchanged(row) ? { ...row, data: { ...row.data, asWritten: this.sourceOf(row) } } : (this.written(row, table, 0) as TableRow),
    );
    const header = table.children[0]?.position;
    if (!header) return { ...table, children: rows };
    const lineStart = this.source.indexOf('\n', header.end.offset) + 1;
    const lineEnd = this.source.indexOf('\n', lineStart);
    const delimiterRow = this.source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/^[ \t>]*/, '');
    return { ...table, data: { ...table.data, delimiterRow }, children: rows };
  }

  /** The source of a parsed text node or of a piece cut from one, when its characters can be traced there. */
  private textAsWritten(node: Text): string | undefined {
    const origin = this.cutFrom.get(node);
    const whole = origin?.node ?? node;
    if (!whole.position) return undefined;
    const written = this.sourceOf(whole);
    const offsets = valueOffsets(whole.value, written);
    if (!offsets) return undefined;
    const start = origin?.offset ?? 0;
    return withoutLinePrefixes(written.slice(offsets[start], offsets[start + node.value.length]));
  }
}

/**
 * Where each character of a text node's value is in its source (`offsets[value.length]` is the end):
 * a backslash escape or a character reference is one character of the value, and a line's prefixes
 * and trailing blanks none. Undefined when the two cannot be matched up.
 */
function valueOffsets(value: string, written: string): number[] | undefined {
  const offsets: number[] = [];
  let at = 0;
  for (let index = 0; index < value.length; ) {
    offsets[index] = at;
    const char = written[at];
    if (char === '\\' && asciiPunctuation.test(written[at + 1] ?? '') && value[index] === written[at + 1]) {
      at += 2;
      index++;
      continue;
    }
    const reference = char === '&' ? /^&(?:#[xX][\da-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z\d]{1,31});/.exec(written.slice(at, at + 40)) : null;
    const decoded = reference ? toString(markdown.parse(reference[0])) : '';
    if (reference && decoded !== reference[0] && value.startsWith(decoded, index)) {
      for (let inside = 1; inside < decoded.length; inside++) offsets[index + inside] = at;
      at += reference[0].length;
      index += decoded.length;
      continue;
    }
    if (char === value[index]) {
      at++;
      index++;
      if (char === '\n') while (at < written.length && /[ \t>]/.test(written[at])) at++;
      continue;
    }
    // Blanks at the end of a line are not part of the value.
    if (value[index] === '\n' && (char === ' ' || char === '\t')) {
      at++;
      continue;
    }
    return undefined;
  }
  offsets[value.length] = at;
  return offsets;
}

/**
 * Whether text made by an edit (a link's words, an image's alt text) reads back as the same plain
 * text when written unescaped, as it nearly always does in Chinese prose. A `|` could end a table
 * cell and a `]` a link's words, so those are left to the serialiser to escape.
 */
function isPlainText(value: string): boolean {
  if (/[[\]|\n]/.test(value)) return false;
  // Without ASCII punctuation or a leading blank nothing in it is syntax: most Chinese prose, read without parsing it.
  if (value !== '' && !/^\s/.test(value) && !asciiPunctuation.test(value)) return true;
  const [block, ...otherBlocks] = markdown.parse(value).children;
  if (block?.type !== 'paragraph' || otherBlocks.length > 0) return value.trim() === '';
  const [text, ...otherInlines] = block.children;
  return text?.type === 'text' && otherInlines.length === 0 && text.value === value.trim();
}
