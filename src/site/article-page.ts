/**
 * What an article page shows besides its own note, gathered once for every page in
 * `getStaticPaths`, and the key of all of it for Astro's incremental build
 * (`experimental.incrementalBuild`): a page whose key and code are those of the last build is copied
 * from it instead of rendered. Astro compares the code the page imports and the KaTeX stylesheet;
 * the key has to cover every piece of data the page reads, or a reader gets a stale page. So the page
 * reads its data from these props alone, and the key is made from the same props.
 */
import { createHash } from 'node:crypto';
import type { Article, Topic } from './entries.ts';
import { historyUrlOf, updatedAt } from './entries.ts';
import type { Backlink, SiteModel } from './model.ts';
import { termsOfNote, type NoteTerm } from './glossary.ts';
import { textVersion } from '../content/note-text.ts';

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
 * carries: the topics (the search dialog lists them) and the code digest of the whole `src/` folder,
 * which also takes code outside the page's imports (the middleware that expands formulas) into
 * account. A note's own part is its file's version, its text's (a note rendered again because a
 * linked note was renamed has new text in the same file), its data, its recordings, its git date and
 * history link; a neighbour's part is the data its card shows, and for a backlink the sentences.
 */
export function articlePageKeys(model: SiteModel, codeDigest: string): (props: ArticlePageProps) => string {
  const site = JSON.stringify([codeDigest, model.topics.map((topic) => [topic.id, topic.data])]);
  const dataOf = new Map<string, string>();
  const neighbour = (article: Article) => {
    let data = dataOf.get(article.id);
    if (data === undefined) dataOf.set(article.id, (data = JSON.stringify([article.id, article.data])));
    return data;
  };
  return ({ article, related, backlinks, linksOut, terms }) => {
    const hash = createHash('sha256').update(site);
    hash.update(JSON.stringify([
      article.id,
      article.filePath,
      textVersion(article),
      article.rendered?.metadata ?? null,
      updatedAt(article).toISOString(),
      historyUrlOf(article) ?? null,
      linksOut,
      terms,
      model.recordings(article.id).hinted.map((id) => model.term(id)?.data ?? null),
    ]));
    hash.update(neighbour(article));
    for (const other of related) hash.update('\0related\0').update(neighbour(other));
    for (const { article: other, contexts } of backlinks) hash.update('\0backlink\0').update(neighbour(other)).update(JSON.stringify(contexts));
    return hash.digest('hex');
  };
}
