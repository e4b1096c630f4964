import { describe, expect, test, vi } from 'vitest';
import type { NoteRecordings } from '../../src/markdown/recordings.ts';
import type { Article, Topic } from '../../src/site/entries.ts';
import { buildSiteModel } from '../../src/site/model.ts';
import { articlePageKeys, articlePageProps, emittersKey } from '../../src/site/page-keys.ts';

// The collections exist only inside Astro; the keys need none of them.
vi.mock('astro:content', () => ({ getCollection: vi.fn(), render: vi.fn() }));

const empty: NoteRecordings = { links: [], sections: [], glyphs: '', markdown: '', terms: [], hinted: [] };
/** A note as Astro's store holds it: its recordings and the version of its kept text with its rendering. */
const article = (id: string, title: string, topic: string, { textDigest = `${id}-text`, recorded = {} as Partial<NoteRecordings> } = {}) =>
  ({
    id,
    filePath: `content/articles/${id}.md`,
    digest: `${id}-file`,
    data: { title, summary: '一句摘要。', topic, tags: [], related: [], formerSlugs: [], created: new Date('2026-01-01') },
    rendered: { html: '', metadata: { textDigest, frontmatter: { ...empty, ...recorded } } },
  }) as unknown as Article;
const topic = (id: string, name: string) => ({ id, data: { name, nameEn: id, description: '', order: 1 } }) as unknown as Topic;
const link = (slug: string, before: string) => ({ slug, context: { before, text: slug, after: '。' } });

/** The article pages' keys of a site of three notes in one topic, where v3 links to mla. */
async function keys({ mlaTitle = 'MLA', sentence = '见 ', topicName = '大语言模型', code = 'code', dpoText = 'dpo-text' } = {}) {
  const articles = [
    article('mla', mlaTitle, 'llm'),
    article('v3', 'DeepSeek-V3', 'llm', { recorded: { links: [link('mla', sentence)] } }),
    article('dpo', 'DPO', 'other', { textDigest: dpoText }),
  ];
  const model = await buildSiteModel(articles, [topic('llm', topicName), topic('other', '其他')], async (entry) => entry.rendered!.metadata!.frontmatter as NoteRecordings);
  const keyOf = articlePageKeys(model, code);
  return { ...Object.fromEntries(articles.map((entry) => [entry.id, keyOf(articlePageProps(model, entry))])), emitters: emittersKey(model, code) };
}

describe('the keys of the pages Astro copies from the last build', async () => {
  const before = await keys();
  const changed = async (change: Parameters<typeof keys>[0]) => {
    const after = await keys(change);
    return Object.keys(before).filter((page) => before[page as keyof typeof before] !== after[page as keyof typeof after]).sort();
  };

  test('are the same for the same site', async () => {
    expect(await changed({})).toEqual([]);
  });

  test.each([
    ['a renamed note: its page, the related note that lists it, the emitters', { mlaTitle: '多头潜在注意力' }, ['emitters', 'mla', 'v3']],
    ['a changed sentence that links: its own page, the page it links to (a backlink), the emitters', { sentence: '务必参见 ' }, ['emitters', 'mla', 'v3']],
    ['a note\'s new text: its page and the emitters, not the others', { dpoText: 'dpo-text-2' }, ['dpo', 'emitters']],
    ['a renamed topic, which every page lists: every page', { topicName: '语言模型' }, ['dpo', 'emitters', 'mla', 'v3']],
    ['other code: every page', { code: 'other code' }, ['dpo', 'emitters', 'mla', 'v3']],
  ])('change with %s', async (_what, change, pages) => {
    expect(await changed(change)).toEqual(pages);
  });
});
