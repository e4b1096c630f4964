/**
 * The keys of pages for Astro's incremental build (`experimental.incrementalBuild`,
 * src/integrations/page-cache.ts): a route whose key and code are those of the last build is copied
 * from it instead of rendered. Astro compares the code the route imports; the key has to cover every
 * piece of data the route reads, or a reader gets a stale page.
 *
 * An article page shows its own note and a little of others, gathered here once for every page in
 * `getStaticPaths`: the page reads its data from these props alone, and its key is made from them.
 * The emitters read every note, so their key is that of the whole site's data.
 */
import { createHash } from 'node:crypto';
import type { Article, Topic } from './entries.ts';
import { historyUrlOf, updatedAt } from './entries.ts';
import type { Backlink, SiteModel } from './model.ts';
import { termsOfNote, type NoteTerm } from './glossary.ts';
import { textVersion } from '../content/note-text.ts';
import { sectionSharePages } from '../lib/site.ts';

export interface ArticlePageProps {
  article: Article;
  topic: Topic;
  /** Notes to read next. */
  related: Article[];
  /** The notes that link here, each with the sentences that link. */
  backlinks: Backlink[];
  /** Whether the text links to other notes (the page then loads the preview script). */
  linksOut: boolean;
  /** The glossary terms the text names. */
  terms: NoteTerm[];
}

export function articlePageProps(model: SiteModel, article: Article): ArticlePageProps {
  return {
    article,
    topic: model.topic(article.data.topic)!,
    related: model.related(article),
    backlinks: model.backlinksTo(article.id),
    linksOut: model.linksFrom(article.id).size > 0,
    terms: termsOfNote(model, article.id),
  };
}

/**
 * Makes the keys of one build's article pages. `site` is what every page shows alike and no import
 * carries: the topics (the search dialog lists them) and the digest of the site's code, which also
 * takes code outside the page's imports (the middleware that expands formulas) into account. A
 * note's own part is its text's version (a note rendered again because a linked note was renamed
 * has new text from the same file), its data, its recordings, its git date and history link; a
 * neighbour's part is its data, and for a backlink the sentences that link.
 */
export function articlePageKeys(model: SiteModel, codeDigest: string): (props: ArticlePageProps) => string {
  const site = siteKey(model, codeDigest);
  const dataOf = new Map<string, string>();
  const neighbour = (article: Article) => {
    let data = dataOf.get(article.id);
    if (data === undefined) dataOf.set(article.id, (data = JSON.stringify([article.id, article.data])));
    return data;
  };
  return ({ article, related, backlinks, linksOut, terms }) => {
    const hash = createHash('sha256').update(site).update(noteVersion(article));
    hash.update(JSON.stringify([linksOut, terms, model.recordings(article.id).hinted.map((id) => model.term(id)?.data ?? null)]));
    for (const other of related) hash.update('\0related\0').update(neighbour(other));
    for (const { article: other, contexts } of backlinks) hash.update('\0backlink\0').update(neighbour(other)).update(JSON.stringify(contexts));
    return hash.digest('hex');
  };
}

/**
 * The key of the emitters' routes (src/site/emitters.ts): every published note's version, the
 * topics, the glossary, the code and which sections get share pages. A change to any note runs them
 * all again, as the files they write are a few seconds' work at 1000 notes.
 */
export function emittersKey(model: SiteModel, codeDigest: string): string {
  const hash = createHash('sha256').update(siteKey(model, codeDigest)).update(sectionSharePages());
  hash.update(JSON.stringify(model.glossary.map((entry) => [entry.id, entry.data])));
  for (const article of model.articles) hash.update('\0').update(noteVersion(article));
  return hash.digest('hex');
}

/** What every page shows alike: the topics, and the code. */
const siteKey = (model: SiteModel, codeDigest: string) => JSON.stringify([codeDigest, model.topics.map((topic) => [topic.id, topic.data])]);

/** A note as its own page shows it. */
const noteVersion = (article: Article) => JSON.stringify([
  article.id,
  article.filePath,
  textVersion(article),
  article.data,
  article.rendered?.metadata ?? null,
  updatedAt(article).toISOString(),
  historyUrlOf(article) ?? null,
]);
