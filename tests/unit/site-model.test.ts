import { describe, expect, test } from 'vitest';
import type { NoteRecordings } from '../../src/markdown/recordings.ts';
import type { Article, GlossaryEntry, Topic } from '../../src/site/entries.ts';
import { glossaryGroups } from '../../src/site/glossary.ts';
import { buildSiteModel } from '../../src/site/model.ts';

const article = (id: string, title: string, topic: string, tags: string[] = []) =>
  ({ id, filePath: `content/articles/${id}.md`, data: { title, summary: '一句摘要。', topic, tags, related: [], formerSlugs: [] } }) as unknown as Article;
const topic = (id: string, name: string) => ({ id, data: { name, nameEn: id, description: '', order: 1 } }) as unknown as Topic;
const link = (slug: string, text: string) => ({ slug, context: { before: '见 ', text, after: '。' } });

describe('the site model', async () => {
  const articles = [article('mla', 'MLA', 'llm', ['attention']), article('dpo', 'DPO', 'alignment'), article('v3', 'DeepSeek-V3', 'llm', ['attention'])];
  const recorded: Record<string, Partial<NoteRecordings>> = {
    v3: { links: [link('mla', 'MLA'), link('mla', '潜在注意力'), link('v3', '本文')], sections: [{ id: 'a', depth: 2, title: '一节', excerpt: '' }], terms: ['kv-cache', 'moe'] },
    dpo: { links: [link('mla', 'MLA'), link('rope', 'RoPE')], terms: ['kl-divergence'] },
    mla: { terms: ['kv-cache'] },
  };
  const asked: string[] = [];
  const model = await buildSiteModel(articles, [topic('llm', '大语言模型'), topic('alignment', '对齐')], async ({ id }) => {
    asked.push(id);
    return { links: [], sections: [], glyphs: '', markdown: '', terms: [], hinted: [], ...recorded[id] };
  });

  test('asks each note for its recordings once', () => {
    expect(asked.sort()).toEqual(['dpo', 'mla', 'v3']);
  });

  test('inverts the recorded links into backlinks, in file order, with every sentence that links', () => {
    expect(model.backlinksTo('mla').map(({ article: from, contexts }) => [from.id, contexts.map((context) => context.text)])).toEqual([
      ['dpo', ['MLA']],
      ['v3', ['MLA', '潜在注意力']],
    ]);
    expect(model.backlinksTo('v3')).toEqual([]);
  });

  test('knows the notes each note links to, once each and never itself, planned targets included', () => {
    expect([...model.linksFrom('v3')]).toEqual(['mla']);
    expect([...model.linksFrom('dpo')]).toEqual(['mla', 'rope']);
    expect(model.linksFrom('mla').size).toBe(0);
  });

  test('inverts the recorded glossary terms into the notes that use each, in the order the notes are given', () => {
    expect(model.notesUsing('kv-cache').map((entry) => entry.id)).toEqual(['mla', 'v3']);
    expect(model.notesUsing('kl-divergence').map((entry) => entry.id)).toEqual(['dpo']);
    expect(model.notesUsing('no-such-term')).toEqual([]);
  });

  test('finds notes and topics by id, lists tags and related notes, and keeps each note\'s sections', () => {
    expect(model.article('dpo')?.data.title).toBe('DPO');
    expect(model.topic('llm')?.data.name).toBe('大语言模型');
    expect(model.tags.map(({ tag, articles: tagged }) => [tag, tagged.map((entry) => entry.id)])).toEqual([['attention', ['mla', 'v3']]]);
    expect(model.related(articles[0]).map((entry) => entry.id)).toEqual(['v3', 'dpo']);
    expect(model.recordings('v3').sections.map((section) => section.id)).toEqual(['a']);
    expect(model.recordings('nope')).toEqual({ links: [], sections: [], glyphs: '', markdown: '', terms: [], hinted: [] });
  });
});

describe('the glossary page', async () => {
  const articles = [article('mla', 'MLA', 'llm'), article('dpo', 'DPO', 'alignment'), article('v3', 'DeepSeek-V3', 'llm')];
  const recorded: Record<string, Partial<NoteRecordings>> = {
    mla: { sections: [{ id: 'kv', depth: 2, title: 'KV cache', excerpt: '' }], terms: ['kv-cache', 'attention'] },
    v3: { terms: ['kv-cache'] },
    dpo: { terms: ['kl'] },
  };
  const model = await buildSiteModel(articles, [topic('llm', '大语言模型'), topic('alignment', '对齐')], async ({ id }) => ({ links: [], sections: [], glyphs: '', markdown: '', terms: [], hinted: [], ...recorded[id] }));
  const entry = (id: string, zh: string, note: string) => ({ id, data: { zh: [zh], en: [id], definition: '一句定义。', note } }) as unknown as GlossaryEntry;
  const groups = glossaryGroups([entry('kl', 'KL 散度', 'dpo'), entry('kv-cache', '键值缓存', 'mla#kv'), entry('attention', '注意力', 'mla')], model);

  test('groups the terms by the topic of the note that explains them, in the topics\' order, each by its Chinese name', () => {
    expect(groups.map(({ topic: { id }, terms }) => [id, terms.map((term) => term.id)])).toEqual([
      ['llm', ['kv-cache', 'attention']],
      ['alignment', ['kl']],
    ]);
  });

  test('links each term to its section, with the section\'s title, and lists the other notes that name it', () => {
    const kv = groups[0].terms[0];
    expect([kv.explainedIn.article.id, kv.explainedIn.id, kv.explainedIn.section]).toEqual(['mla', 'kv', 'KV cache']);
    expect(kv.usedIn.map((user) => user.id)).toEqual(['v3']);
    expect(groups[1].terms[0].usedIn).toEqual([]);
    expect(kv.names).toBe('键值缓存\nkv-cache');
  });
});
