import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Tables wider than the column scroll sideways (see global.css). Each takes keyboard focus, as
 * Shiki's code blocks and display formulas (src/math/render.ts) do, so a reader without a mouse can
 * scroll it too.
 */
export default function rehypeScrollable() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'table') node.properties['tabIndex'] = 0;
    });
  };
}
