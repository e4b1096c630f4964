// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { markdownProcessor, shikiConfig } from './src/markdown/index.ts';
import { pagesOnly, siteUrl } from './src/lib/site.ts';
import { basePath } from './src/lib/base.ts';
import { buildCacheDir } from './src/lib/build-cache.ts';
import { sitemapFacts, sitemapOptions } from './src/site/sitemap.ts';
import { contentDir, noteIndex } from './src/content/note-index.ts';
import { readRecords } from './src/content/records.ts';
import { katexFonts } from './src/integrations/katex-fonts.ts';
import { openGraphImages } from './src/integrations/og-images.ts';
import { emittedFiles } from './src/integrations/emitted-files.ts';
import { linkCheck } from './src/integrations/link-check.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { completenessCheck } from './src/integrations/completeness-check.ts';
import { builtPages } from './src/integrations/built-pages.ts';
import { pageCache } from './src/integrations/page-cache.ts';
import { oldOutput } from './src/integrations/old-output.ts';

// A build for tests about pages alone (src/lib/site.ts): no preview images, search index or offline worker.
const onlyPages = pagesOnly();
if (onlyPages) console.warn('PAGES_ONLY=1: building pages without preview images, search index or offline worker; not a site to publish.');
// The written pages, read once for the steps after the build that check, index and keep them.
const pages = builtPages();
// The last build's output, moved aside when this build starts and deleted while it runs.
const lastOutput = oldOutput();

export default defineConfig({
  site: siteUrl(),
  // Served under a sub-path (e.g. BASE_PATH=/ml-notes/ for a GitHub project page); `/` by default.
  base: basePath(process.env.BASE_PATH),
  trailingSlash: 'always',
  // Pages render one at a time by default, and the build then waits idle on each file write.
  build: { concurrency: 4, inlineStylesheets: 'always' },
  // Tests and the benchmark build other content folders side by side without sharing output or cache.
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: buildCacheDir(),
  // HTML-aware whitespace collapsing: the 'jsx' default deletes the spaces between inline elements
  // written on separate lines, which glues tags, metadata and mixed Chinese/English text together.
  compressHTML: true,
  markdown: {
    // Wikilinks resolve against the notes' names, read from their frontmatter before any note renders.
    processor: markdownProcessor(() => noteIndex(contentDir())),
    shikiConfig,
  },
  // `astro build` alone builds the whole site. Their build:done steps run in this order: the last
  // output's pages pruned, files written (sitemap, preview images, the emitters' files), the written
  // pages read once, then checked, indexed, kept offline and counted, and the old output's deletion awaited.
  integrations: [
    mdx(),
    lastOutput,
    pageCache(),
    sitemap(sitemapOptions(() => sitemapFacts(readRecords(buildCacheDir()).articles))),
    ...(onlyPages ? [] : [openGraphImages()]),
    emittedFiles(),
    pages,
    katexFonts(pages),
    linkCheck(pages, { previewImages: !onlyPages }),
    ...(onlyPages ? [] : [searchIndex(pages), serviceWorker(pages)]),
    completenessCheck(pages, { searchIndex: !onlyPages }),
    lastOutput.deleted,
  ],
  // A Content-Security-Policy <meta> on every page: scripts only from the site and by hash (Astro
  // hashes its bundled scripts, BaseLayout its one inline script), never inline or eval. Pagefind
  // runs its WebAssembly on the page (`noWorker` in src/client/site-search.ts: its worker was slower
  // to first results), which needs 'wasm-unsafe-eval' (it allows compiling WebAssembly, not eval). Shiki and KaTeX
  // position text with style attributes, so style attributes are allowed; style elements go by hash.
  // Headers a meta tag cannot carry (frame-ancestors) are in public/_headers.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  // Writes .astro/collections/collections.json beside the frontmatter schemas, so editors with the
  // Astro extension check and complete frontmatter in content/articles (see .vscode/settings.json).
  experimental: { contentIntellisense: true },
});
