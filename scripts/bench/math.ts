/**
 * What rendering the notes' formulas through rehype-katex costs against calling KaTeX directly (the
 * site's math step before it used rehype-katex). Both produce a hast tree per distinct formula, as
 * src/math/render.ts needs it.
 *
 * Usage: node scripts/bench/math.ts [content dir]   (default: content/)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import katex from 'katex';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mathFromMarkdown } from 'mdast-util-math';
import { math } from 'micromark-extension-math';
import rehypeKatex from 'rehype-katex';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';

const articles = path.join(process.argv[2] ?? 'content', 'articles');
const formulas = new Map<string, [string, boolean]>();
for (const file of readdirSync(articles).filter((name) => /\.mdx?$/.test(name))) {
  const tree = fromMarkdown(readFileSync(path.join(articles, file), 'utf8'), { extensions: [math()], mdastExtensions: [mathFromMarkdown()] });
  visit(tree, (node) => {
    if (node.type === 'math' || node.type === 'inlineMath') formulas.set((node.type === 'math' ? 'D' : 'I') + node.value, [node.value, node.type === 'math']);
  });
}
const list = [...formulas.values()];

const direct = (tex: string, displayMode: boolean): Root => fromHtml(katex.renderToString(tex, { displayMode, throwOnError: true, strict: false }), { fragment: true });
const processor = unified().use(rehypeKatex, { strict: false });
const throughRehypeKatex = (tex: string, displayMode: boolean): Root => {
  const code: Element = { type: 'element', tagName: 'code', properties: { className: [displayMode ? 'math-display' : 'math-inline'] }, children: [{ type: 'text', value: tex }] };
  return processor.runSync({ type: 'root', children: [code] }, new VFile()) as Root;
};

function timed(render: (tex: string, displayMode: boolean) => Root): number {
  const started = performance.now();
  for (const [tex, displayMode] of list) {
    try {
      render(tex, displayMode);
    } catch {
      // A formula KaTeX rejects fails its note's build; here it only costs its time.
    }
  }
  return performance.now() - started;
}

// Warm both up once, then alternate, five rounds each, and report medians.
timed(direct);
timed(throughRehypeKatex);
const rounds: Record<string, number[]> = { 'KaTeX directly': [], 'through rehype-katex': [] };
for (let round = 0; round < 5; round++) {
  rounds['KaTeX directly'].push(timed(direct));
  rounds['through rehype-katex'].push(timed(throughRehypeKatex));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`${list.length} distinct formulas`);
for (const [label, values] of Object.entries(rounds)) console.log(`  ${label.padEnd(22)} median ${median(values).toFixed(0)} ms (${(median(values) * 1000 / list.length).toFixed(0)} µs a formula)`);
