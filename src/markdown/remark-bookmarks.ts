import type { Link, Paragraph, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { icon } from './icons.ts';

/** The 🔖 a note app writes before a saved link (with or without the emoji variation selector). */
const bookmarkMark = /^\s*\u{1F516}\uFE0F?\s*$/u;

const textOf = (nodes: PhrasingContent[]): string =>
  nodes.map((node) => ('value' in node ? node.value : 'children' in node ? textOf(node.children as PhrasingContent[]) : '')).join('');

/**
 * What a card says for an address when the author gave no words: the paper or repository it names
 * on the sites notes link most, otherwise the address without its scheme. Nothing is fetched: the
 * build works offline and a page title fetched today may be gone or wrong tomorrow.
 */
export function bookmarkLabel(url: URL): string {
  const host = url.hostname.replace(/^www\./, '');
  const parts = url.pathname.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  if (host === 'arxiv.org' && /^(abs|pdf|html)$/.test(parts[0] ?? '') && parts[1]) return `arXiv ${parts[1].replace(/\.pdf$|v\d+$/g, '')}`;
  if (host === 'github.com' && parts.length >= 2) return parts.slice(0, 2).join('/');
  return [host, ...parts].join('/') + url.search;
}

/** A link card: the link, whether the address stood bare, the words to show and the host. */
export interface Bookmark {
  link: Link;
  bare: boolean;
  label: string;
  host: string;
}

/**
 * The link card a paragraph writes: a bare address alone, or `🔖` and a link; undefined for any other
 * paragraph (a link inside a sentence stays a link). The page's card (below) and the note's Markdown
 * copy (markdown-copy.ts) read it here.
 */
export function bookmarkOf(paragraph: Paragraph): Bookmark | undefined {
  const children = paragraph.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const marked = children[0]?.type === 'text' && bookmarkMark.test(children[0].value);
  const rest = marked ? children.slice(1) : children;
  if (rest.length !== 1 || rest[0].type !== 'link') return undefined;
  const link: Link = rest[0];
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  const words = textOf(link.children).trim();
  // Without 🔖, only a bare address is a card: `[论文](https://…)` alone on a line is a sentence.
  const bare = words === link.url || words === link.url.replace(/^https?:\/\//, '') || words === '';
  if (!marked && !bare) return undefined;
  const host = url.hostname.replace(/^www\./, '');
  return { link, bare, label: bare ? bookmarkLabel(url) : words, host };
}

/**
 * A paragraph that is only a bare address, or `🔖` and a link, becomes a link card: an icon, the
 * link's words (or a label made from the address) and the host. A link inside a sentence stays a
 * link.
 */
export default function remarkBookmarks() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const bookmark = bookmarkOf(paragraph);
      if (!bookmark) return;
      const { link, bare, label, host } = bookmark;
      const glyph = icon('bookmark', 'bookmark-icon');
      link.children = [
        { type: 'bookmarkIcon', data: { hName: 'svg', hProperties: glyph.properties, hChildren: glyph.children } } as never,
        { type: 'bookmarkText', data: { hName: 'span', hProperties: { className: ['bookmark-text'] } }, children: bare ? [{ type: 'text', value: label }] : link.children } as never,
        ...(label === host ? [] : [{ type: 'bookmarkHost', data: { hName: 'span', hProperties: { className: ['bookmark-host'] } }, children: [{ type: 'text', value: host }] } as never]),
      ];
      link.data = { ...link.data, hProperties: { className: ['bookmark-card'] } } as never;
      paragraph.children = [link];
      paragraph.data = { ...paragraph.data, hProperties: { className: ['bookmark'] } } as never;
    });
  };
}
