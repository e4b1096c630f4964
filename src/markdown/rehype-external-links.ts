import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Links to papers and code leave the site: they get `rel="noopener noreferrer"` so the other page
 * cannot reach back into this one, and a mark (with words for screen readers) that says so.
 */
export default function rehypeExternalLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = String(node.properties.href ?? '');
      if (!/^https?:\/\//i.test(href)) return;
      node.properties.rel = ['noopener', 'noreferrer'];
      node.properties.className = [...((node.properties.className as string[] | undefined) ?? []), 'external'];
      node.children.push({ type: 'element', tagName: 'span', properties: { className: ['sr-only'], dataPagefindIgnore: '' }, children: [{ type: 'text', value: '（外部链接）' }] });
    });
  };
}
