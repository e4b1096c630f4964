import { formulaHtml } from './render.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Plain text with `$…$` formulas (as the link graph keeps a sentence's inline math) to HTML with
 * the formulas rendered as the notes render them (each formula already passed KaTeX in its own note),
 * so a quoted sentence reads like the page it comes from.
 */
export function mathTextHtml(text: string): string {
  // A dollar written as text arrives as `\$` (see blockText in src/markdown/remark-link-records.ts).
  return text
    .split(/((?<!\\)\$[^$\n]+?(?<!\\)\$)/)
    .map((part) => (/^\$[^$\n]+\$$/.test(part) ? formulaHtml(part.slice(1, -1), false) : escapeHtml(part.replace(/\\\$/g, '$'))))
    .join('');
}
