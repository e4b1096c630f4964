import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { expandFormulas } from '../../src/math/index.ts';
import { noteIndex } from '../../src/content/note-index.ts';
import { markdownPlugins, shikiConfig } from '../../src/markdown/index.ts';

/** The site's plugin lists, resolving wikilinks against CONTENT_DIR (or ./content), as astro.config does. */
export const { remarkPlugins, rehypePlugins } = markdownPlugins(() => noteIndex());

let processor: Promise<MarkdownRenderer> | undefined;

/**
 * A note's HTML as a reader gets it: through the processor Astro builds for `.md` files with the
 * site's plugin lists, then with its formulas expanded, as pages are on output. `frontmatter` is
 * what the note's would be (`{ termHints: false }` leaves glossary terms unmarked).
 */
export async function renderNote(markdown: string, file = '/notes/test.md', frontmatter: Record<string, unknown> = {}): Promise<string> {
  return expandFormulas((await renderMarkdown(markdown, file, frontmatter)).code);
}

/** The processor's own result: HTML with formula placeholders, and the metadata the plugins recorded. */
export async function renderMarkdown(markdown: string, file = '/notes/test.md', frontmatter: Record<string, unknown> = {}) {
  processor ??= createMarkdownProcessor({ remarkPlugins, rehypePlugins, shikiConfig, smartypants: false });
  return (await processor).render(markdown, { fileURL: new URL(`file://${file}`), frontmatter });
}
