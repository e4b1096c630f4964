import type { Nodes, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { parseArticleUrl } from '../lib/urls.ts';
import type { WikilinkData } from './wikilinks.ts';
import { fileLine } from './file-lines.ts';
import { record, type LinkContext, type OutgoingLink } from './recordings.ts';

const blockTypes = new Set(['paragraph', 'heading', 'tableCell', 'tableRow', 'listItem', 'blockquote', 'root']);

/**
 * Plain text of a block, with inline math as TeX between dollars (a dollar the author wrote as text
 * becomes `\$`), where `target` sits in it, and where each formula starts and ends.
 */
function blockText(block: Nodes, target: Nodes): { text: string; start: number; end: number; formulas: Array<[number, number]> } {
  let text = '';
  let start = -1;
  let end = -1;
  const formulas: Array<[number, number]> = [];
  const walk = (node: Nodes) => {
    if (node === target) start = text.length;
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value.replace(/\$/g, '\\$');
    else if (node.type === 'inlineMath') {
      formulas.push([text.length, text.length + node.value.length + 2]);
      text += `$${node.value}$`;
    } else if (node.type === 'break') text += ' ';
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
    if (node === target) end = text.length;
  };
  walk(block);
  return { text, start, end, formulas };
}

const sentenceEnd = /[。！？!?；;\n]/;
const maxContext = 80;

/**
 * The sentence around a link: back to the previous sentence end, on to the next, trimmed if long.
 * A formula is never cut, and a `;` or `!` inside one (`g(a;b)`, `n!`) ends no sentence.
 */
export function sentenceAround(text: string, start: number, end: number, formulas: Array<[number, number]> = []): LinkContext {
  const formulaAt = (position: number) => formulas.find(([open, close]) => open < position && position < close);
  const endsSentence = (position: number) => sentenceEnd.test(text[position]) && !formulaAt(position + 0.5);
  let from = start;
  while (from > 0 && !endsSentence(from - 1)) from--;
  let to = end;
  while (to < text.length && !endsSentence(to)) to++;
  if (to < text.length && text[to] !== '\n') to++;
  let before = text.slice(from, start).trimStart();
  let after = text.slice(end, to).trimEnd();
  if (before.length > maxContext) {
    // Cut before a formula that the limit falls inside, so none is left without its opening dollar.
    const cut = start - maxContext;
    before = '…' + text.slice(formulaAt(cut)?.[1] ?? cut, start);
  }
  if (after.length > maxContext) {
    const cut = end + maxContext;
    after = text.slice(end, formulaAt(cut)?.[0] ?? cut) + '…';
  }
  return { before, text: text.slice(start, end), after };
}

/**
 * Records the note's links to other notes, each with its line and the sentence around it: the data
 * backlinks and the map are built from (src/site/model.ts). Runs after wikilinks are links and
 * before addresses get the base path, so it reads links as the author wrote them.
 */
export default function remarkLinkRecords() {
  return (tree: Root, file: VFile) => {
    const links: OutgoingLink[] = [];
    visitParents(tree, 'link', (node, ancestors) => {
      const href = (node.data as WikilinkData | undefined)?.wikilink ?? parseArticleUrl(node.url, '/');
      if (!href) return;
      const block = [...ancestors].reverse().find((ancestor) => blockTypes.has(ancestor.type)) as Nodes;
      const { text, start, end, formulas } = blockText(block, node);
      const line = fileLine(file, node.position?.start.line);
      links.push({ slug: href.slug, id: href.id, line: line === '?' ? undefined : line, context: sentenceAround(text, start, end, formulas) });
    });
    record(file, 'links', links);
  };
}
