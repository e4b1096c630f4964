import { describe, expect, test } from 'vitest';
import { chineseStops, excerptOpening, indexNames, namedFirst, normalizeQuery, otherNameWeight, planQuery, searchPlan, shorterQueries, spelledNames, splitVersions, stripQuestionWords, tellingMarks, type Filters, type Hit } from '../../src/client/search-query.ts';
import { pinyinSpellings, searchNames } from '../../src/site/search-names.ts';

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

  test('hands over nothing early when the first search is all there is', async () => {
    const early: unknown[] = [];
    // Enough found; or too little, with no other spelling, name or word left to search.
    await searchPlan(search, 'y', {}, undefined, (found) => early.push(found));
    await searchPlan(search, 'x', {}, undefined, (found) => early.push(found));
    expect(early).toEqual([]);
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
  const slugs = (query: string) => namedFirst(notes, planQuery(query), (note) => note.names, (note) => note.slug).map((note) => note.slug);

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

describe('names in two languages and in pinyin', () => {
  // What search/names.json holds for a small site: two notes and three glossary terms.
  const names = indexNames({
    subjects: [
      { names: ['多头潜在注意力', 'MLA'], note: 'mla' },
      { names: ['AdamW'], note: 'adamw' },
      { names: ['注意力', '注意力机制', 'attention'], note: 'mla' },
      { names: ['学习率预热', '预热', 'warmup', 'learning rate warmup'], note: 'adamw' },
      { names: ['生成对抗网络', 'GAN'], note: 'gan' },
    ],
    pinyin: Object.fromEntries(['注意力', '注意力机制', '学习率预热', '生成对抗网络', '预热'].flatMap((name) => pinyinSpellings(name).map((spelling) => [spelling, [name]]))),
  });

  test.each([
    ['zhuyili', ['注意力']],
    ['zhu yi li', ['注意力']],
    ['ZhuYiLi', ['注意力']],
    ['zyl', ['注意力']],
    ['xuexilvyure', ['学习率预热']],
    ['xuexiluyure', ['学习率预热']],
    ['xxlyr', ['学习率预热']],
    ['scdkwl', ['生成对抗网络']],
  ])('%s spells %j', (query, spelled) => {
    expect(spelledNames(query, names)).toEqual(spelled);
  });

  test.each(['GAN', 'attention', '注意力', 'zhuyili 机制', 'z'])('%s spells nothing: it is a name, has Chinese, or is too short', (query) => {
    expect(spelledNames(query, names)).toEqual([]);
  });

  test('a query naming a term is searched under its other names too, and its note is known', () => {
    const plan = planQuery('warmup', names);
    expect(plan.otherNames).toEqual(['学习率预热', '预热', 'learning rate warmup']);
    expect(plan.explainedBy).toEqual(['adamw']);
    expect(planQuery('zyl', names)).toMatchObject({ spelled: ['注意力'], otherNames: ['注意力机制', 'attention'], explainedBy: ['mla'] });
    expect(planQuery('Warm-up', names).otherNames).toContain('学习率预热');
  });

  test('a query that names nothing has no other names', () => {
    expect(planQuery('量子纠缠', names)).toMatchObject({ spelled: [], otherNames: [], explainedBy: [] });
  });

  // A fake index of literal words: note a says warmup, b says 学习率预热, c says both, d neither.
  const notes: Record<string, string[]> = { a: ['warmup'], b: ['学习率预热'], c: ['warmup', '学习率预热'], d: ['注意力'] };
  const search = async (term: string | null) => {
    const words = (term ?? '').replace(/"/g, '').split(' ').filter(Boolean);
    const results: Hit[] = Object.entries(notes).filter(([, has]) => words.every((word) => has.includes(word))).map(([id]) => ({ id, score: 1 }));
    return { results, filters: {} };
  };

  test('the notes that say what the reader typed rank above those found under another name', async () => {
    const outcome = await searchPlan(search, 'warmup', {}, names);
    expect(outcome.results.map((hit) => hit.id)).toEqual(['c', 'a', 'b']);
    expect(otherNameWeight).toBeLessThan(1);
  });

  test('what the first search found is handed over before the other names are searched', async () => {
    const early: string[][] = [];
    const outcome = await searchPlan(search, 'warmup', {}, names, (found) => early.push(found.results.map((hit) => hit.id)));
    expect(early).toEqual([['a', 'c']]);
    expect(outcome.results.map((hit) => hit.id)).toEqual(['c', 'a', 'b']);
    // Nothing to hand over when the first search found nothing.
    await searchPlan(search, '学习率', {}, names, (found) => early.push(found.results.map((hit) => hit.id)));
    expect(early).toHaveLength(1);
  });

  test('a pinyin query finds what the Chinese name finds', async () => {
    const outcome = await searchPlan(search, 'zhuyili', {}, names);
    expect(outcome.results.map((hit) => hit.id)).toEqual(['d']);
    expect(outcome.searched).toBe('zhuyili 注意力');
  });

  test('the note that explains a term goes first after the notes of that name', () => {
    const hits = [{ slug: 'x', names: ['其他'] }, { slug: 'mla', names: ['多头潜在注意力'] }, { slug: 'attn', names: ['注意力'] }];
    const order = namedFirst(hits, planQuery('attention', names), (hit) => hit.names, (hit) => hit.slug).map((hit) => hit.slug);
    expect(order).toEqual(['mla', 'x', 'attn']);
    const named = namedFirst(hits, planQuery('zhuyili', names), (hit) => hit.names, (hit) => hit.slug).map((hit) => hit.slug);
    expect(named).toEqual(['attn', 'mla', 'x']);
  });
});

describe('the names file the build writes', () => {
  const article = (id: string, title: string, aliases: string[] = []) => ({ id, data: { title, aliases } }) as never;
  const term = (id: string, zh: string[], en: string[], note: string) => ({ id, data: { zh, en, note, definition: '' } }) as never;
  const file = searchNames([article('mla', '多头潜在注意力', ['MLA'])], [term('kv-cache', ['KV 缓存'], ['KV cache'], 'mla#问题kv-cache'), term('attention', ['注意力'], ['attention'], 'mla')]);

  test('lists each note and each term with the note that explains it', () => {
    expect(file.subjects).toEqual([
      { names: ['多头潜在注意力', 'MLA'], note: 'mla' },
      { names: ['KV 缓存', 'KV cache'], note: 'mla' },
      { names: ['注意力', 'attention'], note: 'mla' },
    ]);
  });

  test('spells every Chinese name in pinyin, whole and by initials, letters kept', () => {
    expect(file.pinyin).toMatchObject({ zhuyili: ['注意力'], zyl: ['注意力'], kvhuancun: ['KV 缓存'], kvhc: ['KV 缓存'], duotouqianzaizhuyili: ['多头潜在注意力'], dtqzzyl: ['多头潜在注意力'] });
    expect(Object.values(file.pinyin).flat()).not.toContain('MLA');
  });

  test('reads a character by its word (长度 is chang, 增长 zhang)', () => {
    expect(pinyinSpellings('长度')).toContain('changdu');
    expect(pinyinSpellings('增长')).toContain('zengzhang');
  });
});

describe('an excerpt\'s first character', () => {
  test.each([
    ['：KV cache. 自回归生成时', 'KV cache. 自回归生成时'],
    ['，瓶颈变成读 <mark>KV</mark> cache', '瓶颈变成读 <mark>KV</mark> cache'],
    ['）的用法是：树先按 max_depth 长出来', '的用法是：树先按 max_depth 长出来'],
    ['. 训练 token · 1.33T', '训练 token · 1.33T'],
    ['<mark>MHA</mark>：多头注意力', '<mark>MHA</mark>：多头注意力'],
    ['(rope(q, m) @ rope(k, n)', '(rope(q, m) @ rope(k, n)'],
    ['「引号」开头', '「引号」开头'],
  ])('%s → %s', (excerpt, shown) => {
    expect(excerptOpening(excerpt)).toBe(shown);
  });
});

describe('the stops Pagefind puts between blocks', () => {
  test.each([
    ['自回归与扩散混合. 让同一个 Transformer', '自回归与扩散混合。让同一个 Transformer'],
    ['两个代表<mark>模型</mark>. 如下', '两个代表<mark>模型</mark>。如下'],
    ['结尾的段落.', '结尾的段落。'],
    ['Transfusion（2024-08）. 图像表示', 'Transfusion（2024-08）。图像表示'],
    // Latin text keeps its full stops, as do numbers and versions.
    ['KV cache. 自回归生成时', 'KV cache. 自回归生成时'],
    ['版本 1.33T，约 3.5 倍', '版本 1.33T，约 3.5 倍'],
    ['arXiv:2405.09818. Chunting Zhou 等.', 'arXiv:2405.09818. Chunting Zhou 等。'],
  ])('%s → %s', (excerpt, shown) => {
    expect(chineseStops(excerpt)).toBe(shown);
  });
});

describe('the marks an excerpt keeps', () => {
  const transfusion = {
    query: 'Transfusion',
    spelled: [],
    alternatives: [],
    words: [],
    otherNames: ['多模态生成的路线之争', '统一多模态模型', 'Show-o', 'MAR'],
  };

  test('a particle, a lone character or a word in no name searched loses its mark; the names searched keep theirs', () => {
    const excerpt = '所以<mark>模型</mark>必须覆盖数据<mark>的</mark>所有<mark>模式</mark>，<mark>多</mark>走一步，<mark>LambdaMART</mark> 的 <mark>Transfusion</mark> 和 <mark>Show-o</mark>';
    expect(tellingMarks(transfusion)(excerpt)).toBe('所以<mark>模型</mark>必须覆盖数据的所有模式，多走一步，LambdaMART 的 <mark>Transfusion</mark> 和 <mark>Show-o</mark>');
  });

  test('what the reader typed keeps its marks, a word it begins and pinyin spelled as Chinese, joined where Pagefind marked it piece by piece', () => {
    expect(tellingMarks(planQuery('多模态 注意力'))('<mark>多</mark><mark>模态</mark>与<mark>注意</mark>事项')).toBe('<mark>多模态</mark>与<mark>注意</mark>事项');
    expect(tellingMarks(planQuery('transformer'))('<mark>Transformers</mark> 库')).toBe('<mark>Transformers</mark> 库');
    expect(tellingMarks({ ...planQuery('zhuyili'), spelled: ['注意力'] })('<mark>注意力</mark><mark>是</mark>')).toBe('<mark>注意力</mark>是');
  });

  test('a character of a longer word typed is marked only with the rest of it, and touching marks are one', () => {
    const marks = tellingMarks(planQuery('显存'));
    // The MLA note: Pagefind marks 显存 as 显 and 存, and the 显 an excerpt ends on.
    expect(marks('<mark>显</mark><mark>存</mark>：决定了单卡能同时服务多少请求；把整份 KV cache 从<mark>显</mark>')).toBe('<mark>显存</mark>：决定了单卡能同时服务多少请求；把整份 KV cache 从显');
    expect(marks('全部重算（只<mark>存</mark>输入）：<mark>显</mark><mark>存 </mark>O(1)，缓<mark>存</mark>')).toBe('全部重算（只存输入）：<mark>显存</mark> O(1)，缓存');
    expect(tellingMarks(planQuery('KV cache'))('<mark>KV </mark><mark>cache</mark>. 自回归')).toBe('<mark>KV cache</mark>. 自回归');
    // A character typed on its own is what the reader wants marked.
    expect(tellingMarks(planQuery('熵'))('交叉<mark>熵</mark>损失')).toBe('交叉<mark>熵</mark>损失');
  });
});
