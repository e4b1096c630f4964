import type { Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { articleUrl, termsUrl } from '../lib/urls.ts';
import type { KnownNotes } from './index.ts';
import { noteSlug } from './remark-wikilinks.ts';
import { termsIn, type KnownTerm } from './remark-glossary-terms.ts';
import { record } from './recordings.ts';

/** A glossary term with what its hint shows: names in both languages, the definition and where it is explained. */
export interface HintedTerm extends KnownTerm {
  zh: readonly string[];
  en: readonly string[];
  definition: string;
  note: { slug: string; id?: string };
}

/**
 * Places where a name is not marked: a heading is a title, not prose; a link already leads
 * somewhere (a link in a link is not HTML); a callout's title is a heading too. Code and formulas
 * are not text nodes, so they are never searched.
 */
function unmarkable(ancestor: Nodes): boolean {
  if (ancestor.type === 'heading' || ancestor.type === 'link' || ancestor.type === 'linkReference') return true;
  const className = (ancestor.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className;
  return Array.isArray(className) && className.includes('callout-title');
}

/**
 * Marks the first place a note names each glossary term, outside headings, links and callout
 * titles, as a link to the term on /terms/ that carries its names, definition and the note that
 * explains it in data attributes: the popover (src/client/hover-preview.ts) shows them without a
 * request, and without the script the link still leads to the definition. The link's text is the
 * note's own text, so search indexes the same words. An author switches the marks off for a note
 * with `termHints: false` (src/content/schema.ts). Runs after link records, so these links are not
 * backlinks, and after the base path is added, so it writes addresses with the base itself.
 * Records the ids it marked, so that only pages with marks load the popover's script.
 */
export default function remarkTermHints({ known }: { known: KnownNotes }) {
  return (tree: Root, file: VFile) => {
    const frontmatter = (file.data.astro as { frontmatter?: Record<string, unknown> } | undefined)?.frontmatter;
    const { glossary, resolver } = known();
    const terms = glossary.terms;
    if (frontmatter?.termHints === false || terms.length === 0) {
      record(file, 'hinted', []);
      return;
    }
    const here = noteSlug(file.path);
    const byId = new Map(terms.map((term) => [term.id, term]));
    const hinted = new Set<string>();
    const splits: Array<{ parent: Parent; node: Text; parts: PhrasingContent[] }> = [];
    const references = referenceSections(tree);
    visitParents(tree, 'text', (node, ancestors) => {
      if (ancestors.some(unmarkable) || references.has(ancestors[1])) return;
      const parts: PhrasingContent[] = [];
      let from = 0;
      for (const { id, start, end } of termsIn(node.value, terms)) {
        if (hinted.has(id)) continue;
        hinted.add(id);
        if (start > from) parts.push({ type: 'text', value: node.value.slice(from, start) });
        parts.push(termLink(byId.get(id)!, node.value.slice(start, end), here, (slug, id) => {
          const target = resolver.resolve(slug, id);
          return target.kind === 'article' ? [target.title, target.headingText].filter(Boolean).join(' › ') : slug;
        }));
        from = end;
      }
      if (parts.length === 0) return;
      if (from < node.value.length) parts.push({ type: 'text', value: node.value.slice(from) });
      splits.push({ parent: ancestors.at(-1) as Parent, node, parts });
    });
    for (const { parent, node, parts } of splits) parent.children.splice(parent.children.indexOf(node as never), 1, ...(parts as never[]));
    record(file, 'hinted', [...hinted]);
  };
}

/** A heading that opens a note's list of papers and links: `## 参考` in every note. */
const referencesHeading = /^(参考|参考文献|参考资料|延伸阅读|references?)$/i;

/**
 * The top-level blocks of the reference sections: titles of papers there are English text in which
 * a name (`Regularization`, `Object Detection`) is a word of a title, not a term the note uses.
 */
function referenceSections(tree: Root): Set<Nodes> {
  const inside = new Set<Nodes>();
  let depth = 0;
  for (const block of tree.children) {
    if (block.type === 'heading') {
      if (depth > 0 && block.depth <= depth) depth = 0;
      if (depth === 0 && referencesHeading.test(toString(block).trim())) depth = block.depth;
      continue;
    }
    if (depth > 0) inside.add(block);
  }
  return inside;
}

/** The marked name: a link to the term's entry with what the popover shows. */
function termLink(term: HintedTerm, text: string, here: string | undefined, titleOf: (slug: string, id?: string) => string): Link {
  // A term this very note explains as a whole has nowhere else to send the reader.
  const elsewhere = term.note.slug !== here || term.note.id !== undefined;
  return {
    type: 'link',
    url: termsUrl(term.id),
    children: [{ type: 'text', value: text }],
    data: {
      hProperties: {
        // Not `term`: /terms/ styles its entries with that class.
        className: ['term-hint'],
        dataTermZh: term.zh.join('、'),
        dataTermEn: term.en.join(' · '),
        dataTermDefinition: term.definition,
        ...(elsewhere ? { dataTermNote: articleUrl(term.note.slug, term.note.id), dataTermNoteTitle: titleOf(term.note.slug, term.note.id) } : {}),
      },
    },
  };
}
