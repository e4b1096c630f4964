import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * KaTeX writes every formula twice, as MathML for assistive technology and as HTML glyphs for the
 * eye. Pagefind would index both and glue their characters into nonsense words; keep the glyphs
 * out of the index. The MathML, including the TeX annotation, stays findable.
 */
export default function rehypeMathSearch() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const className = node.properties.className;
      if (Array.isArray(className) && className.includes('katex-html')) {
        node.properties['dataPagefindIgnore'] = 'all';
      }
    });
  };
}
