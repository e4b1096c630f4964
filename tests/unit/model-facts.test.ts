import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { comparisonTable, countValue, modelFactItems } from '../../src/site/model-facts.ts';
import { articleSchema } from '../../src/content/schema.ts';
import type { Article } from '../../src/site/entries.ts';

const schema = articleSchema({ topics: ['llm'], articles: [] });
const base = { title: 'X', summary: '一句完整的话作为摘要就够了。', topic: 'llm', created: '2026-01-01' };
const parseModel = (yaml: string) => schema.safeParse({ ...base, model: parseYaml(yaml) });

describe('model facts in frontmatter', () => {
  test('are optional, and parse as authors write them in YAML', () => {
    expect(schema.parse(base).model).toBeUndefined();
    const result = parseModel('released: 2024-12-26\nparams: { total: 671B, activated: 37B }\ncontext: 128K\nmodalities: [text]\narchitecture: { attention: MLA }');
    expect(result.success && result.data.model).toEqual({ released: '2024-12-26', params: { total: '671B', activated: '37B' }, context: '128K', modalities: ['text'], architecture: { attention: 'MLA' } });
    expect(parseModel('released: 2024-12\ncontext: 4096').data?.model).toEqual({ released: '2024-12', context: '4096' });
  });

  test.each([
    ['a parameter count without a unit word', 'params: { total: 671 billion }', /params\.total: write a count like "671B"/],
    ['a month that does not exist', 'released: 2024-13', /released/],
    ['an unknown modality', 'modalities: [smell]', /modalities\.0/],
    ['an unknown architecture part', 'architecture: { head: MLP }', /architecture/],
    ['a misspelt field', 'relased: 2024-12', /relased|Unrecognized/],
  ])('reject %s', (_name, yaml, message) => {
    const result = parseModel(yaml);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')).toMatch(message);
  });

  test.each([['671B', 671e9], ['2.8B', 2.8e9], ['400M', 4e8], ['128K', 128e3], ['4096', 4096], ['1.8T', 1.8e12]])('%s is %d', (count, value) => {
    expect(countValue(count)).toBeCloseTo(value);
  });
});

const note = (id: string, title: string, model?: object) => ({ id, data: { title, org: 'Lab', model } }) as unknown as Article;

describe('a comparison table', () => {
  test('lists the notes with facts, oldest first, with only the columns someone fills', () => {
    const { columns, rows } = comparisonTable([
      note('b', 'B', { released: '2025-01', params: { total: '7B' } }),
      note('c', 'C'),
      note('a', 'A', { released: '2023-08', architecture: { vision: 'ViT' } }),
    ]);
    expect(rows.map(({ article }) => article.id)).toEqual(['a', 'b']);
    expect(columns.map((column) => column.label)).toEqual(['机构', '发布', '参数（总 / 激活）', '视觉编码器']);
  });

  test('needs two notes with facts to compare', () => {
    expect(comparisonTable([note('a', 'A', { released: '2023-08' }), note('c', 'C')]).rows).toEqual([]);
  });
});

describe('an article\'s facts', () => {
  test('read as labelled rows, activated parameters spelt out', () => {
    expect(modelFactItems({ released: '2024-12', params: { total: '671B', activated: '37B' }, modalities: ['text', 'image'], architecture: { vision: 'ViT', language: 'Qwen-7B' } })).toEqual([
      ['发布', '2024-12'],
      ['参数', '671B（每 token 激活 37B）'],
      ['模态', '文本、图像'],
      ['视觉编码器', 'ViT'],
      ['语言模型', 'Qwen-7B'],
    ]);
  });
});
