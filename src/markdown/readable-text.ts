import type { Element, ElementContent } from 'hast';

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/** Readable text of prose: a formula reads as its TeX (KaTeX's glyph soup would be noise in a preview), code blocks and anchors are left out. */
export function readableText(nodes: ElementContent[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    // A formula left as a placeholder comment by rehype-math carries its TeX.
    if (node.type === 'comment' && typeof (node.data as { tex?: unknown } | undefined)?.tex === 'string') text += (node.data as { tex: string }).tex;
    if (node.type !== 'element') continue;
    if (hasClass(node, 'katex')) {
      const annotation = findAnnotation(node);
      if (annotation) text += annotation;
      continue;
    }
    if (hasClass(node, 'heading-anchor') || hasClass(node, 'sr-only') || node.tagName === 'pre' || node.tagName === 'button') continue;
    text += readableText(node.children);
    if (node.tagName === 'li' || node.tagName === 'p') text += ' ';
  }
  return text;
}

function findAnnotation(node: Element): string | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'annotation') return child.children.map((grandchild) => (grandchild.type === 'text' ? grandchild.value : '')).join('').trim();
    const found = findAnnotation(child);
    if (found !== undefined) return found;
  }
  return undefined;
}
