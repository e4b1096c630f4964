import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeKatex from 'rehype-katex';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { makeKatexValid } from './katex-valid.ts';
import { mathmlReading } from './reading.ts';

/**
 * KaTeX's HTML for a formula, as the page shows it, rendered once per distinct formula.
 *
 * KaTeX writes every formula twice, as MathML for assistive technology and as HTML glyphs for the
 * eye; indexed as they are, both would glue their symbols into nonsense words and excerpts. Both are
 * kept out of the search index, and the formula's reading (`cₜᴷⱽ = Wᴰᴷⱽhₜ`, see reading.ts) is indexed
 * instead, from a `hidden` span (addSearchMarkup): Pagefind indexes it and shows it in excerpts, while
 * readers never see it, screen readers skip it and a selection does not copy it. The markup is
 * also made valid HTML (katex-valid.ts), and a display formula wider than the column can be scrolled
 * from the keyboard (it takes focus, as tables and code blocks do).
 */
export function formulaHtml(tex: string, displayMode: boolean): string {
  return renderFormula(tex, displayMode).html;
}

/**
 * The characters a formula draws with KaTeX's fonts (the text of its `.katex-html` part). The build
 * cuts KaTeX's fonts down to the characters the notes' formulas draw (fonts.ts).
 */
export function formulaGlyphs(tex: string, displayMode: boolean): string {
  return renderFormula(tex, displayMode).glyphs;
}

interface RenderedFormula {
  html: string;
  glyphs: string;
}

/**
 * Rendering goes through rehype-katex, as remark-math's own pipeline would, so an upgrade of KaTeX or
 * rehype-katex reaches the site the usual way. It runs on one formula at a time, not over a note:
 * each distinct formula is rendered once for the whole site (the cache below), and a note's tree
 * keeps a placeholder instead of KaTeX's markup (placeholders.ts).
 */
// strict: false lets KaTeX render LaTeX-incompatible but harmless input (e.g. CJK inside \text) without console noise.
const katexProcessor = unified().use(rehypeKatex, { strict: false });

/** KaTeX's tree for one formula; TeX it cannot render throws KaTeX's own error. */
function katexTree(tex: string, displayMode: boolean): Root {
  const code: Element = { type: 'element', tagName: 'code', properties: { className: [displayMode ? 'math-display' : 'math-inline'] }, children: [{ type: 'text', value: tex }] };
  const file = new VFile();
  const tree = katexProcessor.runSync({ type: 'root', children: [code] }, file) as Root;
  // rehype-katex reports a formula it cannot render as a message and draws red error text instead.
  const problem = file.messages[0];
  if (problem) throw problem.cause instanceof Error ? problem.cause : new Error(problem.reason);
  return tree;
}

function renderFormula(tex: string, displayMode: boolean): RenderedFormula {
  const key = (displayMode ? 'D' : 'I') + tex;
  let formula = rendered.get(key);
  if (formula === undefined) {
    const tree = katexTree(tex, displayMode);
    makeKatexValid(tree);
    const glyphs = drawnCharacters(tree);
    addSearchMarkup(tree);
    formula = { html: toHtml(tree), glyphs };
    if (rendered.size >= maxRemembered) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, formula);
  }
  return formula;
}

// Distinct formulas of a few thousand notes fit easily; the bound keeps a huge site from hoarding memory.
const maxRemembered = 20_000;
const rendered = new Map<string, RenderedFormula>();

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/** The distinct characters of the `.katex-html` text: what the page draws with KaTeX's fonts. */
function drawnCharacters(tree: Root): string {
  const characters = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (!hasClass(node, 'katex-html')) return;
    visit(node, 'text', (text) => {
      for (const character of text.value) characters.add(character);
    });
    return SKIP;
  });
  return [...characters].sort().join('');
}

/**
 * The reading sits inside `.katex-mathml`, beside the `<math>` element: copy-tex replaces that whole
 * part with the TeX when a selection is copied, so the reading never reaches the clipboard, and
 * `hidden` keeps it from screen readers, which read the MathML. Pagefind skips the MathML and the
 * glyphs and indexes the reading.
 */
function addSearchMarkup(tree: Root) {
  visit(tree, 'element', (node: Element) => {
    if (hasClass(node, 'katex-display')) node.properties.tabIndex = 0;
    if (!hasClass(node, 'katex')) return;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (hasClass(child, 'katex-html')) child.properties.dataPagefindIgnore = 'all';
      if (!hasClass(child, 'katex-mathml')) continue;
      const math = child.children.find((grandchild): grandchild is Element => grandchild.type === 'element' && grandchild.tagName === 'math');
      if (!math) continue;
      math.properties.dataPagefindIgnore = 'all';
      const reading: ElementContent = { type: 'element', tagName: 'span', properties: { hidden: true, className: ['math-tex'] }, children: [{ type: 'text', value: mathmlReading(math) }] };
      child.children.push(reading);
    }
    return SKIP;
  });
}
