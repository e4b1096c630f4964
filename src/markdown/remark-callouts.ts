import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { closest } from '../lib/closest.ts';
import { fileLine } from './file-lines.ts';
import { icon, type IconName } from './icons.ts';

/**
 * Callout types as GitHub (`NOTE` … `CAUTION`) and Obsidian (`info`, `tip`, `question`, …) write
 * them, case-insensitive: the look they get and the title shown when the author gives none.
 */
const types: Record<string, { look: IconName; title: string }> = {
  note: { look: 'note', title: '注' },
  info: { look: 'note', title: '信息' },
  todo: { look: 'note', title: '待办' },
  abstract: { look: 'note', title: '摘要' },
  summary: { look: 'note', title: '摘要' },
  tldr: { look: 'note', title: '摘要' },
  example: { look: 'note', title: '示例' },
  tip: { look: 'tip', title: '提示' },
  hint: { look: 'tip', title: '提示' },
  important: { look: 'important', title: '重要' },
  warning: { look: 'warning', title: '警告' },
  attention: { look: 'warning', title: '注意' },
  caution: { look: 'caution', title: '当心' },
  danger: { look: 'caution', title: '危险' },
  error: { look: 'caution', title: '错误' },
  failure: { look: 'caution', title: '失败' },
  fail: { look: 'caution', title: '失败' },
  missing: { look: 'caution', title: '缺失' },
  bug: { look: 'caution', title: 'Bug' },
  success: { look: 'success', title: '成功' },
  check: { look: 'success', title: '完成' },
  done: { look: 'success', title: '完成' },
  question: { look: 'question', title: '问题' },
  help: { look: 'question', title: '问题' },
  faq: { look: 'question', title: '常见问题' },
  quote: { look: 'quote', title: '引文' },
  cite: { look: 'quote', title: '引文' },
};

/** `[!type]`, then `-` (folded) or `+` (foldable, open), then the title to the end of the line. */
const marker = /^\[!([a-z][a-z-]*)\]([+-]?)[ \t]*/i;

/** Splits a paragraph's inline content at its first line break: the title line, and what follows. */
function splitFirstLine(children: PhrasingContent[]): [PhrasingContent[], PhrasingContent[]] {
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'break') return [children.slice(0, i), children.slice(i + 1)];
    if (child.type === 'text' && child.value.includes('\n')) {
      const at = child.value.indexOf('\n');
      const before = child.value.slice(0, at).trimEnd();
      const after = child.value.slice(at + 1);
      return [
        [...children.slice(0, i), ...(before ? [{ ...child, value: before }] : [])],
        [...(after ? [{ ...child, value: after }] : []), ...children.slice(i + 1)],
      ];
    }
  }
  return [children, []];
}

/** An mdast node that becomes the given element: mdast-util-to-hast reads `data.hName` and friends. */
function element(hName: string, hProperties: Record<string, unknown>, children: unknown[] = [], hChildren?: unknown[]) {
  return { type: 'callout', data: { hName, hProperties, ...(hChildren ? { hChildren } : {}) }, children } as never;
}

/** What a callout blockquote says: its type as written, how it folds, its title and its body. */
export interface Callout {
  /** The type, lower case (`note`, `tip`, `info`…). */
  name: string;
  /** The type as written, for messages. */
  written: string;
  /** Its look and default title; undefined for a type that is not a callout type. */
  type?: { look: IconName; title: string };
  /** `-` folded, `+` foldable and open, `''` not foldable. */
  fold: string;
  /** The title the author wrote after the type, or the type's default title. */
  title: PhrasingContent[];
  /** What follows the title line. */
  body: Blockquote['children'];
}

/**
 * The callout a blockquote writes (`> [!NOTE]`, `> [!info]- 自定义标题`), or undefined for a plain
 * quote. The page's callout (below) and the note's Markdown copy (markdown-copy.ts) read it here.
 */
export function calloutOf(quote: Blockquote): Callout | undefined {
  const first = quote.children[0];
  if (first?.type !== 'paragraph' || first.children[0]?.type !== 'text') return undefined;
  const match = marker.exec(first.children[0].value);
  if (!match) return undefined;
  const name = match[1].toLowerCase();
  const type = types[name];
  const inline = [{ ...first.children[0], value: first.children[0].value.slice(match[0].length) }, ...first.children.slice(1)] as PhrasingContent[];
  const [titleLine, rest] = splitFirstLine(inline);
  const written = titleLine.some((node) => node.type !== 'text' || node.value.trim() !== '');
  const title = written ? titleLine : type ? [{ type: 'text', value: type.title } as PhrasingContent] : [];
  const body = [...(rest.length > 0 ? [{ type: 'paragraph', children: rest } as Paragraph] : []), ...quote.children.slice(1)];
  return { name, written: match[1], type, fold: match[2], title, body };
}

/**
 * `> [!NOTE]` and `> [!info]- 自定义标题` blockquotes become callouts: an `<aside role="note">` with a
 * visible title and an icon, or, when foldable, a `<details>` whose `<summary>` is the title. An
 * unknown type fails the build with the closest types, as GitHub would silently show a plain quote.
 */
export default function remarkCallouts() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'blockquote', (quote: Blockquote) => {
      const callout = calloutOf(quote);
      if (!callout) return;
      const { name, type, fold, title, body } = callout;
      if (!type) {
        const line = fileLine(file, quote.position?.start.line);
        throw new Error(`${file.path}:${line}: "[!${callout.written}]" is not a callout type; did you mean ${closest(name, Object.keys(types)).map((known) => `[!${known}]`).join(' or ')}? (GitHub's are NOTE, TIP, IMPORTANT, WARNING, CAUTION)`);
      }
      const glyph = icon(type.look, 'callout-icon');
      const heading = element(fold ? 'summary' : 'p', { className: ['callout-title'] }, [
        element('svg', glyph.properties, [], glyph.children),
        element('span', {}, title),
      ]);
      quote.children = [heading, element('div', { className: ['callout-body'] }, body)];
      quote.data = {
        ...quote.data,
        hName: fold ? 'details' : 'aside',
        hProperties: {
          className: ['callout', `callout-${type.look}`],
          dataCallout: name,
          // <details> has its own role (a group that opens); an <aside> here is a note, not a landmark.
          ...(fold ? { open: fold === '+' } : { role: 'note' }),
        },
      } as never;
    });
  };
}
