/**
 * What search knows of names, published as `search/names.json` beside the index: every subject's
 * names with the note that explains it (a note's title and aliases; a glossary term's Chinese and
 * English names), and the pinyin of every Chinese name. The search page loads it with the index, to
 * search a subject under its other names (warmup → 学习率预热) and to read a query typed without an
 * input method (`zhuyili`, `zyl`) as the names it spells (注意力). The page's own words stay what
 * Pagefind matches first; these are the other ways in (src/client/search-query.ts).
 */
import { pinyin } from 'pinyin-pro';
import { spellingKey } from '../lib/spelling.ts';
import type { Article, GlossaryEntry } from './entries.ts';

export interface SearchSubject {
  /** Every name it goes by, as the notes and the glossary write them. */
  names: string[];
  /** The note that explains it. */
  note: string;
}

export interface SearchNames {
  subjects: SearchSubject[];
  /**
   * A Chinese name's spellings in pinyin, each to the names spelled so: the whole pinyin (zhuyili)
   * and the initials (zyl), in lower case without spaces; ü is written v, as input methods take it,
   * and also u.
   */
  pinyin: Record<string, string[]>;
}

const han = /\p{Script=Han}/u;

/**
 * The pinyin spellings of a name with Chinese in it: whole and initials. pinyin-pro reads each
 * character in its word's context (长度 cháng, 增长 zhǎng); letters and digits in the name stay
 * (KV 缓存 → kvhuancun, kvhc).
 */
export function pinyinSpellings(name: string): string[] {
  if (!han.test(name)) return [];
  const options = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const;
  const whole = spellingKey(pinyin(name, options).join(''));
  const initials = spellingKey(pinyin(name, { ...options, pattern: 'first' }).join(''));
  const spellings = new Set([whole, whole.replaceAll('v', 'u')]);
  // One Chinese character's initial alone would match too much (any query of one letter).
  if ([...name].filter((character) => han.test(character)).length > 1) spellings.add(initials);
  return [...spellings].filter(Boolean);
}

export function searchNames(articles: Article[], glossary: GlossaryEntry[]): SearchNames {
  const subjects: SearchSubject[] = [
    ...articles.map((article) => ({ names: [article.data.title, ...article.data.aliases], note: article.id })),
    ...glossary.map((entry) => ({ names: [...entry.data.zh, ...entry.data.en], note: entry.data.note.split('#')[0] })),
  ];
  const spelled = new Map<string, Set<string>>();
  for (const { names } of subjects) {
    for (const name of names) {
      for (const spelling of pinyinSpellings(name)) spelled.set(spelling, (spelled.get(spelling) ?? new Set()).add(name));
    }
  }
  const pinyinIndex = Object.fromEntries([...spelled].sort(([a], [b]) => (a < b ? -1 : 1)).map(([spelling, names]) => [spelling, [...names]]));
  return { subjects, pinyin: pinyinIndex };
}

