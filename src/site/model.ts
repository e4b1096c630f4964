/**
 * The site model: what the pages show about the notes as a whole (backlinks, links out, related
 * notes, tags, sections, the notes that use each glossary term), built once per build from the
 * content collections and what each note's render recorded (src/markdown/recordings.ts). Backlinks
 * are the inversion of the recorded links (links.ts), a term's notes that of the recorded terms.
 */
import { relatedArticles, relatedIndex, tagIndex } from './article-lists.ts';
import type { LinkContext, NoteRecordings } from '../markdown/recordings.ts';
import type { Article, GlossaryEntry, Topic } from './entries.ts';
import { linkIndex } from './links.ts';

export interface Backlink {
  article: Article;
  /** The sentences of that note that link here. */
  contexts: LinkContext[];
}

export interface SiteModel {
  /** The published notes (drafts too in `astro dev`), by title. */
  articles: Article[];
  /** The topics, in their order on the home page. */
  topics: Topic[];
  /** The terms of the glossary, in file order. */
  glossary: GlossaryEntry[];
  article(slug: string): Article | undefined;
  topic(id: string): Topic | undefined;
  term(id: string): GlossaryEntry | undefined;
  /** The notes a note links to, once each, itself left out; planned and draft targets included. */
  linksFrom(slug: string): ReadonlySet<string>;
  /** The published notes that link to a note, each with the sentences that link. */
  backlinksTo(slug: string): Backlink[];
  /** Notes to read next (src/site/article-lists.ts). */
  related(article: Article): Article[];
  /** Every tag with its notes, most used first. */
  tags: Array<{ tag: string; articles: Article[] }>;
  /** The published notes whose text names a glossary term, by title: the inversion of the recorded terms. */
  notesUsing(termId: string): Article[];
  recordings(slug: string): NoteRecordings;
}

/**
 * The model of a list of notes (drafts already filtered) and topics; `recordingsOf` gives what each
 * note's render recorded.
 */
export async function buildSiteModel(articles: Article[], topics: Topic[], recordingsOf: (article: Article) => Promise<NoteRecordings>, glossary: GlossaryEntry[] = []): Promise<SiteModel> {
  const byId = new Map(articles.map((article) => [article.id, article]));
  // In file order, as the notes are listed in the content folder: backlinks are shown in it.
  const inFileOrder = [...articles].sort((a, b) => ((a.filePath ?? a.id) < (b.filePath ?? b.id) ? -1 : 1));
  const recorded = new Map(await Promise.all(inFileOrder.map(async (article) => [article.id, await recordingsOf(article)] as const)));
  const links = linkIndex([...recorded].map(([slug, { links }]) => [slug, links]));
  const linksFrom = links.linksFrom;
  const related = relatedIndex(articles, linksFrom);
  const topicsById = new Map(topics.map((topic) => [topic.id, topic]));
  const empty: NoteRecordings = { links: [], sections: [], glyphs: '', markdown: '', terms: [], hinted: [] };
  const usersOfTerm = new Map<string, Article[]>();
  for (const article of articles) {
    for (const term of recorded.get(article.id)?.terms ?? []) {
      const users = usersOfTerm.get(term);
      if (users) users.push(article);
      else usersOfTerm.set(term, [article]);
    }
  }
  const termsById = new Map(glossary.map((entry) => [entry.id, entry]));
  return {
    articles,
    topics,
    glossary,
    article: (slug) => byId.get(slug),
    topic: (id) => topicsById.get(id),
    term: (id) => termsById.get(id),
    linksFrom,
    backlinksTo: (slug) => links.backlinksTo(slug).map(({ slug: from, contexts }) => ({ article: byId.get(from)!, contexts })),
    related: (article) => relatedArticles(article, related),
    tags: tagIndex(articles),
    notesUsing: (termId) => usersOfTerm.get(termId) ?? [],
    recordings: (slug) => recorded.get(slug) ?? empty,
  };
}

let built: Promise<SiteModel> | undefined;

/**
 * The model of this build, made on the first page that asks and shared by the rest; `astro dev`
 * makes it again for every page, since notes change while it runs.
 */
export function siteModel(): Promise<SiteModel> {
  const make = async () => {
    // Loaded here, not at the top: the collections exist only inside Astro, and the model is tested without it.
    const { getArticles, getGlossary, getTopics, recordingsOfArticle } = await import('./entries.ts');
    return buildSiteModel(await getArticles(), await getTopics(), recordingsOfArticle, await getGlossary());
  };
  if (import.meta.env.DEV) return make();
  return (built ??= make());
}
