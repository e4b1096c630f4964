import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { expandFormulas } from '../../src/markdown/katex-formulas.ts';
import { rehypePlugins, remarkPlugins, shikiConfig } from '../../src/markdown/index.ts';

let processor: Promise<MarkdownRenderer> | undefined;

/**
 * A note's HTML as a reader gets it: through the processor Astro builds for `.md` files with the
 * site's plugin lists, then with its formulas expanded, as pages are on output.
 */
export async function renderNote(markdown: string, file = '/notes/test.md'): Promise<string> {
  processor ??= createMarkdownProcessor({ remarkPlugins, rehypePlugins, shikiConfig, smartypants: false });
  return expandFormulas((await (await processor).render(markdown, { fileURL: new URL(`file://${file}`) })).code);
}
