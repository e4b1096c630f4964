import type { Comment, Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { fileLine } from './file-lines.ts';
import { formulaGlyphs, formulaHtml, formulaPlaceholder } from '../math/index.ts';
import { record } from './recordings.ts';

const classesOf = (node: Element) => (Array.isArray(node.properties.className) ? node.properties.className : []);

/**
 * Renders the formulas remark-math found with KaTeX, at build time. Each formula is checked here: TeX
 * that KaTeX cannot render fails the build with the file, the line and the TeX, rather than showing a
 * reader red error text, and the characters the formulas draw are recorded for the font cut. In Markdown a formula leaves the tree as a placeholder comment that pages
 * expand on output (see src/math/placeholders.ts); MDX compiles to code, which keeps no comments, so there
 * the formula's HTML goes into the tree.
 */
export default function rehypeMath() {
  return (tree: Root, file: VFile) => {
    const inTree = /\.mdx$/i.test(file.path ?? '');
    const problems: string[] = [];
    const glyphs = new Set<string>();
    visitParents(tree, 'element', (element: Element, parents) => {
      const classes = classesOf(element);
      const fenced = classes.includes('language-math');
      if (!fenced && !classes.includes('math-display') && !classes.includes('math-inline')) return;
      let parent = parents.at(-1);
      let scope: Element = element;
      let displayMode = classes.includes('math-display');
      // ```math fences and $$ blocks arrive as <pre><code class="language-math">: the <pre> goes too.
      if (element.tagName === 'code' && fenced && parent?.type === 'element' && parent.tagName === 'pre') {
        scope = parent;
        parent = parents.at(-2);
        displayMode = true;
      }
      if (!parent) return;
      const tex = toText(scope, { whitespace: 'pre' });
      let html: string;
      try {
        html = formulaHtml(tex, displayMode);
        for (const character of formulaGlyphs(tex, displayMode)) glyphs.add(character);
      } catch (error) {
        const reason = String((error as Error).message).split('\n')[0];
        problems.push(`  ${file.path ?? '<markdown>'}:${fileLine(file, element.position?.start.line)}: ${reason}\n    TeX: ${tex.trim()}`);
        return SKIP;
      }
      const index = parent.children.indexOf(scope);
      if (inTree) {
        parent.children.splice(index, 1, ...(fromHtml(html, { fragment: true }).children as Element[]));
      } else {
        const placeholder: Comment = { type: 'comment', value: formulaPlaceholder(tex, displayMode), data: { tex } as never };
        parent.children.splice(index, 1, placeholder);
      }
      return SKIP;
    });
    if (problems.length > 0) throw new Error(`KaTeX cannot render ${problems.length} formula(s); fix the TeX:\n${problems.join('\n')}`);
    // What KaTeX's fonts are cut to (src/integrations/katex-fonts.ts).
    record(file, 'glyphs', [...glyphs].sort().join(''));
  };
}
