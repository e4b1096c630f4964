import type { Element, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { articleUrl, sectionUrl } from '../lib/urls.ts';
import { fixedHeadingIds } from './remark-heading-ids.ts';
import { readableText } from './readable-text.ts';

/** The slug of the article being rendered, from its file: `mla.md` or `mla/index.md` → `mla`. */
function articleSlug(filePath: string | undefined): string | undefined {
  return filePath ? /([^/\\]+?)(?:[/\\]index)?\.mdx?$/.exec(filePath)?.[1] : undefined;
}

/** A 16-pixel line icon drawn in the text's colour; inline so it needs no image request. */
function icon(children: Element[]): Element {
  return {
    type: 'element',
    tagName: 'svg',
    properties: { viewBox: '0 0 16 16', width: '16', height: '16', ariaHidden: 'true', focusable: 'false', className: ['copy-link-icon'], fill: 'none', stroke: 'currentColor', strokeWidth: '1.5' },
    children,
  };
}

const shape = (tagName: string, properties: Record<string, string>): Element => ({ type: 'element', tagName, properties, children: [] });

/** Two overlapping sheets, the usual sign for "copy". */
export function copyIcon(): Element {
  return icon([shape('rect', { x: '5.5', y: '5.5', width: '8.5', height: '8.5', rx: '1.5' }), shape('path', { d: 'M3 10.5V3.5A1.5 1.5 0 0 1 4.5 2h6' })]);
}

/** Three joined dots, the usual sign for "share". */
export function shareIcon(): Element {
  return icon([
    shape('circle', { cx: '12', cy: '3.5', r: '1.75' }),
    shape('circle', { cx: '4', cy: '8', r: '1.75' }),
    shape('circle', { cx: '12', cy: '12.5', r: '1.75' }),
    shape('path', { d: 'M5.6 7.1l4.8-2.7M5.6 8.9l4.8 2.7' }),
  ]);
}

/**
 * Gives every section heading a visible link to itself and a button that copies the section's
 * shareable address (whose chat preview shows the section, see the `/<slug>/s/<id>/` pages), and one
 * that opens the share panel for it (a QR code for phones, the system share sheet). They sit
 * beside the heading, not inside it, so the heading's text (used by the table of contents and by
 * search) stays clean. The button stays hidden until the `share-links` element's script runs, so a
 * page without JavaScript shows no dead control.
 */
export default function rehypeHeadingAnchors({ sharePages = 'every' }: { sharePages?: 'every' | 'fixed' } = {}) {
  return (tree: Root, file: VFile) => {
    const slug = articleSlug(file.path);
    const fixed = fixedHeadingIds(file);
    // A section without a share page of its own (SECTION_PAGES=fixed, src/lib/site.ts) is shared as its place in the article.
    const shareUrl = (id: string) => (!slug ? `#${id}` : sharePages === 'every' || fixed.has(id) ? sectionUrl(slug, id) : `${articleUrl(slug)}#${id}`);
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!/^h[2-4]$/.test(node.tagName) || index === undefined || !parent) return;
      const id = node.properties.id;
      if (typeof id !== 'string' || id === '') return;
      const label = readableText(node.children).replace(/\s+/g, ' ').trim();
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['heading', `heading-${node.tagName}`] },
        children: [
          node,
          {
            type: 'element',
            tagName: 'a',
            properties: { className: ['heading-anchor'], href: `#${id}`, dataPagefindIgnore: '' },
            children: [
              { type: 'element', tagName: 'span', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: `本节链接：${label}` }] },
              { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: '#' }] },
            ],
          },
          {
            type: 'element',
            tagName: 'button',
            properties: { type: 'button', className: ['copy-link'], dataShareUrl: shareUrl(id), dataSectionTitle: label, hidden: true, dataPagefindIgnore: '' },
            children: [
              { type: 'element', tagName: 'span', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: `复制本节链接：${label}` }] },
              copyIcon(),
            ],
          },
          {
            type: 'element',
            tagName: 'button',
            properties: { type: 'button', className: ['share-link'], dataShareUrl: shareUrl(id), dataSectionTitle: label, ariaHasPopup: 'dialog', hidden: true, dataPagefindIgnore: '' },
            children: [
              { type: 'element', tagName: 'span', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: `分享本节：${label}` }] },
              shareIcon(),
            ],
          },
        ],
      };
      return SKIP;
    });
  };
}
