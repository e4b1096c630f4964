import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterBuild } from './after-build.ts';

/**
 * After the search index: writes sw.js into the build, the service worker that keeps visited pages and the
 * search index for offline reading (template: src/service-worker/sw.js). Its version is a hash of
 * everything built, so the file changes exactly when the site does, which is how browsers notice an
 * update (and the page offers to reload).
 * Writes `dist/sw.js` for the built site in `dist`; returns a line saying what it keeps.
 */
export function buildServiceWorker(dist: string): string {
  const built = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== 'sw.js')
    .sort();
  const hash = createHash('sha256');
  for (const file of built) hash.update(file).update('\0').update(readFileSync(path.join(dist, file)));
  const version = hash.digest('hex').slice(0, 16);

  // What a search needs (Pagefind's own UI bundles are not used by the site), and what pages load.
  const indexFiles = built.filter((file) => file.startsWith('pagefind/') && !/^pagefind\/pagefind-(component-|modular-)?ui\./.test(file));
  const bundles = built.filter((file) => file.startsWith('_astro/') || file === 'favicon.svg');
  if (!indexFiles.includes('pagefind/pagefind.js')) throw new Error(`${dist}/pagefind/pagefind.js is missing: list searchIndex() before serviceWorker() in astro.config.mjs`);

  const template = readFileSync(path.resolve(import.meta.dirname, '../service-worker/sw.js'), 'utf8');
  const worker = template
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace('__PAGE_FILES__;', `${JSON.stringify(bundles)};`)
    .replace('__INDEX_FILES__;', `${JSON.stringify(indexFiles)};`)
    .replace(/^\/\* global __PAGE_FILES__, __INDEX_FILES__ \*\/\n/m, '');
  if (/__VERSION__|__PAGE_FILES__|__INDEX_FILES__/.test(worker)) throw new Error('src/service-worker/sw.js lost a placeholder (__VERSION__, __PAGE_FILES__ or __INDEX_FILES__); restore it');
  writeFileSync(path.join(dist, 'sw.js'), worker);
  const kilobytes = (list: string[]) => Math.round(list.reduce((sum, file) => sum + readFileSync(path.join(dist, file)).length, 0) / 1024);
  return `version ${version}; kept at install for offline reading: ${bundles.length} scripts, styles and fonts (${kilobytes(bundles)} KB); kept when the connection allows: ${indexFiles.length} search index files (${kilobytes(indexFiles)} KB)`;
}

export const serviceWorker = () => afterBuild('service-worker', buildServiceWorker);
