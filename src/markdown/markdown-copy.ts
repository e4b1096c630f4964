/**
 * A note as Markdown, for readers that take text rather than pages (an AI assistant given a link):
 * the note's own Markdown, with what only this site understands made plain. It is made while the
 * note renders, from the pipeline's own tree right after wikilinks are resolved, edited as a copy
 * (editable-markdown.ts) so that what needs no change comes back as the author wrote it, and kept
 * with the render's recordings (recordings.ts): the note is not read a second time for it.
 *
 * - wikilinks and links to `/<slug>/` become links to absolute addresses (the resolver already
 *   chose their targets); a link to a planned note becomes its words and "（待写）", as on the page;
 *   other root-relative and relative addresses, and images under public/, become absolute too;
 * - formulas stay TeX, always between dollars (`\(…\)` and `\[…\]` become `$…$` and `$$…$$`);
 * - a callout becomes a quote whose first line is its type and title in bold; a link card, the link alone
 *   (the same recognisers as the page's, remark-callouts.ts and remark-bookmarks.ts);
 * - HTML the author wrote is text, as the page shows it; comments go; MDX components are left out.
 */
import type { Blockquote, Link, Nodes, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { siteUrl } from '../lib/site.ts';
import { absoluteUrl, articleUrl, parseArticleUrl, siteUrlOf } from '../lib/urls.ts';
import { EditableMarkdown } from './editable-markdown.ts';
import type { KnownNotes } from './index.ts';
import { record } from './recordings.ts';
import { bookmarkOf } from './remark-bookmarks.ts';
import { calloutOf } from './remark-callouts.ts';
import { noteSlug } from './remark-wikilinks.ts';
import type { WikilinkData } from './wikilinks.ts';

export interface CopyContext {
  /** The note's slug: `#id` and relative addresses are its own. */
  slug: string;
  /** Notes not written yet (content/planned.yaml), by slug. */
  planned: ReadonlyMap<string, string>;
  /** The absolute form of a site address (`/mla/` → `https://…/mla/`). */
  absolute: (path: string) => string;
}

/** What a link to a planned note reads as, here and on the page (rehype-planned-links.ts). */
const plannedText = (words: string): Text => ({ type: 'text', value: `${words}（待写）` });

const wordsOf = (nodes: PhrasingContent[]): string => nodes.map((node) => ('value' in node ? node.value : 'children' in node ? wordsOf(node.children as PhrasingContent[]) : '')).join('');

/**
 * The body of a note as Markdown a reader can take anywhere, from the note's source and the tree the
 * site's pipeline has made of it, its wikilinks resolved (the tree is not changed).
 */
export function markdownCopyOf(source: string, parsed: Root, context: CopyContext): string {
  const markdown = new EditableMarkdown(source, parsed);
  const { tree } = markdown;
  const pageUrl = context.absolute(articleUrl(context.slug));
  /** An address as written in the note, absolute; addresses with a scheme are left alone. */
  const absoluteAddress = (url: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return url;
    if (url.startsWith('/')) return context.absolute(siteUrlOf(url));
    return new URL(url, pageUrl).href;
  };

  // Before the links change: a card is an http(s) link as written.
  visit(tree, 'paragraph', (paragraph: Paragraph) => {
    const bookmark = bookmarkOf(paragraph);
    if (!bookmark) return;
    const link: Link = bookmark.bare ? { type: 'link', url: bookmark.link.url, children: [{ type: 'text', value: bookmark.label }] } : bookmark.link;
    paragraph.children = [link];
    return SKIP;
  });

  /** How a formula was opened in the source: `$`, `\\(` or `\\[`. */
  const opening = (node: Nodes) => (node.position?.start.offset === undefined ? '' : markdown.source.slice(node.position.start.offset, node.position.start.offset + 2));

  // `\[x\]` inside a line renders as a displayed formula; alone in its paragraph it is a `$$` block.
  visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
    const [formula, ...others] = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    if (formula?.type !== 'inlineMath' || others.length > 0 || opening(formula) !== '\\[' || !parent || index === undefined) return;
    parent.children[index] = { type: 'math', value: formula.value.trim() } as never;
    return SKIP;
  });

  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    // Components and expressions of an MDX note are code, not text.
    if (node.type.startsWith('mdx')) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type === 'html') {
      if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      // Without its position, so it is written as text (escaped), not as the HTML it was.
      const text: Text = { type: 'text', value: node.value };
      parent.children[index] = (parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem' ? { type: 'paragraph', children: [text] } : text) as never;
      return SKIP;
    }
    // A formula without its position is written by the serialiser, between dollars.
    if ((node.type === 'math' || node.type === 'inlineMath') && opening(node).startsWith('\\')) {
      parent.children[index] = { type: node.type, value: node.value } as never;
      return SKIP;
    }
  });

  visit(tree, (node, index, parent) => {
    if (node.type === 'link') {
      const wikilink = (node.data as WikilinkData | undefined)?.wikilink;
      const slug = wikilink ? wikilink.slug : parseArticleUrl(node.url, '/')?.slug;
      if (slug !== undefined && (wikilink?.planned || context.planned.has(slug)) && parent && index !== undefined) {
        parent.children[index] = plannedText(wordsOf(node.children)) as never;
        return SKIP;
      }
      // Wikilinks carry the base path already (src/lib/urls.ts).
      node.url = wikilink ? context.absolute(node.url) : absoluteAddress(node.url);
    } else if (node.type === 'definition') {
      node.url = absoluteAddress(node.url);
    } else if (node.type === 'image') {
      // An image next to the note gets a hashed address when the page is built; the copy points at the page.
      if (!node.url.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(node.url)) {
        parent!.children[index!] = { type: 'link', url: pageUrl, children: [{ type: 'text', value: `图：${node.alt ?? ''}` }] } as never;
        return SKIP;
      }
      node.url = absoluteAddress(node.url);
    }
  });

  visit(tree, 'blockquote', (quote: Blockquote) => {
    const callout = calloutOf(quote);
    if (!callout) return;
    // Text cut from the marker's line reads as written only by the serialiser's rules, not from its old place.
    const unplaced = <T extends Nodes>(nodes: T[]) => nodes.map((node) => (node.type === 'text' ? ({ type: 'text', value: node.value } as T) : node));
    // The type's own title names what the page's icon shows: `[!warning] 标题` reads "警告：标题".
    const typeTitle = callout.type?.title ?? callout.name;
    const title = unplaced(callout.title.length > 0 && wordsOf(callout.title) !== typeTitle ? [{ type: 'text', value: `${typeTitle}：` } as Text, ...callout.title] : [{ type: 'text', value: typeTitle } as Text]);
    const [first, ...rest] = callout.body;
    const body = first?.type === 'paragraph' && first !== quote.children[1] ? [{ ...first, children: unplaced(first.children) }, ...rest] : callout.body;
    quote.children = [{ type: 'paragraph', children: [{ type: 'strong', children: title }] }, ...body];
  });

  return markdown.toMarkdown();
}

/**
 * Records each note's Markdown copy as it renders (the emitter of src/site/emitters.ts publishes it
 * at `/<slug>.md`). Runs right after wikilinks are resolved and before anything turns the tree into
 * the page's own structures.
 */
export default function remarkMarkdownCopy({ known }: { known: KnownNotes }) {
  return (tree: Root, file: VFile) => {
    const slug = noteSlug(file.path);
    if (!slug) return;
    const site = siteUrl();
    record(file, 'markdown', markdownCopyOf(String(file.value), tree, { slug, planned: known().planned, absolute: (path) => absoluteUrl(path, site) }));
  };
}
