import { describe, expect, test } from 'vitest';
import { byTitle, relatedArticles, relatedIndex, tagIndex } from '../../src/site/article-lists.ts';

const note = (id: string, title: string, topic: string, tags: string[] = [], related: string[] = []) => ({ id, data: { title, topic, tags, related } });

describe('related notes', () => {
  const notes = [
    note('dpo', '直接偏好优化 DPO', 'alignment', ['rlhf', 'preference']),
    note('ppo', '近端策略优化 PPO', 'alignment', ['rlhf']),
    note('grpo', '组相对策略优化 GRPO', 'alignment', ['rlhf', 'preference']),
    note('kto', 'KTO', 'alignment'),
    note('orpo', 'ORPO', 'alignment'),
    note('clip', 'CLIP', 'vision', ['contrastive']),
    note('siglip', 'SigLIP', 'vision', ['contrastive']),
    note('xgboost', 'XGBoost', 'classic-ml'),
  ].sort(byTitle);
  const links = new Map<string, Set<string>>([
    ['dpo', new Set(['ppo'])],
    ['siglip', new Set(['dpo'])],
  ]);
  const linksOf = (slug: string) => links.get(slug) ?? new Set<string>();
  const ids = (slug: string, related: string[] = []) => {
    const article = { ...notes.find((entry) => entry.id === slug)!, data: { ...notes.find((entry) => entry.id === slug)!.data, related } };
    return relatedArticles(article, relatedIndex(notes, linksOf)).map((entry) => entry.id);
  };

  test('puts the author\'s choices first, then shared tags and links, then the topic, ties by title', () => {
    // ppo: tag + link (3 + topic 1); grpo: two tags (4 + 1); siglip links in (1); kto and orpo: topic only, by title.
    expect(ids('dpo')).toEqual(['grpo', 'ppo', 'kto', 'orpo', 'siglip']);
    expect(ids('dpo', ['xgboost'])).toEqual(['xgboost', 'grpo', 'ppo', 'kto', 'orpo', 'siglip']);
  });

  test('never lists the note itself or a note that shares nothing', () => {
    expect(ids('xgboost')).toEqual([]);
    expect(ids('clip')).toEqual(['siglip']);
  });

  test('orders notes with equal scores by title, as the collator orders them', () => {
    const alike = ['乙', '甲', 'B', 'A', '丙'].map((title, i) => note(`n${i}`, title, 'same'));
    const sorted = [...alike].sort(byTitle).map((entry) => entry.id);
    const reader = note('reader', '读者', 'same');
    expect(relatedArticles(reader, relatedIndex([reader, ...alike]), 10).map((entry) => entry.id)).toEqual(sorted);
  });
});

/** The definition relatedArticles had before it kept scores by position: every candidate compared and all of them sorted. */
function relatedByDefinition<T extends ReturnType<typeof note>>(article: T, all: T[], linksOf: (slug: string) => ReadonlySet<string>, limit = 6): T[] {
  const byId = new Map(all.map((entry) => [entry.id, entry]));
  const titled = [...all].sort(byTitle);
  const rank = new Map<T, number>();
  titled.forEach((entry, place) => rank.set(entry, place > 0 && byTitle(titled[place - 1], entry) === 0 ? rank.get(titled[place - 1])! : place));
  const chosen: T[] = [];
  for (const ref of article.data.related) {
    const entry = byId.get(ref);
    if (entry && !chosen.includes(entry)) chosen.push(entry);
  }
  const links = linksOf(article.id);
  const candidates = new Set<T>(all.filter((entry) => entry.data.topic === article.data.topic));
  for (const tag of article.data.tags) for (const entry of all.filter((other) => other.data.tags.includes(tag))) candidates.add(entry);
  for (const slug of [article.id, ...links]) for (const entry of all.filter((other) => linksOf(other.id).has(slug))) candidates.add(entry);
  for (const slug of links) if (byId.has(slug)) candidates.add(byId.get(slug)!);
  const scored = [...candidates]
    .filter((entry) => entry.id !== article.id && !chosen.includes(entry))
    .map((entry) => {
      const theirs = linksOf(entry.id);
      const sharedLinks = [...theirs].filter((slug) => links.has(slug)).length + (links.has(entry.id) ? 1 : 0) + (theirs.has(article.id) ? 1 : 0);
      const sharedTags = entry.data.tags.filter((tag) => article.data.tags.includes(tag)).length;
      return { entry, score: sharedTags * 2 + sharedLinks + (entry.data.topic === article.data.topic ? 1 : 0) };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || rank.get(a.entry)! - rank.get(b.entry)!);
  return [...chosen, ...scored.map(({ entry }) => entry)].slice(0, limit);
}

describe('related notes on many notes', () => {
  // A small deterministic generator: the same notes on every run.
  let seed = 7;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.floor(seed / 65536) % below;
  };
  const titles = ['甲', '乙', '丙', 'A', 'B', 'Mamba', 'DPO', '注意力'];
  const notes = Array.from({ length: 300 }, (_, i) => note(
    `n${i}`,
    // Equal titles on purpose: ties by title keep the order the notes are met in.
    `${titles[random(titles.length)]}${random(4) === 0 ? '' : random(30)}`,
    `t${random(5)}`,
    Array.from({ length: random(4) }, () => `tag-${random(12)}`),
    Array.from({ length: random(3) === 0 ? random(3) : 0 }, () => `n${random(320)}`),
  )).sort(byTitle);
  const links = new Map(notes.map((entry) => [entry.id, new Set(Array.from({ length: random(5) }, () => `n${random(320)}`).filter((slug) => slug !== entry.id))]));
  const linksOf = (slug: string): ReadonlySet<string> => links.get(slug) ?? new Set();
  const index = relatedIndex(notes, linksOf);

  test('lists what the definition lists, for every note and list length, call after call', () => {
    for (const limit of [1, 6, 20]) {
      for (const article of notes) {
        expect(relatedArticles(article, index, limit).map((entry) => entry.id)).toEqual(relatedByDefinition(article, notes, linksOf, limit).map((entry) => entry.id));
      }
    }
  });

  test('asks for the links of the note itself only, not of every candidate', () => {
    const asked: string[] = [];
    const counting = relatedIndex(notes, linksOf);
    counting.linksOf = (slug) => {
      asked.push(slug);
      return linksOf(slug);
    };
    relatedArticles(notes[0], counting);
    expect(asked).toEqual([notes[0].id]);
  });
});

test('the related index finds every note of a list by id', () => {
  const list = [note('a', '甲', 't'), note('b', '乙', 't')];
  expect(relatedIndex(list).byId.get('b')?.data.title).toBe('乙');
});

test('tagIndex lists tags most used first', () => {
  const list = [note('a', '甲', 't', ['x', 'y']), note('b', '乙', 't', ['y'])];
  expect(tagIndex(list).map(({ tag, articles }) => [tag, articles.length])).toEqual([['y', 2], ['x', 1]]);
});
