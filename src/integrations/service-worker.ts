import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterBuild } from './after-build.ts';
import type { BuiltPages } from './built-pages.ts';
import { visitedPagesExpiration } from '../service-worker/limits.js';
import { previewImagePath, searchNamesPath, searchScriptPath } from '../lib/urls.ts';

const workerSource = path.resolve(import.meta.dirname, '../service-worker/sw.js');

/**
 * After the search index: writes sw.js into the build, the Workbox service worker that keeps visited pages
 * and the search index for offline reading (source: src/service-worker/sw.js). esbuild bundles it with
 * Workbox into one classic script, with the build's version and search index files; workbox-build's
 * injectManifest then adds the bundles to precache, each with its revision. The version is a hash of
 * everything built, so the file changes exactly when the site does, which is how browsers notice an
 * update (and the page offers to reload).
 * Writes `dist/sw.js` for the built site in `dist`; returns a line saying what it keeps. `digests`
 * gives the hash of files already read (the pages, by their path in dist/ with `/`), which are not
 * read again: 168 of the 228 MB at 1000 notes.
 */
export async function buildServiceWorker(dist: string, digests: ReadonlyMap<string, string> = new Map()): Promise<string> {
  const built = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== 'sw.js')
    .sort();
  const hash = createHash('sha256');
  // Not the preview images: chats fetch them, no page loads them and the worker never keeps them, and
  // the text a card shows is on its page. They were most of what this read (52 of 61 MB at 1000 notes).
  const previewImages = `${path.posix.dirname(previewImagePath('home'))}/`;
  for (const file of built) {
    if (!file.startsWith(previewImages)) hash.update(file).update('\0').update(digests.get(file) ?? readFileSync(path.join(dist, file)));
  }
  const version = hash.digest('hex').slice(0, 16);

  // What a search needs: Pagefind's index (not its UI bundles, which the site does not use) and the names file.
  const indexFiles = built.filter((file) => (file.startsWith('pagefind/') && !/^pagefind\/pagefind-(component-|modular-)?ui\./.test(file)) || file === searchNamesPath());
  if (!indexFiles.includes(searchScriptPath())) throw new Error(`${dist}/${searchScriptPath()} is missing: list searchIndex() before serviceWorker() in astro.config.mjs`);

  const worker = path.join(dist, 'sw.js');
  await build({
    entryPoints: [workerSource],
    outfile: worker,
    bundle: true,
    format: 'iife',
    // Workbox's development logging and checks are left out of a production build.
    define: { __VERSION__: JSON.stringify(version), __SEARCH_INDEX_FILES__: JSON.stringify(indexFiles), 'process.env.NODE_ENV': '"production"' },
    // Minified: 114 KB of Workbox source becomes 33 KB (10 KB gzipped), which every reader downloads once per version.
    minify: true,
    logLevel: 'silent',
  });
  // workbox-build's entry module also loads generateSW's bundler (Rollup, Babel): 0.7–0.95 s to import,
  // against 0.12 s for injectManifest's own module.
  const { injectManifest } = await import('workbox-build/build/inject-manifest.js');
  const precached = await injectManifest({
    swSrc: worker,
    swDest: worker,
    globDirectory: dist,
    // What pages load: scripts, styles and fonts, and the favicon.
    globPatterns: ['_astro/**/*', 'favicon.svg'],
    // A bundle's name carries a hash of its content, which is revision enough; the favicon gets one.
    dontCacheBustURLsMatching: /^_astro\//,
  });
  // A file Workbox leaves out (larger than it precaches) would be missing offline without a word.
  if (precached.warnings.length) throw new Error(`service worker: ${precached.warnings.join('; ')}`);

  const kilobytes = (bytes: number) => Math.round(bytes / 1024);
  const indexBytes = indexFiles.reduce((sum, file) => sum + readFileSync(path.join(dist, file)).length, 0);
  return `version ${version}; kept at install for offline reading: ${precached.count} scripts, styles and fonts (${kilobytes(precached.size)} KB); kept when the connection allows: ${indexFiles.length} search index files (${kilobytes(indexBytes)} KB); pages read: the latest ${visitedPagesExpiration.maxEntries}`;
}

export const serviceWorker = (pages: BuiltPages) => afterBuild('service-worker', async (dist) => buildServiceWorker(dist, new Map((await pages.of(dist)).map(({ file, digest }) => [file.split(path.sep).join('/'), digest]))));
