import type { Element, ElementContent } from 'hast';
import { formulaReading, mathmlReading } from '../math/index.ts';

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/**
 * Readable text of prose: a formula reads as Unicode text (`cₜᴷⱽ = Wᴰᴷⱽhₜ`, src/math/reading.ts), not
 * as its TeX nor as KaTeX's glyph soup; code blocks and anchors are left out. Section excerpts and
 * titles (share pages, hover previews, Open Graph descriptions) are made of it.
 */
export function readableText(nodes: ElementContent[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    // A formula left as a placeholder comment by rehype-math carries its TeX.
    if (node.type === 'comment' && typeof (node.data as { tex?: unknown } | undefined)?.tex === 'string') text += formulaReading((node.data as { tex: string }).tex, node.value.startsWith('katex:D'));
    if (node.type !== 'element') continue;
    if (hasClass(node, 'katex')) {
      const math = findMath(node);
      if (math) text += mathmlReading(math);
      continue;
    }
    if (hasClass(node, 'heading-anchor') || hasClass(node, 'sr-only') || node.tagName === 'pre' || node.tagName === 'button') continue;
    text += readableText(node.children);
    if (node.tagName === 'li' || node.tagName === 'p') text += ' ';
  }
  return text;
}

function findMath(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'math') return child;
    const found = findMath(child);
    if (found !== undefined) return found;
  }
  return undefined;
}
