/**
 * The Markdown pipeline of the site, in order. Astro runs these inside its unified processor for
 * `.md` and `.mdx` alike: remark plugins after GFM, rehype plugins after Shiki has highlighted code.
 * Tests run the same lists through the same processor.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import type { RehypePlugins, RemarkPlugins, ShikiConfig } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import remarkCjkFriendly from 'remark-cjk-friendly';
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
import remarkCodeLanguages from './remark-code-languages.ts';
import remarkHeadingIds from './remark-heading-ids.ts';
import remarkImages from './remark-images.ts';
import remarkBasePath from './remark-base-path.ts';
import remarkRawHtml from './remark-raw-html.ts';
import remarkSafeLinks from './remark-safe-links.ts';
import remarkTexDelimiters from './remark-tex-delimiters.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import { linkGraph, linkTargetsDigest } from '../lib/link-graph.ts';
import { shikiCodeTitle } from './shiki-code-title.ts';

export const remarkPlugins: RemarkPlugins = [
  remarkTexDelimiters as never,
  remarkMath,
  // CommonMark's flanking rules leave `这是**粗体，**后文` unbolded: punctuation beside ** needs a space
  // after it, which Chinese never writes. This parser extension lets emphasis close and open there.
  remarkCjkFriendly,
  remarkCodeLanguages,
  remarkSafeLinks,
  // After math, so `[[` inside formulas is TeX, not a link.
  remarkWikilinks,
  remarkImages,
  // After the link and image checks, which read addresses as written.
  remarkBasePath,
  remarkRawHtml,
  remarkHeadingIds,
  remarkCallouts,
  remarkBookmarks,
  // After callouts, which read their title up to the first line break.
  remarkCjkLineBreaks,
];

export const rehypePlugins: RehypePlugins = [
  rehypeMath,
  rehypeScrollable,
  rehypeCodeFigure,
  rehypePlannedLinks,
  rehypeExternalLinks,
  // Ids first, so anchors can point at them; Astro's own id pass later keeps ids that exist.
  rehypeHeadingIds,
  rehypeSectionIndex,
  rehypeHeadingAnchors,
];

export const shikiConfig: ShikiConfig = {
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: 'light',
  transformers: [shikiCodeTitle],
};

/**
 * The processor for astro.config. Astro keeps rendered notes in its content cache until its config
 * changes, and it cannot see inside plugin functions; carrying a digest of this folder's sources in
 * the config makes an edited plugin re-render every note instead of serving stale HTML.
 */
export function markdownProcessor() {
  const folder = new URL('.', import.meta.url);
  const digest = createHash('sha256');
  for (const file of readdirSync(folder).sort()) digest.update(file).update(readFileSync(new URL(file, folder)));
  // Wikilinks render from the parser and from other notes' titles and headings.
  for (const file of ['wikilinks.ts', 'link-graph.ts']) digest.update(readFileSync(new URL(`../lib/${file}`, folder)));
  digest.update(linkTargetsDigest(linkGraph()));
  const processor = unified({ remarkPlugins, rehypePlugins, smartypants: false });
  // Astro rebuilds the processor from its name and options, so the digest has to travel in the options.
  Object.assign(processor.options, { sourceDigest: digest.digest('hex').slice(0, 16) });
  return processor;
}
