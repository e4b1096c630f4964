import { describe, expect, test } from 'vitest';
import { namedFirst, normalizeQuery, planQuery, searchPlan, shorterQueries, splitVersions, stripQuestionWords, type Filters, type Hit } from '../../src/client/search-query.ts';

describe('cleaning a query before it reaches Pagefind', () => {
  test.each([
    ['ＤＰＯ', 'DPO'],
    ['“在线 softmax”', '在线 softmax'],
    ['《直接偏好优化》', '直接偏好优化'],
    ['直接偏好优化，DPO', '直接偏好优化 DPO'],
    ['  IO   复杂度 ', 'IO 复杂度'],
    ['\\operatorname{softmax}', '\\operatorname softmax'],
    ['ViT-B/16', 'ViT-B/16'],
  ])('normalizes %s to %s', (raw, clean) => {
    expect(normalizeQuery(raw)).toBe(clean);
  });

  test.each([
    ['梯度检查点的原理', '梯度检查点'],
    ['什么是 KV cache', 'KV cache'],
    ['DPO 和 RLHF 的区别', 'DPO RLHF'],
    ['为什么 Adam 要解耦权重衰减', 'Adam 解耦权重衰减'],
    ['特征金字塔有什么用', '特征金字塔'],
    ['what is the difference between DPO and RLHF', 'DPO RLHF'],
    ['作用', '作用'],
    ['FlashAttention', 'FlashAttention'],
  ])('strips question words: %s → %s', (raw, stripped) => {
    expect(stripQuestionWords(normalizeQuery(raw))).toBe(stripped);
  });

  test('writes a version glued to a name apart, and keeps names with digits inside', () => {
    expect(splitVersions('SigLIP2')).toBe('SigLIP 2');
    expect(splitVersions('FP8')).toBe('FP 8');
    expect(planQuery('FP8').query).toBe('FP8');
    expect(planQuery('SigLIP2').alternatives).toContain('SigLIP 2');
  });

  test('searches Chinese that splits into several words as a phrase too', () => {
    expect(planQuery('自编码').phrase).toBe('"自编码"');
    expect(planQuery('DualPipe').phrase).toBeNull();
  });

  test('offers shorter queries, most specific first', () => {
    expect(shorterQueries('梯度检查点量子纠缠').slice(0, 2)).toEqual(['梯度检查点量子', '梯度检查点']);
    expect(shorterQueries('DualPipe')).toEqual([]);
  });
});

describe('merging searches when the whole query finds little', () => {
  // A fake index: each note has words; a search returns notes having every word of the term.
  const notes: Record<string, string[]> = { a: ['x', 'y'], b: ['y'], c: ['z'], d: ['x', 'y', 'w'] };
  const search = async (term: string | null, _filters: Filters) => {
    const words = (term ?? '').replace(/"/g, '').split(' ').filter(Boolean);
    const results: Hit[] = Object.entries(notes).filter(([, has]) => words.every((word) => has.includes(word))).map(([id, has]) => ({ id, score: 1 / has.length }));
    return { results, filters: { topic: { t: results.length } } };
  };

  test('keeps the first search when it finds enough', async () => {
    const outcome = await searchPlan(search, 'y', {});
    expect(outcome.results.map((hit) => hit.id)).toEqual(['b', 'a', 'd']);
    expect(outcome.filters).not.toBeNull();
  });

  test('ranks notes matching more words first when every word has to be searched alone', async () => {
    const outcome = await searchPlan(search, 'x z', {});
    expect(outcome.results.map((hit) => hit.id).sort()).toEqual(['a', 'c', 'd']);
    const both = await searchPlan(search, 'x y z', {});
    expect(both.results.slice(0, 2).map((hit) => hit.id).sort()).toEqual(['a', 'd']);
    expect(both.filters).toBeNull();
  });
});

describe('a query that is a note’s name', () => {
  const notes = [
    { slug: 'generative-models', names: ['生成模型导论', 'Generative Models'] },
    { slug: 'vqgan', names: ['VQGAN'] },
    { slug: 'multimodal-generation', names: ['多模态生成的路线之争', '多模态生成', 'Unified Multimodal Model'] },
  ];
  const slugs = (query: string) => namedFirst(notes, query, (note) => note.names).map((note) => note.slug);

  test.each([
    ['多模态生成', ['multimodal-generation', 'generative-models', 'vqgan']],
    ['unified multimodal-model', ['multimodal-generation', 'generative-models', 'vqgan']],
    ['ＶＱＧＡＮ', ['vqgan', 'generative-models', 'multimodal-generation']],
  ])('%s puts the note of that name first, the others in their order', (query, expected) => {
    expect(slugs(query)).toEqual(expected);
  });

  test.each(['生成', '多模态', ''])('%s, a part of names only, changes nothing', (query) => {
    expect(slugs(query)).toEqual(['generative-models', 'vqgan', 'multimodal-generation']);
  });
});
