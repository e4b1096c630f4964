/**
 * Query handling in front of Pagefind. Pagefind matches every word of a query (AND) and segments
 * Chinese with the browser's Intl.Segmenter, so a question typed in plain words ("梯度检查点的原理"),
 * full-width letters or a version glued to a name ("SigLIP2") find nothing or the wrong notes.
 * This module cleans the query, and when the first try brings back little, tries again word by word
 * and merges the lists. A subject's other names come from `search/names.json` (src/site/search-names.ts):
 * a query typed in pinyin is read as the names it spells, and a query that names a subject is also
 * searched under its other names, below the literal matches. Pure apart from the `search` function
 * it is given, so it is unit-tested.
 */
import { spellingKey } from '../lib/spelling.ts';
import type { SearchNames } from '../site/search-names.ts';

/** The part of Pagefind's search result this module uses. */
export interface Hit { id: string; score: number }
export interface SearchResponse<H extends Hit> {
  results: H[];
  filters: Record<string, Record<string, number>>;
}
export type Filters = Record<string, string[]>;
export type SearchFn<H extends Hit> = (term: string | null, filters: Filters) => Promise<SearchResponse<H> | null>;

/** Question words, particles and meta words that are not in any note: removed before searching. */
const stopWords = new Set([
  '什么', '是', '为什么', '为何', '怎么', '怎样', '怎么样', '如何', '哪些', '哪个', '哪', '有', '没有', '的', '地', '得', '了', '吗', '呢', '吧', '啊',
  '和', '与', '及', '或', '跟', '同', '把', '被', '做', '用', '要', '能', '会', '可以', '一下', '不', '又',
  '区别', '关系', '原理', '作用', '用途', '含义', '意思', '介绍', '教程', '讲解', '解释', '理解', '不同', '差异', '联系',
  'what', 'why', 'how', 'is', 'are', 'the', 'a', 'an', 'of', 'and', 'or', 'vs', 'does', 'do', 'between', 'difference',
]);

let segmenter: Intl.Segmenter | null | undefined;
/**
 * The browser's Chinese word segmenter (null without Intl.Segmenter), made on first use: the first
 * one a page makes costs 15–20 ms in Chromium (ICU's dictionary), which site-search.ts spends while
 * Pagefind's files are on their way rather than before it asks for them.
 */
export function wordSegmenter(): Intl.Segmenter | null {
  segmenter ??= typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh-CN', { granularity: 'word' }) : null;
  return segmenter;
}

/**
 * Full-width letters to ASCII (ＤＰＯ → DPO), quotes, brackets and Chinese punctuation to spaces,
 * runs of spaces to one. `-`, `_`, `.`, `/`, `^`, `\` and `·` stay: they are part of names and TeX.
 */
export function normalizeQuery(query: string): string {
  return query
    .normalize('NFKC')
    .replace(/[“”"‘’'《》「」『』【】〈〉()（）[\]{}，,。；;：:！!？?、]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The query without question words and particles; the query itself if nothing else is left. */
export function stripQuestionWords(query: string): string {
  const segmenter = wordSegmenter();
  if (!segmenter) return query;
  const parts: string[] = [];
  let gap = false;
  for (const { segment, isWordLike } of segmenter.segment(query)) {
    if (!isWordLike && /^\s+$/.test(segment)) {
      gap = true;
    } else if (isWordLike && stopWords.has(segment.toLowerCase())) {
      gap = true;
    } else {
      parts.push(gap && parts.length ? ` ${segment}` : segment);
      gap = false;
    }
  }
  const stripped = parts.join('').trim();
  return stripped || query;
}

/** `SigLIP2` → `SigLIP 2`, `FlashAttention-2` stays: a version glued to a name is written apart in the notes. */
export function splitVersions(query: string): string {
  return query.replace(/(?<=\p{L})(?=\d)/gu, ' ');
}

/** The words of a query, each searched on its own when the whole query finds too little. */
export function queryWords(query: string): string[] {
  const words = new Set<string>();
  for (const chunk of query.split(' ')) {
    if (!chunk) continue;
    words.add(chunk);
    const versionless = splitVersions(chunk);
    if (versionless !== chunk) words.add(versionless.split(' ')[0]);
  }
  return [...words];
}

/**
 * Pagefind's ranking for this site. Term frequency off: long notes repeat common words (注意力, 训练)
 * dozens of times and outranked the note whose title or alias is the query; with it off, where a
 * word stands (title, alias, heading: Pagefind's weights) decides. Measured with the quality suite:
 * recall@1 0.964 → 0.986.
 */
export const ranking = { termFrequency: 0 };

/** Fewer results than this from the whole query and the words are searched one by one. */
export const enoughResults = 3;


/** The names of `search/names.json`, looked up by name as a query is compared with it. */
export interface NameIndex {
  byName: Map<string, Array<{ names: string[]; note: string }>>;
  pinyin: Record<string, string[]>;
}

export function indexNames(names: SearchNames): NameIndex {
  const byName: NameIndex['byName'] = new Map();
  for (const subject of names.subjects) {
    for (const name of new Set(subject.names.map(asName))) {
      const named = byName.get(name);
      if (named) named.push(subject);
      else byName.set(name, [subject]);
    }
  }
  return { byName, pinyin: names.pinyin };
}

/** Before the names file is in (or when it cannot load), search goes by the index's words alone. */
export const noNames: NameIndex = { byName: new Map(), pinyin: {} };

/**
 * The Chinese names a query typed without an input method spells, whole or by initials (zhuyili,
 * zhu yi li, zyl → 注意力). Not when the query is itself a name of something (GAN is GAN) or has
 * more than letters, digits and spaces.
 */
export function spelledNames(query: string, names: NameIndex): string[] {
  if (!/^[A-Za-z0-9 ]+$/.test(query) || names.byName.has(asName(query))) return [];
  return names.pinyin[spellingKey(query)] ?? [];
}

/** A search under another name than the reader's counts this much of a literal match. */
export const otherNameWeight = 0.5;

export interface Plan {
  /** The query Pagefind is given first, after cleaning. */
  query: string;
  /** The Chinese names the query spells in pinyin, searched as if typed. */
  spelled: string[];
  /** The other names of the subjects the query (or what it spells) names, searched below it. */
  otherNames: string[];
  /** The notes that explain what the query names: each subject's note. */
  explainedBy: string[];
  /** Other ways to write it, tried when the first try finds too little. */
  alternatives: string[];
  /** Words searched one at a time as a last resort; a note matching more of them ranks higher. */
  words: string[];
  /**
   * The query as an exact phrase, when it has Chinese that the browser splits into several words:
   * Pagefind matches each word anywhere in a note, so 自编码 would rank a note full of 自… and 编码器
   * above the one about 自编码器; notes that have the words side by side are lifted.
   */
  phrase: string | null;
}

const han = /\p{Script=Han}/u;

function splitsIntoWords(query: string): boolean {
  const segmenter = wordSegmenter();
  if (!segmenter || !han.test(query)) return false;
  return [...segmenter.segment(query)].filter((part) => part.isWordLike).length > 1;
}

export function planQuery(raw: string, names: NameIndex = noNames): Plan {
  const normalized = normalizeQuery(raw);
  const query = stripQuestionWords(normalized);
  const alternatives = [...new Set([splitVersions(query), normalized].filter((alt) => alt !== query && alt))];
  const words = queryWords(query);
  const spelled = spelledNames(query, names);
  const asTyped = new Set([query, ...spelled].map(asName));
  const subjects = [...asTyped].flatMap((name) => names.byName.get(name) ?? []);
  const otherNames = [...new Set(subjects.flatMap((subject) => subject.names))].filter((name) => !asTyped.has(asName(name)));
  return {
    query,
    spelled,
    otherNames,
    explainedBy: [...new Set(subjects.map((subject) => subject.note))],
    alternatives,
    words: words.length > 1 ? words : [],
    phrase: splitsIntoWords(query) ? `"${query}"` : null,
  };
}

export interface Outcome<H extends Hit> {
  results: H[];
  plan: Plan;
  /** Counts per filter value among the results, when Pagefind could give them for this list. */
  filters: Record<string, Record<string, number>> | null;
  /** The query that was searched, for highlighting and for the status line. */
  searched: string;
}

/**
 * Searches the cleaned query and what it spells in pinyin; if they find fewer than `enoughResults`
 * notes, also its alternative spellings, then the other names of what it names, then each word
 * alone, and merges: a note's score is the sum over the lists of its score relative to the list's
 * best, times the list's weight (other names count `otherNameWeight`, words 1/(number of words)
 * each), so a note that says what the reader typed ranks above one found through a synonym, and one
 * that matches all the words above one that matches only some. When later stages are needed and the
 * first found something, `onFirstStage` is given what it found before they run.
 */
export async function searchPlan<H extends Hit>(search: SearchFn<H>, raw: string, filters: Filters, names: NameIndex = noNames, onFirstStage?: (early: Outcome<H>) => void): Promise<Outcome<H>> {
  const plan = planQuery(raw, names);
  if (!plan.query) {
    const all = await search(null, filters);
    return { results: all?.results ?? [], plan, filters: all?.filters ?? null, searched: '' };
  }
  const searched = [plan.query, ...plan.spelled].join(' ');
  // Each stage's searches go out together: Pagefind fetches the index chunks of each in parallel.
  const all = (terms: string[], weight: number) => Promise.all(terms.map(async (term) => ({ hits: (await search(term, filters))?.results ?? [], weight })));
  const [first, ...rest] = await Promise.all([search(plan.query, filters), all(plan.phrase ? [plan.phrase] : [], 1), all(plan.spelled, 1)]);
  // Letters that spell a name in pinyin mean that name; as English they rarely match more than by chance (xu, li).
  const lists: Array<{ hits: H[]; weight: number }> = [{ hits: first?.results ?? [], weight: plan.spelled.length ? otherNameWeight : 1 }, ...rest.flat()];
  const found = () => lists.reduce((sum, list) => sum + list.hits.length, 0);
  if (!plan.spelled.length && first && first.results.length >= enoughResults) return { results: merge(lists), plan, filters: first.filters, searched };
  // The later stages search many more names (a subject can have a dozen): what the first found can be shown meanwhile.
  const laterStages = found() < enoughResults && plan.alternatives.length + plan.otherNames.length + plan.words.length > 0;
  if (onFirstStage && found() && laterStages) onFirstStage({ results: merge(lists), plan, filters: null, searched });

  if (found() < enoughResults) lists.push(...(await all(plan.alternatives, 1)));
  if (found() < enoughResults) lists.push(...(await all(plan.otherNames, otherNameWeight)));
  if (found() < enoughResults) lists.push(...(await all(plan.words, 1 / plan.words.length)));
  const onlyFirst = lists.slice(1).every((list) => list.hits.length === 0);
  return { results: merge(lists), plan, filters: onlyFirst ? first?.filters ?? null : null, searched };
}

/** One ranking from several lists: each note scores the sum of weight × (its score / the list's best). */
function merge<H extends Hit>(lists: Array<{ hits: H[]; weight: number }>): H[] {
  const merged = new Map<string, { hit: H; score: number }>();
  for (const { hits, weight } of lists) {
    const best = Math.max(...hits.map((hit) => hit.score), Number.MIN_VALUE);
    for (const hit of hits) {
      const entry = merged.get(hit.id) ?? { hit, score: 0 };
      entry.score += weight * (hit.score / best);
      merged.set(hit.id, entry);
    }
  }
  return [...merged.values()].sort((a, b) => b.score - a.score).map((entry) => entry.hit);
}

/** A name as it is compared with a query: full-width letters, case, spaces and hyphens do not count. */
export function asName(text: string): string {
  return normalizeQuery(text).toLowerCase().replace(/[\s\-_·]+/g, '');
}

/** Whether one of a note's names (title, aliases) is the query itself or a name it spells in pinyin. */
export function isNamed(names: string[], plan: Pick<Plan, 'query' | 'spelled'>): boolean {
  const wanted = new Set([plan.query, ...plan.spelled].map(asName).filter(Boolean));
  return names.some((name) => wanted.has(asName(name)));
}

/**
 * The notes whose title or one of whose aliases is the query itself (or a name it spells in pinyin)
 * go first, then the notes that explain what it names (a glossary term's note), each keeping their
 * order: a reader who types a note's name wants that note. Pagefind can rank it below notes that only
 * share a word, because the browser splits Chinese differently from the index (多模态 becomes
 * 多|模|态, leaving 生成 to decide).
 */
export function namedFirst<T>(items: T[], plan: Pick<Plan, 'query' | 'spelled' | 'explainedBy'>, namesOf: (item: T) => string[], slugOf: (item: T) => string): T[] {
  const tier = (item: T) => (isNamed(namesOf(item), plan) ? 0 : plan.explainedBy.includes(slugOf(item)) ? 1 : 2);
  return items.map((item, index) => ({ item, index, tier: tier(item) })).sort((a, b) => a.tier - b.tier || a.index - b.index).map(({ item }) => item);
}

/**
 * Shorter queries to offer when nothing is found, most specific first: the query with its last
 * words dropped one at a time (梯度检查点量子纠缠 → 梯度检查点量子 → 梯度检查点 → …), then its
 * longer words alone.
 */
export function shorterQueries(raw: string): string[] {
  const query = stripQuestionWords(normalizeQuery(raw));
  const segmenter = wordSegmenter();
  if (!segmenter) return query.split(' ').filter((word) => word !== query);
  const segments = [...segmenter.segment(query)];
  const out = new Set<string>();
  for (let end = segments.length - 1; end > 0; end--) {
    if (segments[end - 1].isWordLike) out.add(segments.slice(0, end).map((part) => part.segment).join('').trim());
  }
  for (const part of segments) if (part.isWordLike && part.segment.length >= 2) out.add(part.segment);
  out.delete(query);
  return [...out].filter(Boolean);
}

/**
 * An excerpt with only the marks that say why it matched. Pagefind marks every word that matches a
 * word it searched, and a subject's other names bring words no reader typed: 的 and 多 from
 * 多模态生成的路线之争, 模式 from 模 matched as a prefix, MART from MAR. A mark stays on a word that is
 * part of what the reader typed (in any of its forms) or starts with it, and on a word of two
 * characters or more that is part of another name searched; never on a particle or question word.
 * Pagefind marks Chinese a character at a time where its index split a word (显存 as 显, 存): a lone
 * character stays marked only beside another mark or when it is itself what was typed, so 缓存 does
 * not light up its 存 for 显存. Marks that touch are joined (`<mark>显存</mark>`, `<mark>KV
 * cache</mark>`), as one box reads as one word, and spaces at a mark's end go outside it.
 * Made once per plan: the names are normalised once for all the excerpts of a list.
 */
export function tellingMarks(plan: Pick<Plan, 'query' | 'spelled' | 'alternatives' | 'otherNames' | 'words'>): (excerpt: string) => string {
  const typed = [plan.query, ...plan.spelled, ...plan.alternatives, ...plan.words].map(asName).filter(Boolean);
  const otherNames = plan.otherNames.map(asName);
  const isTelling = (name: string, alone: boolean) => {
    if (stopWords.has(name)) return false;
    if (alone && /^\p{Script=Han}$/u.test(name)) return typed.includes(name);
    return typed.some((typedName) => typedName.includes(name) || name.startsWith(typedName)) || ([...name].length > 1 && otherNames.some((otherName) => otherName.includes(name)));
  };
  return (excerpt) =>
    excerpt
      .replace(/<mark>([^<]*)<\/mark>/g, (marked, word: string, at: number) => {
        const alone = !excerpt.endsWith('</mark>', at) && !excerpt.startsWith('<mark>', at + marked.length);
        return isTelling(asName(word), alone) ? marked : word;
      })
      .replaceAll('</mark><mark>', '')
      .replace(/(\s+)<\/mark>/g, '</mark>$1');
}

/**
 * An excerpt as a reader should see it begin. Pagefind cuts its window at a word, and in Chinese
 * text the punctuation before a word travels with it, so an excerpt often opens on the `：` of a
 * heading (`：KV cache`, from 问题：KV cache) or on the `，` of a clause already under way.
 */
export function excerptOpening(excerpt: string): string {
  return excerpt.replace(/^(?:\s|[，。、；：:,;.!?！？）)」』】》])+/u, '');
}

/**
 * Pagefind ends a heading, a paragraph or a list item whose last character is a letter with `. `
 * when it joins the page's text, so a Chinese excerpt read `自回归与扩散混合. 让同一个…`. Chinese
 * text never puts a Latin full stop after a character or a full-width closing bracket, so each such
 * stop becomes `。`, with no space (past the `</mark>` of a marked word).
 */
export function chineseStops(excerpt: string): string {
  return excerpt.replace(/([\p{Script=Han}）」』】》](?:<\/mark>)?)\.(?:\s+|$)/gu, '$1。');
}
