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

test('the related index finds every note of a list by id', () => {
  const list = [note('a', '甲', 't'), note('b', '乙', 't')];
  expect(relatedIndex(list).byId.get('b')?.data.title).toBe('乙');
});

test('tagIndex lists tags most used first', () => {
  const list = [note('a', '甲', 't', ['x', 'y']), note('b', '乙', 't', ['y'])];
  expect(tagIndex(list).map(({ tag, articles }) => [tag, articles.length])).toEqual([['y', 2], ['x', 1]]);
});
