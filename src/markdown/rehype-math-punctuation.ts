import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { formulaHtml } from '../math/index.ts';

// Browsers may wrap a line on either side of an inline formula, whatever is written against it
// (CSS Text: a soft wrap opportunity around every atomic inline, KaTeX's boxes among them), so on a
// phone `（通常 $D = n_h d_h$）` could leave `）` alone at the start of the next line, and a comma
// after a formula open a line. Chinese typesetting never starts a line with closing punctuation nor
// ends one with an opening bracket.

/** Punctuation that may not open a line: written right after a formula, it stays with it. */
const closing = /^[，。、；：！？）」』】》〉”’…,.;:!?)\]}%]+/u;
/** Punctuation that may not close a line: written right before a formula, it stays with it. */
const opening = /[（「『【《〈“‘([{]$/u;

/**
 * How long a formula with several break points may be and still be kept on one line with its
 * punctuation. KaTeX lets a line break after each top-level relation or operator (each
 * `katex-base` box, as katex-valid.ts names KaTeX's `base`), and the glue takes those breaks away:
 * a formula that is one box is always glued, one of several only while its TeX is this short (a
 * few symbols, well under a phone's line).
 */
const gluedTexLength = 30;

const classesOf = (node: Element) => (Array.isArray(node.properties.className) ? node.properties.className : []);

const isInlineFormula = (node: ElementContent) => (node.type === 'comment' ? node.value.startsWith('katex:I:') : node.type === 'element' && classesOf(node).includes('katex'));

/** The TeX of an inline formula node: the placeholder's (Markdown) or KaTeX's annotation (MDX). */
function texOf(node: ElementContent): string {
  if (node.type === 'comment') return (node.data as { tex?: string } | undefined)?.tex ?? decodeURIComponent(node.value.slice('katex:I:'.length));
  let tex = '';
  visit(node, 'element', (element: Element) => {
    if (element.tagName !== 'annotation') return;
    tex = element.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    return SKIP;
  });
  return tex;
}

const breakPoints = (tex: string) => formulaHtml(tex, false).split('class="katex-base"').length - 1;

/**
 * Keeps an inline formula on one line with the punctuation written against it: the formula and that
 * punctuation go into one `<span class="math-glue">`, which does not wrap (global.css). A formula
 * whose glue would take long breakable math off a narrow screen's wrapping is left as it is
 * (gluedTexLength). Runs after the math step (rehype-math.ts), on its placeholders in Markdown and
 * on KaTeX's HTML in MDX.
 */
export default function rehypeMathPunctuation() {
  return (tree: Root) => {
    visit(tree, 'element', (parent: Element) => {
      // Inside a formula or a glued run there is nothing to glue (MDX puts KaTeX's HTML in the tree).
      if (classesOf(parent).some((name) => name === 'katex' || name === 'katex-display' || name === 'math-glue')) return SKIP;
      if (!parent.children.some(isInlineFormula)) return;
      const children: ElementContent[] = [];
      for (let index = 0; index < parent.children.length; index++) {
        const node = parent.children[index];
        if (!isInlineFormula(node)) {
          children.push(node);
          continue;
        }
        const tex = texOf(node);
        const before = children.at(-1);
        const after = parent.children[index + 1];
        const lead = before?.type === 'text' ? opening.exec(before.value)?.[0] : undefined;
        const trail = after?.type === 'text' ? closing.exec(after.value)?.[0] : undefined;
        if ((!lead && !trail) || (tex.length > gluedTexLength && breakPoints(tex) > 1)) {
          children.push(node);
          continue;
        }
        const glued: ElementContent[] = [node];
        if (lead) {
          (before as Text).value = (before as Text).value.slice(0, -lead.length);
          if (!(before as Text).value) children.pop();
          glued.unshift({ type: 'text', value: lead });
        }
        if (trail) {
          (after as Text).value = (after as Text).value.slice(trail.length);
          glued.push({ type: 'text', value: trail });
          if (!(after as Text).value) index++;
        }
        children.push({ type: 'element', tagName: 'span', properties: { className: ['math-glue'] }, children: glued });
      }
      parent.children = children;
    });
  };
}
