/**
 * What /terms/ shows: every term of the glossary, grouped by the topic of the note that explains it,
 * with the section it points at and the other notes that name it (from the site model, which inverts
 * what each note recorded as it rendered).
 */
import type { Article, GlossaryEntry, Topic } from './entries.ts';
import type { SiteModel } from './model.ts';

export interface TermView {
  id: string;
  zh: string[];
  en: string[];
  definition: string;
  /** The note that explains it, and the section when the term points at one. */
  explainedIn: { article: Article; id?: string; section?: string };
  /** The other published notes whose text names it, by title. */
  usedIn: Article[];
  /** Every name in lower case, one a line: what the filter on the page matches. */
  names: string;
}

export interface TermGroup {
  topic: Topic;
  terms: TermView[];
}

const collator = new Intl.Collator('zh-CN');

/** The name a filter compares: any case, width and spacing. */
export const filterKey = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The glossary by topic, in the topics' order; in each topic by Chinese name (pinyin order). */
export function glossaryGroups(entries: GlossaryEntry[], model: SiteModel): TermGroup[] {
  const byTopic = new Map<string, TermView[]>();
  for (const entry of entries) {
    const [slug, id] = entry.data.note.split('#') as [string, string | undefined];
    const article = model.article(slug);
    // The loader refuses a term whose note does not exist or is an unpublished draft.
    if (!article) throw new Error(`the glossary term "${entry.id}" points at "${slug}", which is not published`);
    const section = id ? model.recordings(slug).sections.find((candidate) => candidate.id === id)?.title : undefined;
    const view: TermView = {
      id: entry.id,
      zh: entry.data.zh,
      en: entry.data.en,
      definition: entry.data.definition,
      explainedIn: { article, id, section },
      usedIn: model.notesUsing(entry.id).filter((user) => user.id !== slug),
      names: [...entry.data.zh, ...entry.data.en].map(filterKey).join('\n'),
    };
    byTopic.set(article.data.topic, [...(byTopic.get(article.data.topic) ?? []), view]);
  }
  return model.topics
    .filter((topic) => byTopic.has(topic.id))
    .map((topic) => ({ topic, terms: byTopic.get(topic.id)!.sort((a, b) => collator.compare(a.zh[0], b.zh[0]) || a.id.localeCompare(b.id)) }));
}

/** A glossary term as a note's own list of terms shows it. */
export interface NoteTerm {
  id: string;
  zh: string[];
  en: string[];
  /** The glossary names this note (or one of its sections) as the one that explains the term. */
  explainedHere: boolean;
}

/**
 * The glossary terms a note names: the note's list of terms in both languages, which the search index
 * also reads, so that a note that says 学习率预热 is found by `warmup` too. The terms the glossary
 * says it explains come first, then the rest in the order the note first names them.
 */
export function termsOfNote(model: SiteModel, slug: string): NoteTerm[] {
  const terms = model.recordings(slug).terms.flatMap((id) => {
    const entry = model.term(id);
    return entry ? [{ id, zh: entry.data.zh, en: entry.data.en, explainedHere: entry.data.note.split('#')[0] === slug }] : [];
  });
  return [...terms.filter((term) => term.explainedHere), ...terms.filter((term) => !term.explainedHere)];
}
