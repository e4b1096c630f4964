/**
 * The Markdown pipeline of the site, in order. Astro runs these inside its unified processor for
 * `.md` and `.mdx` alike: remark plugins after GFM, rehype plugins after Shiki has highlighted code.
 * Tests run the same lists through the same processor.
 */
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import type { RehypePlugins, RemarkPlugins, ShikiConfig } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { sectionSharePages } from '../lib/site.ts';
import remarkBookmarks from './remark-bookmarks.ts';
import remarkCjkLineBreaks from './remark-cjk-line-breaks.ts';
import remarkCallouts from './remark-callouts.ts';
import rehypeCodeFigure from './rehype-code-figure.ts';
import rehypeExternalLinks from './rehype-external-links.ts';
import rehypeHeadingAnchors from './rehype-heading-anchors.ts';
import rehypeSectionIndex from './rehype-section-index.ts';
import rehypeScrollable from './rehype-scrollable.ts';
import rehypePlannedLinks from './rehype-planned-links.ts';
import rehypeMath from './rehype-math.ts';
import rehypeMathPunctuation from './rehype-math-punctuation.ts';
import remarkCodeLanguages from './remark-code-languages.ts';
import remarkHeadingIds from './remark-heading-ids.ts';
import remarkImages from './remark-images.ts';
import remarkBasePath from './remark-base-path.ts';
import remarkRawHtml from './remark-raw-html.ts';
import remarkSafeLinks from './remark-safe-links.ts';
import remarkTexDelimiters from './remark-tex-delimiters.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import remarkUnclosedBlocks from './remark-unclosed-blocks.ts';
import remarkUnpairedMarks from './remark-unpaired-marks.ts';
import type { Resolver } from './wikilinks.ts';
import remarkLinkRecords from './remark-link-records.ts';
import remarkGlossaryTerms from './remark-glossary-terms.ts';
import remarkTermHints, { type HintedTerm } from './remark-term-hints.ts';
import remarkMarkdownCopy from './markdown-copy.ts';
import { shikiCodeTitle } from './shiki-code-title.ts';

/**
 * What the plugins need to know of the other notes before rendering one: names to resolve wikilinks,
 * the planned notes and the glossary's terms (src/content/note-index.ts provides it; a function, so
 * `astro dev` sees a renamed note or an edited glossary on the next render).
 */
export type KnownNotes = () => { resolver: Resolver; planned: Map<string, string>; glossary: { terms: readonly HintedTerm[] } };

/** The ordered plugin lists, for astro.config and for tests that render through the real processor. */
export function markdownPlugins(known: KnownNotes): { remarkPlugins: RemarkPlugins; rehypePlugins: RehypePlugins } {
  return { remarkPlugins: remarkPluginsOf(known), rehypePlugins: rehypePluginsOf(known) };
}

const remarkPluginsOf = (known: KnownNotes): RemarkPlugins => [
  remarkTexDelimiters as never,
  remarkMath,
  // CommonMark's flanking rules leave `这是**粗体，**后文` unbolded: punctuation beside ** needs a space
  // after it, which Chinese never writes. This parser extension lets emphasis close and open there.
  remarkCjkFriendly,
  // Before anything reads code and math: a block that is never closed has swallowed the rest.
  remarkUnclosedBlocks,
  // So is a $, a backtick or [[ left without its partner; read before wikilinks split the text.
  remarkUnpairedMarks,
  remarkCodeLanguages,
  remarkSafeLinks,
  // After math, so `[[` inside formulas is TeX, not a link.
  [remarkWikilinks, { known }],
  // Right after wikilinks become links, and before addresses get the base path.
  remarkLinkRecords,
  // The note as Markdown for /<slug>.md, from the tree as written with its links resolved.
  [remarkMarkdownCopy, { known }],
  remarkImages,
  // After the link and image checks, which read addresses as written.
  remarkBasePath,
  remarkRawHtml,
  remarkHeadingIds,
  remarkCallouts,
  remarkBookmarks,
  // After callouts, which read their title up to the first line break.
  remarkCjkLineBreaks,
  // Near the end: reads the text as the reader gets it, Chinese lines joined and heading ids taken off.
  [remarkGlossaryTerms, { known }],
  // Last, after the terms are recorded from the text as written: marks the first place each is named.
  [remarkTermHints, { known }],
];

const rehypePluginsOf = (known: KnownNotes): RehypePlugins => [
  rehypeMath,
  // Right after the math step, on its placeholders: punctuation written against a formula stays on its line.
  rehypeMathPunctuation,
  rehypeScrollable,
  rehypeCodeFigure,
  [rehypePlannedLinks, { known }],
  rehypeExternalLinks,
  // Ids first, so anchors can point at them; Astro's own id pass later keeps ids that exist.
  rehypeHeadingIds,
  rehypeSectionIndex,
  [rehypeHeadingAnchors, { sharePages: sectionSharePages() }],
];

export const shikiConfig: ShikiConfig = {
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: 'light',
  transformers: [shikiCodeTitle],
};

/** The processor for astro.config. */
export function markdownProcessor(known: KnownNotes) {
  return unified({ ...markdownPlugins(known), smartypants: false });
}
