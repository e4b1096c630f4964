import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import rehypeMath from '../markdown/rehype-math.ts';
import remarkHeadingIds from '../markdown/remark-heading-ids.ts';
import remarkTexDelimiters from '../markdown/remark-tex-delimiters.ts';

/** Markdown as the site reads it (GFM, both TeX delimiter styles, math), to an mdast tree. */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkTexDelimiters as never).use(remarkMath).use(remarkHeadingIds);
// The steps of src/markdown/index.ts that decide a heading's id: an explicit {#id}, and the text
// Astro slugs, in which a formula is a placeholder (a unit test renders headings both ways and
// compares the ids).
const headingIds = unified().use(remarkRehype).use(rehypeMath).use(rehypeHeadingIds);

function parseBody(body: string): Root {
  return parser.runSync(parser.parse(body), new VFile(body)) as Root;
}

/**
 * The headings of a note body with the ids its rendered page gives them. Only a wikilink to a heading
 * of another note (`[[note#标题]]`) needs them before that note renders, so they are read for such
 * targets alone, when first asked for (note-index.ts); everything else about a note's headings comes
 * from its one render.
 */
export function headingsOfBody(body: string, file: string): Array<{ id: string; text: string }> {
  const tree = parseBody(body);
  const headings: Heading[] = [];
  visit(tree, 'heading', (node) => {
    headings.push(node);
  });
  if (headings.length === 0) return [];
  const hast = headingIds.runSync({ type: 'root', children: structuredClone(headings) } as never, new VFile({ path: file }));
  const ids = (hast as unknown as { children: Array<{ type: string; properties?: { id?: string } }> }).children
    .filter((child) => child.type === 'element')
    .map((child) => String(child.properties?.id ?? ''));
  return headings.map((heading, index) => ({ id: ids[index], text: toString(heading) }));
}

/**
 * The formulas of a note body, TeX and whether displayed. An MDX note renders while Vite bundles the
 * pages, after KaTeX's fonts are cut, so its formulas are read here instead of recorded by rehype-math.
 */
export function formulasOfBody(body: string): Array<[tex: string, display: boolean]> {
  const formulas = new Map<string, [string, boolean]>();
  visit(parseBody(body), (node) => {
    // ```math fences render as display formulas, as $$ blocks do (rehype-math.ts).
    const tex = node.type === 'math' || node.type === 'inlineMath' || (node.type === 'code' && node.lang === 'math') ? node.value : undefined;
    if (tex === undefined) return;
    const display = node.type !== 'inlineMath';
    formulas.set((display ? 'D' : 'I') + tex, [tex, display]);
  });
  return [...formulas.values()];
}
