// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { markdownProcessor, shikiConfig } from './src/markdown/index.ts';
import { siteUrl } from './src/lib/site.ts';
import { buildCacheDir } from './src/lib/build-cache.ts';
import { sitemapOptions } from './src/lib/sitemap.ts';

export default defineConfig({
  site: siteUrl(),
  trailingSlash: 'always',
  // Tests and the benchmark build other content folders side by side without sharing output or cache.
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: buildCacheDir(),
  // HTML-aware whitespace collapsing: the 'jsx' default deletes the spaces between inline elements
  // written on separate lines, which glues tags, metadata and mixed Chinese/English text together.
  compressHTML: true,
  markdown: {
    processor: markdownProcessor(),
    shikiConfig,
  },
  integrations: [mdx(), sitemap(sitemapOptions())],
  // Writes .astro/collections/collections.json beside the frontmatter schemas, so editors with the
  // Astro extension check and complete frontmatter in content/articles (see .vscode/settings.json).
  experimental: { contentIntellisense: true },
});
