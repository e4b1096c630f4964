import katex from 'katex';

/**
 * KaTeX's HTML for a formula, as the page shows it, rendered once per distinct formula.
 *
 * KaTeX writes every formula twice, as MathML for assistive technology and as HTML glyphs for the
 * eye; indexed as they are, both would glue their symbols into nonsense words and excerpts. Both are
 * kept out of the search index, and the formula's TeX (`\frac`, `\operatorname{softmax}`, what an
 * engineer would type) is indexed instead, from a hidden span that readers never see.
 */
export function formulaHtml(tex: string, displayMode: boolean): string {
  const key = (displayMode ? 'D' : 'I') + tex;
  let html = rendered.get(key);
  if (html === undefined) {
    // strict: false lets KaTeX render LaTeX-incompatible but harmless input (e.g. CJK inside \text) without console noise.
    const katexHtml = katex.renderToString(tex, { displayMode, throwOnError: true, strict: false });
    html = withSearchMarkup(katexHtml, tex);
    if (rendered.size >= maxRemembered) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, html);
  }
  return html;
}

// Distinct formulas of a few thousand notes fit easily; the bound keeps a huge site from hoarding memory.
const maxRemembered = 20_000;
const rendered = new Map<string, string>();

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function withSearchMarkup(html: string, tex: string): string {
  const marked = html
    .replace('<span class="katex-mathml">', '<span class="katex-mathml" data-pagefind-ignore="all">')
    .replace('<span class="katex-html" aria-hidden="true">', '<span class="katex-html" aria-hidden="true" data-pagefind-ignore="all">');
  // The TeX goes last inside `.katex`, which closes just before the end (and before `.katex-display`'s close).
  const closers = html.startsWith('<span class="katex-display">') ? '</span></span>' : '</span>';
  return `${marked.slice(0, -closers.length)}<span hidden class="math-tex"> ${escapeHtml(tex.trim())} </span>${closers}`;
}

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
