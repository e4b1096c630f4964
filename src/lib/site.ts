/** Name shown in the header, titles and link previews. */
export const siteName = '模型笔记';
export const siteDescription = '机器学习模型与技术的中文笔记：大语言模型、多模态、生成模型、训练推理工程、计算机视觉与传统机器学习，公式与代码齐全。';

/**
 * The absolute origin the site is served from, for canonical and preview URLs; set SITE_URL when
 * deploying. Without it, Netlify's and Cloudflare Pages' own address of the deploy, so their
 * recipes work as shipped (a sub-path goes in BASE_PATH, not here).
 */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.SITE_URL || (env.NETLIFY === 'true' && env.URL) || (env.CF_PAGES === '1' && env.CF_PAGES_URL) || 'http://localhost:4321';
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/**
 * `PAGES_ONLY=1` builds the pages and checks them (links, completeness) but draws no Open Graph
 * images and writes no search index or offline worker (the worker keeps the index). Only for tests
 * about the pages themselves: tests/e2e/page-size.test.ts builds 3000 notes with it, where those
 * outputs would add a minute or two. Never for a site to publish: it has no search and no previews.
 */
export function pagesOnly(env: Record<string, string | undefined> = process.env): boolean {
  return env.PAGES_ONLY === '1';
}

/**
 * Which sections get a share page (`/<slug>/s/<id>/`, whose chat preview shows the section):
 * `every` section by default; with `SECTION_PAGES=fixed` only those whose id the author fixed
 * (`## 标题 {#id}`), for a site whose page per section would pass a host's file limit (at 15
 * sections a note, 10,000 notes make 150,000 of them; docs/deploying.md). A section without one is
 * shared as the article's address with `#id`, which previews as the article.
 */
export function sectionSharePages(env: Record<string, string | undefined> = process.env): 'every' | 'fixed' {
  const value = env.SECTION_PAGES || 'every';
  if (value !== 'every' && value !== 'fixed') throw new Error(`SECTION_PAGES=${value}: use "every" (a share page for every section, the default) or "fixed" (only for sections with a fixed {#id})`);
  return value;
}

/**
 * The largest file the site may publish: Cloudflare Pages serves no file above 25 MiB, the strictest
 * per-file limit of the common static hosts (docs/deploying.md). llms-full.txt is split below it, and
 * the completeness check fails the build on any file above it.
 */
export const hostFileLimit = 25 * 1024 * 1024;

/** The most files one folder of the site may hold: Netlify fails a deploy with a folder of more than 54,000. */
export const hostFolderLimit = 54_000;
