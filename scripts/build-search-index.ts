/**
 * Builds the Pagefind index over dist/ after `astro build`. The Node API (rather than the CLI) lets
 * the build check the count: every published article must be in the index, or the build fails.
 */
import * as pagefind from 'pagefind';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { reservedSlugs } from '../src/lib/routes.ts';

const dist = path.resolve(process.argv[2] ?? 'dist');

const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: dist });
if (added.errors.length) throw new Error(`Pagefind failed to index ${dist}: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: path.join(dist, 'pagefind') });
if (written.errors.length) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
await pagefind.close();

// Every article page carries data-pagefind-body; pages without it are not indexed by design.
const articlePages = (await readdir(dist, { withFileTypes: true, recursive: true }))
  .filter((entry) => entry.name === 'index.html')
  .map((entry) => path.relative(dist, entry.parentPath))
  .filter((dir) => dir !== '' && !dir.includes(path.sep) && !reservedSlugs.has(dir));
const entry = JSON.parse(await readFile(path.join(dist, 'pagefind', 'pagefind-entry.json'), 'utf8'));
const indexed = Object.values(entry.languages as Record<string, { page_count: number }>).reduce((sum, language) => sum + language.page_count, 0);
if (indexed !== articlePages.length) {
  throw new Error(`Search index holds ${indexed} pages but dist/ has ${articlePages.length} article pages; a page lost its data-pagefind-body or gained one it should not have.`);
}
console.log(`search index: ${indexed} articles indexed into ${path.relative(process.cwd(), path.join(dist, 'pagefind'))}`);
