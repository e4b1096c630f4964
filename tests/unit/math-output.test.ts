import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import katex from 'katex';
import { toText } from 'hast-util-to-text';
import { SKIP, visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { expandFormulas } from '../../src/math/index.ts';
import { makeKatexValid } from '../../src/math/katex-valid.ts';
import rehypeMath from '../../src/markdown/rehype-math.ts';
import { remarkPlugins } from './render-note.ts';

const root = path.resolve(import.meta.dirname, '../..');
// Math-heavy notes: aligned blocks, fractions, sums, \mathbb, matrices, CJK inside \text.
const sample = ['flash-attention', 'mla', 'normalizing-flow', 'diffusion-sde', 'gbdt', 'dpo'];

/** The HTML as a browser reads it, without what the math step adds for search and keyboard (ignore markers, hidden reading, focus). */
function normalized(html: string): string {
  const tree = fromHtml(html, { fragment: true }) as Root;
  visit(tree, 'element', (node: Element, index, parent) => {
    delete node.properties.dataPagefindIgnore;
    delete node.properties.tabIndex;
    const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
    if (classes.includes('math-tex') && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
  });
  return toHtml(tree);
}

/**
 * The straightforward way, as rehype-katex does it, with the site's KaTeX: render each formula and
 * parse KaTeX's HTML into the tree where the formula was (then made valid HTML, as the site does).
 */
function rehypeKatexInTree() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      const code = node.tagName === 'pre' ? node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code') : node;
      const classes = code && Array.isArray(code.properties.className) ? code.properties.className : [];
      if (!code || !classes.includes('language-math')) return;
      const displayMode = node.tagName === 'pre';
      const html = katex.renderToString(toText(code, { whitespace: 'pre' }), { displayMode, throwOnError: true, strict: false });
      const fragment = fromHtml(html, { fragment: true });
      makeKatexValid(fragment);
      parent.children.splice(index, 1, ...(fragment.children as Element[]));
      return [SKIP, index];
    });
  };
}

describe('the math step', () => {
  test('gives exactly the HTML of rendering each formula into the tree (as rehype-katex does), in a sample of real notes', async () => {
    const before = await createMarkdownProcessor({ remarkPlugins, rehypePlugins: [rehypeKatexInTree], smartypants: false });
    const after = await createMarkdownProcessor({ remarkPlugins, rehypePlugins: [rehypeMath], smartypants: false });
    let formulas = 0;
    for (const slug of sample) {
      const file = path.join(root, 'content/articles', `${slug}.md`);
      const body = readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
      const fileURL = new URL(`file://${file}`);
      const old = (await before.render(body, { fileURL })).code;
      const placeholders = (await after.render(body, { fileURL })).code;
      formulas += (placeholders.match(/<!--katex:/g) ?? []).length;
      expect(normalized(expandFormulas(placeholders)), slug).toBe(normalized(old));
    }
    expect(formulas).toBeGreaterThan(300);
  }, 120_000);

  test('a rendered note carries placeholders, not KaTeX markup, so the content cache stays small', async () => {
    const processor = await createMarkdownProcessor({ remarkPlugins, rehypePlugins: [rehypeMath], smartypants: false });
    const { code } = await processor.render('能量 $E = mc^2$。', { fileURL: new URL('file:///notes/e.md') });
    expect(code).toBe('<p>能量 <!--katex:I:E%20%3D%20mc%5E2-->。</p>');
    const expanded = expandFormulas(code);
    expect(expanded).toContain('<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML" data-pagefind-ignore="all">');
    expect(expanded).toContain('<span hidden class="math-tex">E = mc²</span></span><span class="katex-html"');
  });
});
