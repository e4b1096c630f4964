import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Tables and display formulas wider than the column scroll sideways (see global.css). Each takes
 * keyboard focus, as Shiki's code blocks do, so a reader without a mouse can scroll it too.
 */
export default function rehypeScrollable() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const classes = node.properties['className'];
      const isDisplayMath = node.tagName === 'span' && Array.isArray(classes) && classes.includes('katex-display');
      if (node.tagName === 'table' || isDisplayMath) node.properties['tabIndex'] = 0;
    });
  };
}
