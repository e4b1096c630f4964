import * as pagefind from 'pagefind';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterBuild } from './after-build.ts';

/**
 * Builds the Pagefind index over the built pages, once they and the section pages are written. Only
 * article pages carry `data-pagefind-body`, so only they are indexed.
 * Indexes the built site in `dist` into `dist/pagefind/`; returns a line saying how many pages.
 */
export async function buildSearchIndex(dist: string): Promise<string> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: dist });
  if (added.errors.length) throw new Error(`Pagefind failed to index ${dist}: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(dist, 'pagefind') });
  if (written.errors.length) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
  await pagefind.close();

  // Whether every published article is in it, and nothing else, is the completeness check's job.
  const entry = JSON.parse(await readFile(path.join(dist, 'pagefind', 'pagefind-entry.json'), 'utf8'));
  const indexed = Object.values(entry.languages as Record<string, { page_count: number }>).reduce((sum, language) => sum + language.page_count, 0);
  return `${indexed} articles indexed into pagefind/`;
}

export const searchIndex = () => afterBuild('search-index', buildSearchIndex);
