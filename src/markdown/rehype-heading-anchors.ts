import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit, SKIP } from 'unist-util-visit';

/**
 * Gives every section heading a visible link to itself, so a reader can copy the address of a
 * section to paste into a chat. The link sits beside the heading, not inside it, so the heading's
 * text (used by the table of contents and by search) stays clean.
 */
export default function rehypeHeadingAnchors() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!/^h[2-4]$/.test(node.tagName) || index === undefined || !parent) return;
      const id = node.properties.id;
      if (typeof id !== 'string' || id === '') return;
      const label = toText(node);
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
        ],
      };
      return SKIP;
    });
  };
}
