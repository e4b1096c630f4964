import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { AuthoringError, checkTopic, chooseSlug, frontmatterText, newArticleText, yamlString, type Taken } from '../../src/authoring/new-article.ts';
import { suggestSlug } from '../../src/authoring/suggest-slug.ts';
import { articleSchema } from '../../src/content/schema.ts';

const taken: Taken = {
  topics: ['llm', 'systems', 'vision'],
  articles: ['deepseek-v3', 'mla'],
  formerSlugs: new Map([['flash-attn', 'flash-attention']]),
  planned: new Map(),
};

const frontmatterOf = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]);
const schema = articleSchema({ topics: taken.topics, articles: taken.articles });

describe('slug suggested from a title', () => {
  test.each([
    ['DeepSeek-V3', 'deepseek-v3'],
    ['Adam 与 AdamW', 'adam-adamw'],
    ['LLaDA 大语言扩散模型', 'llada'],
    ['Mamba：选择性状态空间模型', 'mamba'],
    ['R-FCN', 'r-fcn'],
    ['Normalizing Flow 与 Flow Matching', 'normalizing-flow-flow-matching'],
    ['Ｑｗｅｎ２-VL（全角）', 'qwen2-vl'],
    ['Université de Montréal', 'universite-de-montreal'],
    ['C++ & CUDA kernels', 'c-cuda-kernels'],
  ])('%s → %s', (title, slug) => {
    expect(suggestSlug(title)).toBe(slug);
  });

  test('a Chinese-only title gets no made-up address', () => {
    expect(suggestSlug('注意力机制')).toBeUndefined();
    expect(() => chooseSlug('注意力机制', undefined, taken)).toThrow(/no Latin letters.*--slug/);
    expect(chooseSlug('注意力机制', 'attention', taken)).toBe('attention');
  });
});

describe('choosing a slug and a topic', () => {
  test.each([
    ['DeepSeek-V3', undefined, /content\/articles\/deepseek-v3\.md exists already/],
    ['Anything', 'mla', /mla\.md exists already/],
    ['Anything', 'flash-attn', /content\/articles\/flash-attention\.md \(listed in its formerSlugs\)/],
    ['Anything', 'Flash_Attn', /not lower-case ASCII kebab-case/],
    ['Tags', undefined, /route of the site \(\/tags\/\)/],
  ])('"%s" --slug %s is refused', (title, slug, message) => {
    expect(() => chooseSlug(title, slug, taken)).toThrow(AuthoringError);
    expect(() => chooseSlug(title, slug, taken)).toThrow(message);
  });

  test('an unknown topic is refused with the closest names; a missing one lists them all', () => {
    expect(() => checkTopic('sytems', taken.topics)).toThrow(/"sytems" is not a topic.*did you mean "systems"/);
    expect(() => checkTopic(undefined, taken.topics)).toThrow('--topic <id>, one of: llm, systems, vision');
    expect(checkTopic('llm', taken.topics)).toBe('llm');
  });
});

describe('the new file', () => {
  const created = new Date('2026-11-30T10:00:00Z');

  test('its frontmatter is a valid draft, and every optional field is there to uncomment', () => {
    const text = newArticleText({ title: 'Mamba：选择性状态空间模型', topic: 'llm', created });
    const data = schema.parse(frontmatterOf(text));
    expect(data).toMatchObject({ title: 'Mamba：选择性状态空间模型', topic: 'llm', draft: true, tags: [], aliases: [] });
    expect(data.created).toEqual(new Date('2026-11-30'));
    for (const field of ['paper', 'code', 'org', 'updated', 'related']) expect(text).toMatch(new RegExp(`^# ${field}:`, 'm'));
    expect(text).toMatch(/---\n\n## 概述\n/);
  });

  test('it cannot be published with the placeholder summary', () => {
    const data = frontmatterOf(frontmatterText({ title: 'X', topic: 'llm', created }));
    const result = schema.safeParse({ ...data, draft: false });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['summary'], message: expect.stringMatching(/TODO placeholder.*draft: true/) });
    expect(schema.safeParse({ ...data, draft: false, summary: '一句真正的摘要，说明这篇笔记讲什么。' }).success).toBe(true);
  });

  test.each(['Attention: is all you need', 'yes', '2024', '"引号"与 #井号', '- 开头的短横', 'a, b'])('the title %s reads back unchanged', (title) => {
    expect(parseYaml(`title: ${yamlString(title)}`).title).toBe(title);
    expect(parseYaml(`x: [${yamlString(title)}]`).x).toEqual([title]);
  });
});

// Each case starts Node on a busy machine: more time than a pure test needs.
describe('npm run new', { timeout: 20_000 }, () => {
  function content() {
    const dir = mkdtempSync(path.join(tmpdir(), 'new-article-'));
    mkdirSync(path.join(dir, 'articles'));
    writeFileSync(path.join(dir, 'topics.yaml'), 'llm:\n  name: 大语言模型\nsystems:\n  name: 系统\n');
    writeFileSync(path.join(dir, 'planned.yaml'), '# planned\nmamba: Mamba\nrwkv: RWKV\n');
    writeFileSync(path.join(dir, 'articles', 'mla.md'), '---\ntitle: MLA\nformerSlugs: [mla-old]\n---\n');
    return dir;
  }
  const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, ['scripts/new-article.ts', ...args], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8' });

  test('writes the article, prints its path and takes it off the planned list', () => {
    const dir = content();
    const result = run(dir, 'Mamba：选择性状态空间模型', '--topic', 'llm');
    expect(result.status).toBe(0);
    const file = path.join(dir, 'articles', 'mamba.md');
    expect(result.stdout.trim()).toBe(file);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\ntitle: Mamba：选择性状态空间模型\n/);
    expect(readFileSync(path.join(dir, 'planned.yaml'), 'utf8')).toBe('# planned\nrwkv: RWKV\n');
  });

  test.each([
    [['MLA', '--topic', 'llm'], /mla\.md exists already/],
    [['Whatever', '--topic', 'llm', '--slug', 'mla-old'], /formerSlugs/],
    [['注意力机制', '--topic', 'llm'], /--slug/],
    [['RWKV', '--topic', 'lm'], /did you mean "llm"/],
    [['RWKV', '--topcs', 'llm'], /Unknown option '--topcs'/],
  ])('%j fails, says why, and writes nothing', (args, message) => {
    const dir = content();
    const result = run(dir, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(readFileSync(path.join(dir, 'articles', 'mla.md'), 'utf8')).toContain('title: MLA');
    expect(existsSync(path.join(dir, 'articles', 'rwkv.md'))).toBe(false);
  });
});
