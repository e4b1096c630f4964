/**
 * The opening lines of a rendered note, for its hover preview (src/site/hover-previews.ts): taken
 * once, when the loader keeps the note's text aside (note-text.ts), so an edit takes them again for
 * the edited note alone rather than for every note.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/** The text a reader sees: a formula counts as its TeX, not as KaTeX's two copies of it. */
function visibleLength(node: ElementContent): number {
  if (node.type === 'text') return node.value.trim().length;
  // A formula still in its placeholder comment (src/math/placeholders.ts).
  if (node.type === 'comment') return node.value.startsWith('katex:') ? 8 : 0;
  if (node.type !== 'element') return 0;
  if (hasClass(node, 'katex')) return 8;
  return node.children.reduce((sum, child) => sum + visibleLength(child), 0);
}

/** Links inside a preview would be links inside a link's popover: keep their text only. */
function unlink(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node) => {
    if (node.type !== 'element') return [node];
    if (hasClass(node, 'sr-only')) return [];
    if (node.tagName === 'a') return unlink(node.children);
    return [{ ...node, children: unlink(node.children) }];
  });
}

/**
 * The first lines of a rendered note: its opening paragraphs, whole, until about `budget` visible
 * characters (the popover clamps the lines).
 */
export function openingLines(html: string, budget = 160, window = 4_000): string {
  // The opening lines are at the start: parsing a long note whole would cost more than the rest.
  // A start that ends inside the opening lines (long formulas) is read again, longer.
  const tree: Root = fromHtml(html.slice(0, window), { fragment: true });
  const chosen: ElementContent[] = [];
  let length = 0;
  // The last block of a cut may itself be cut: it is read only in a longer start.
  const complete = window < html.length ? tree.children.slice(0, -1) : tree.children;
  for (const node of complete) {
    if (node.type !== 'element') continue;
    // Notes open with a section heading; the preview is the prose, so headings and blocks are skipped.
    if (node.tagName !== 'p') continue;
    chosen.push(...unlink([node]));
    length += visibleLength(node);
    if (length >= budget) break;
  }
  if (length < budget && window < html.length) return openingLines(html, budget, window * 4);
  return toHtml({ type: 'root', children: chosen });
}
