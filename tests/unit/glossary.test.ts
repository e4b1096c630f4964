import { describe, expect, test } from 'vitest';
import { draftTargets } from '../../src/content/glossary.ts';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { termsIn } from '../../src/markdown/remark-glossary-terms.ts';
import { contentFolder } from './content-folder.ts';
import { renderContent } from './render-content.ts';

const note = (title: string, body: string, extra = '') => `---\ntitle: ${title}\ntopic: llm\n${extra}---\n${body}`;
const mla = note('MLA', '\n## 低秩压缩 {#low-rank}\n\n正文。\n\n## 解耦 RoPE\n\n正文。\n');

/** The glossary of a content folder with the note `mla` (headings `low-rank` and `解耦-rope`), a draft and a planned note. */
function glossaryOf(yaml: string) {
  const dir = contentFolder({
    'articles/mla.md': mla,
    'articles/draft-note.md': note('草稿', '正文。\n', 'draft: true\n'),
    'planned.yaml': 'future-note: 以后再写\n',
    'glossary.yaml': yaml,
  });
  return () => readNoteIndex(dir).glossary;
}

const entry = (id: string, fields = {}) => {
  const { zh = '[多头潜在注意力]', en = '[multi-head latent attention, MLA]', definition = '把键值低秩压缩成一个潜在向量再缓存的注意力。', note: target = 'mla' } = fields as Record<string, string>;
  return `${id}:\n  zh: ${zh}\n  en: ${en}\n  definition: ${definition}\n  note: ${target}\n`;
};

describe('the glossary', () => {
  test('reads each term with its names, and resolves a section by its id or its heading text', () => {
    const glossary = glossaryOf(entry('mla', { note: 'mla#low-rank' }) + entry('decoupled-rope', { zh: '[解耦 RoPE]', en: '[decoupled RoPE]', note: 'mla#解耦 RoPE' }))();
    expect(glossary.terms.map(({ id, names, note: target, line }) => ({ id, names, note: target, line }))).toEqual([
      { id: 'mla', names: ['多头潜在注意力', 'multi-head latent attention', 'MLA'], note: { slug: 'mla', id: 'low-rank' }, line: 1 },
      { id: 'decoupled-rope', names: ['解耦 RoPE', 'decoupled RoPE'], note: { slug: 'mla', id: '解耦-rope' }, line: 6 },
    ]);
  });

  test('is empty when the content folder has none', () => {
    expect(readNoteIndex(contentFolder({ 'articles/mla.md': mla })).glossary.terms).toEqual([]);
  });

  test('refuses a note that does not exist, with its line and the closest slugs', () => {
    expect(glossaryOf(entry('mla', { note: 'mlaa' }))).toThrow(/glossary\.yaml:5: mla: note: no note is called "mlaa"; did you mean "mla"/);
  });

  test('refuses a heading that the note does not have, with its line and the closest ids', () => {
    expect(glossaryOf(entry('mla') + entry('low-rank', { zh: '[低秩压缩]', en: '[low-rank compression]', note: 'mla#low-rnak' }))).toThrow(/glossary\.yaml:10: low-rank: note: "mla" has no heading "low-rnak"; did you mean #low-rank/);
  });

  test('refuses a note that is only planned', () => {
    expect(glossaryOf(entry('mla', { note: 'future-note' }))).toThrow(/glossary\.yaml:5: mla: note: "future-note" is planned, not written yet/);
  });

  test('refuses a name two terms claim, in any case and spacing, naming both', () => {
    const read = glossaryOf(entry('mla') + entry('mla-again', { zh: '[潜在注意力]', en: '[latent attention,  Multi-Head  Latent Attention ]' }));
    expect(read).toThrow(/glossary\.yaml:8: mla-again: the name "Multi-Head {2}Latent Attention" is also a name of "mla" \(line 1\); a name must lead to one term, so remove it from one of them/);
  });

  test('refuses a term without a Chinese or an English name', () => {
    expect(glossaryOf(entry('mla', { zh: '[]' }))).toThrow(/glossary\.yaml:2: mla: zh: give the term at least one Chinese name/);
    expect(glossaryOf('mla:\n  zh: [多头潜在注意力]\n  definition: 一句足够长的定义。\n  note: mla\n')).toThrow(/glossary\.yaml:1: mla: en: give the term its English names as a list/);
    expect(glossaryOf(entry('mla', { en: '[MLA, "  "]' }))).toThrow(/glossary\.yaml:3: mla: en\.1: a name is empty/);
  });

  test('refuses an unknown field, naming the closest one', () => {
    expect(glossaryOf(entry('mla').replace('  note: mla\n', '  note: mla\n  notes: mla\n'))).toThrow(/glossary\.yaml:6: mla: notes: "notes" is not a field here; did you mean "note"/);
  });

  test('refuses an id that is not kebab-case, and YAML that does not parse', () => {
    expect(glossaryOf(entry('Multi Head'))).toThrow(/glossary\.yaml:1: "Multi Head" is not a term id; an id is lower-case kebab-case ASCII, as \/terms\/#multi-head will show it/);
    expect(glossaryOf(entry('mla') + entry('mla'))).toThrow(/glossary\.yaml:6: the term id "mla" is written twice; each term has one entry/);
    expect(glossaryOf('mla:\n  zh: [unclosed\n')).toThrow(/glossary\.yaml:\d+: the glossary is not valid YAML/);
  });

  test('in a build, refuses a term that points at a draft', () => {
    const index = readNoteIndex(contentFolder({
      'articles/mla.md': mla,
      'articles/draft-note.md': note('草稿', '正文。\n', 'draft: true\n'),
      'glossary.yaml': entry('mla') + entry('draft-term', { zh: '[草稿术语]', en: '[draft term]', note: 'draft-note' }),
    }));
    expect(draftTargets(index.glossary, index.notes)).toEqual([
      expect.stringMatching(/glossary\.yaml:6: draft-term: note: "draft-note" is a draft, so the term would link to a page that is not published/),
    ]);
  });

  test('lists every problem at once', () => {
    expect(glossaryOf(entry('a', { note: 'nope' }) + entry('b', { zh: '[]' }))).toThrow(/has 2 problem\(s\)/);
  });
});

describe('the terms a note uses', () => {
  const terms = [
    { id: 'attention', names: ['注意力', 'attention'] },
    { id: 'mha', names: ['多头注意力', 'multi-head attention', 'MHA'] },
    { id: 'mtp', names: ['多 token 预测', 'multi-token prediction', 'MTP'] },
    { id: 'map', names: ['平均精度均值', 'mAP'] },
    { id: 'kd', names: ['知识蒸馏', 'knowledge distillation', 'KD'] },
    { id: 'zero', names: ['零冗余优化器', 'ZeRO'] },
  ];
  const ids = (text: string) => termsIn(text, terms).map((found) => found.id);

  test('the longest name at a place wins', () => {
    expect(ids('多头注意力是注意力的一种')).toEqual(['mha', 'attention']);
  });

  test('English names match whole words; long ones in any case, abbreviations in their own', () => {
    expect(ids('Multi-Head Attention and MHA, not MHAs or KDE')).toEqual(['mha', 'mha']);
    expect(ids('COCO 的 mAP，不是 map 或 MAP')).toEqual(['map']);
    expect(ids('Knowledge Distillation（KD）与 kd')).toEqual(['kd', 'kd']);
    // A capital inside a word marks an abbreviation, whatever its length.
    expect(ids('ZeRO-1 与 DeepSeek-R1-Zero')).toEqual(['zero']);
    // Nor as the second half of a hyphenated word: `CNN` is not named in `R-CNN`.
    expect(ids('R-MHA 不算，MHA-2 算')).toEqual(['mha']);
  });

  test('spaces in a name match any spacing, and none where Chinese meets Latin letters', () => {
    expect(ids('多token预测、多 token  预测 与 multi-token\nprediction')).toEqual(['mtp', 'mtp', 'mtp']);
  });

  test('are recorded while the note renders: in its text, link text and headings, not in code, formulas, link addresses or heading ids', async () => {
    const dir = contentFolder({
      'articles/kd.md': note('蒸馏', '\n## 知识蒸馏 {#attention}\n\n正文。\n'),
      'articles/user.md': note('用的人', [
        '',
        '## 为什么 {#MHA}',
        '',
        '代码 `MHA` 与公式 $\\text{mAP}$ 与 [链接](https://example.com/attention) 不算。',
        '',
        '```python',
        'kd = "多头注意力"',
        '```',
        '',
        '见 [[kd|知识蒸馏]]。多 token 预测的损失与',
        '多头注',
        '意力。',
        '',
      ].join('\n')),
      'glossary.yaml': terms.map(({ id, names }) => `${id}:\n  zh: [${names[0]}]\n  en: [${names.slice(1).join(', ')}]\n  definition: 一句足够长的定义。\n  note: kd\n`).join(''),
    });
    const recorded = await renderContent(dir);
    expect(recorded.get('user')?.terms).toEqual(['kd', 'mtp', 'mha']);
    expect(recorded.get('kd')?.terms).toEqual(['kd']);
  });

  test('are recorded as none when there is no glossary', async () => {
    const recorded = await renderContent(contentFolder({ 'articles/a.md': note('甲', '\n注意力。\n') }));
    expect(recorded.get('a')?.terms).toEqual([]);
  });
});
