/**
 * How long the related notes of every article page take (src/site/article-lists.ts), on the
 * synthetic notes' frontmatter and links (scripts/bench/corpus.ts: topic, tags, `related`, and the
 * links to notes i+1 and i+7) at 1000, 3000 and 10,000 notes: the total for all pages and per page.
 * Given another version of the module, measures it too and checks that both list the same notes:
 *
 *   git show <commit>:src/site/article-lists.ts > /tmp/old-article-lists.ts
 *   node scripts/bench/related.ts [/tmp/old-article-lists.ts]
 */
import { pathToFileURL } from 'node:url';
import { syntheticNote } from './corpus.ts';
import * as current from '../../src/site/article-lists.ts';

type Lists = typeof current;
interface Note { id: string; data: { title: string; topic: string; tags: string[]; related: string[] } }

function notes(count: number): { all: Note[]; linksOf: (slug: string) => ReadonlySet<string> } {
  const all: Note[] = [];
  for (let i = 0; i < count; i++) {
    const text = syntheticNote(i, count, { math: false, highlight: false });
    const field = (name: string) => text.match(new RegExp(`^${name}: (.*)$`, 'm'))![1];
    const list = (name: string) => field(name).replace(/^\[|\]$/g, '').split(', ');
    all.push({ id: `note-${i}`, data: { title: field('title'), topic: field('topic'), tags: list('tags'), related: list('related') } });
  }
  const links = new Map(all.map((_, i) => [`note-${i}`, new Set([`note-${(i + 1) % count}`, `note-${(i + 7) % count}`])]));
  return { all: all.sort(current.byTitle), linksOf: (slug) => links.get(slug) ?? new Set() };
}

function time(lists: Lists, { all, linksOf }: ReturnType<typeof notes>) {
  const index = lists.relatedIndex(all, linksOf);
  const start = performance.now();
  const related = all.map((article) => lists.relatedArticles(article, index).map((entry) => entry.id).join(' '));
  return { ms: performance.now() - start, related };
}

const other = process.argv[2] ? (await import(pathToFileURL(process.argv[2]).href)) as Lists : undefined;
// Once untimed, so that neither module is timed while the JIT warms up.
const warmUp = notes(1000);
time(current, warmUp);
if (other) time(other, warmUp);
for (const count of [1000, 3000, 10_000]) {
  const corpus = notes(count);
  const now = time(current, corpus);
  let line = `${String(count).padStart(6)} notes: ${(now.ms / 1000).toFixed(2)} s for every page, ${(now.ms / count).toFixed(3)} ms a page`;
  if (other) {
    const before = time(other, corpus);
    const same = before.related.every((ids, i) => ids === now.related[i]);
    line += `; given module ${(before.ms / 1000).toFixed(2)} s, ${(before.ms / count).toFixed(3)} ms a page; ${same ? 'the same lists' : 'DIFFERENT LISTS'}`;
  }
  console.log(line);
}
