import { formulaHtml } from './render.ts';

/**
 * Rendered notes carry a formula as a comment holding its TeX, `<!--katex:I:…-->`, and pages are
 * expanded on output. Astro's content cache then stores a few bytes of TeX per formula instead of
 * KaTeX's kilobytes of markup, and no plugin after the math step walks or re-parses KaTeX's output.
 */
export function formulaPlaceholder(tex: string, displayMode: boolean): string {
  return `katex:${displayMode ? 'D' : 'I'}:${encodeURIComponent(tex)}`;
}

const placeholders = /<!--katex:([DI]):([^>]*?)-->/g;

/** Replaces every formula placeholder in a page's HTML with the formula. */
export function expandFormulas(html: string): string {
  return html.includes('<!--katex:') ? html.replace(placeholders, (_match, mode: string, tex: string) => formulaHtml(decodeURIComponent(tex), mode === 'D')) : html;
}
