import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { layoutGraph, placeLabels } from '../../src/lib/graph-layout.ts';
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

describe('the map layout', () => {
  const nodes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, group: `g${i % 3}` }));
  const edges = nodes.slice(1).map((node, i): [string, string] => [node.id, nodes[i].id]);

  test('is the same on every build and fits the picture', () => {
    const first = layoutGraph(nodes, edges, { width: 800, height: 600, margin: 40, iterations: 150 });
    expect(layoutGraph(nodes, edges, { width: 800, height: 600, margin: 40, iterations: 150 })).toEqual(first);
    for (const { x, y } of first.values()) {
      expect(x).toBeGreaterThanOrEqual(40);
      expect(x).toBeLessThanOrEqual(760);
      expect(y).toBeGreaterThanOrEqual(40);
      expect(y).toBeLessThanOrEqual(560);
    }
  });

  test('keeps nodes apart', () => {
    const points = [...layoutGraph(nodes, edges, { iterations: 150 }).values()];
    const closest = Math.min(...points.flatMap((p, i) => points.slice(i + 1).map((q) => Math.hypot(p.x - q.x, p.y - q.y))));
    expect(closest).toBeGreaterThan(5);
  });

  test('keeps nodes apart at a thousand notes, where repulsion counts only neighbours', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}`, group: `g${i % 6}` }));
    const links = many.slice(1).map((node, i): [string, string] => [node.id, many[Math.floor(i / 3)].id]);
    const points = [...layoutGraph(many, links).values()];
    const nearest = points.map((p) => Math.min(...points.filter((q) => q !== p).map((q) => Math.hypot(p.x - q.x, p.y - q.y)))).sort((a, b) => a - b);
    // A thousand notes in 1000 × 720 px: about 9 px apart in the middle of the crowd.
    expect(nearest[100]).toBeGreaterThan(4);
    expect(nearest[500]).toBeGreaterThan(7);
  });
});

describe('map labels', () => {
  test('move aside when the spot below is taken, and stay inside the picture', () => {
    const labels = placeLabels(
      [
        { id: 'a', x: 100, y: 100, r: 10, label: '一个很长的标题' },
        { id: 'b', x: 100, y: 125, r: 5, label: '另一个标题' },
        { id: 'c', x: 495, y: 300, r: 5, label: 'Edge' },
      ],
      { width: 500, height: 400 },
    );
    expect(labels.get('a')).toMatchObject({ anchor: 'middle' });
    expect(labels.get('a')!.y).toBeLessThan(100);
    expect(labels.get('b')).toMatchObject({ anchor: 'middle' });
    expect(labels.get('b')!.y).toBeGreaterThan(125);
    expect(labels.get('c')!.anchor).toBe('end');
  });

  test('a long label keeps the spot at its far end taken', () => {
    const labels = placeLabels(
      [
        { id: 'a', x: 200, y: 100, r: 20, label: '十个汉字的一个长标题' },
        { id: 'b', x: 250, y: 110, r: 5, label: 'B' },
      ],
      { width: 500, height: 400 },
    );
    expect(labels.get('a')).toMatchObject({ anchor: 'middle', y: 134 });
    expect(labels.get('b')!.y).toBeLessThan(110);
  });
});
