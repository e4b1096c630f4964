import type { Element, ElementContent, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { SKIP, visit } from 'unist-util-visit';

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/**
 * KaTeX writes every formula twice, as MathML for assistive technology and as HTML glyphs for the
 * eye; indexed as they are, both would glue their symbols into nonsense words and excerpts. Keep both
 * out of the search index and index the formula's TeX instead (`\frac`, `\operatorname{softmax}` are
 * what an engineer would type), in a hidden span that screen readers and the page never show.
 */
export default function rehypeMathSearch() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (!hasClass(node, 'katex')) return;
      let tex = '';
      visit(node, 'element', (child: Element) => {
        if (child.tagName === 'annotation') tex = toText(child);
        if (hasClass(child, 'katex-mathml') || hasClass(child, 'katex-html')) child.properties['dataPagefindIgnore'] = 'all';
      });
      if (tex) {
        const source: ElementContent = { type: 'element', tagName: 'span', properties: { hidden: true, className: ['math-tex'] }, children: [{ type: 'text', value: ` ${tex.trim()} ` }] };
        node.children.push(source);
      }
      return SKIP;
    });
  };
}
