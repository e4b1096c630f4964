import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { siteCodeDigest } from '../lib/build-cache.ts';

/**
 * Pages kept from the last build: Astro's incremental build (`experimental.incrementalBuild`, 7.2+)
 * copies a page from its cache (`<cacheDir>/dist/`) instead of rendering it when the page's
 * `cacheKey` from `getStaticPaths` and the code it imports are those of the last build. The article
 * pages and the emitters' routes give a key (src/site/page-keys.ts): in a warm 10,000-note build they
 * were 99 s of rendering for pages that had not changed.
 *
 * Astro hashes the modules a page imports, not the rest of the code that shapes its HTML (the
 * middleware that expands formulas, the integrations). So the digest of the site's code goes into
 * the pages' keys, and into `vite.define`, which Astro's cache also compares: any change to the
 * code renders every page again.
 */
export function pageCache(): AstroIntegration {
  return {
    name: 'page-cache',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        // The shell sets `_` to the command it ran (/usr/bin/npx, npm, node). Astro writes the
        // variables a module's text names into every module that reads a bare `import.meta.env`,
        // and a one-letter name is in every text: its own actions runtime, imported by every page,
        // then differed between `npx astro build` and `npm run build`, and Astro rendered every
        // page again. Nothing in the site reads it.
        delete process.env._;
        const digest = siteCodeDigest(fileURLToPath(config.root));
        updateConfig({
          experimental: { incrementalBuild: true },
          vite: { define: { 'import.meta.env.SITE_CODE_DIGEST': JSON.stringify(digest) } },
        });
      },
    },
  };
}
