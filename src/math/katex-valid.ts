import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** How many children each MathML script element takes. */
const arity: Record<string, number> = { msub: 2, msup: 2, munder: 2, mover: 2, msubsup: 3, munderover: 3 };
const tokens = new Set(['mi', 'mo', 'mn', 'mtext', 'ms']);

/**
 * KaTeX emits a few constructs that are not valid HTML (the W3C checker rejects them, and the tests
 * run it): an operator name inside a script (`n_{\max}`) as a script element with one child too many
 * (the name and an invisible function application side by side), `\underset{…}{\operatorname{…}}`
 * as token elements holding elements, and `height:-…em` in the style of its layout boxes. Browsers
 * ignore a negative height and render the same either way; screen readers read the MathML, which
 * this makes well-formed by grouping what KaTeX meant as one argument into an `mrow`.

 * Applied to each formula's HTML once, when it is rendered (see render.ts).
 */
export function makeKatexValid(tree: Root) {
  visit(tree, 'element', (node: Element) => {
    const style = node.properties['style'];
    if (typeof style === 'string' && style.includes('height:-')) {
      node.properties['style'] = style.replace(/(^|;)\s*height:\s*-[^;]*;?/g, '$1') || undefined;
    }
    const elements = node.children.filter((child): child is Element => child.type === 'element');
    if (tokens.has(node.tagName) && elements.length > 0) node.tagName = 'mrow';
    const expected = arity[node.tagName];
    if (expected && elements.length > expected && elements.length === node.children.length) {
      // KaTeX writes an operator name (`n_{\max}`) as the name plus an invisible function
      // application (U+2061) side by side; the two are one argument of the script element.
      const children = [...elements];
      for (let i = children.length - 1; i > 0 && children.length > expected; i--) {
        if (isFunctionApplication(children[i])) children.splice(i - 1, 2, mrow(children.slice(i - 1, i + 1)));
      }
      node.children = children.length > expected ? [mrow(children.slice(0, children.length - expected + 1)), ...children.slice(children.length - expected + 1)] : children;
    }
  });
}

function isFunctionApplication(node: Element): boolean {
  return node.tagName === 'mo' && node.children.length === 1 && node.children[0].type === 'text' && node.children[0].value === '\u2061';
}

function mrow(children: Element[]): Element {
  return { type: 'element', tagName: 'mrow', properties: {}, children };
}
