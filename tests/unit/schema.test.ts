import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { articleSchema, articleSchemaOf, topicSchema } from '../../src/content/schema.ts';
import { slugFromPath } from '../../src/lib/slugs.ts';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { frontmatterFieldLine, schemaIssueLine } from '../../src/content/frontmatter.ts';

const schema = articleSchema({ topics: ['llm', 'systems'], articles: ['mla', 'deepseek-v3'] });
const valid = {
  title: 'FlashAttention',
  summary: '通过分块与在线 softmax 减少显存读写的精确注意力算法。',
  topic: 'systems',
  tags: ['attention', 'kv-cache'],
  aliases: ['闪存注意力'],
  paper: { title: 'FlashAttention', authors: ['Tri Dao', 'Daniel Y. Fu', 'Stefano Ermon', 'Atri Rudra', 'Christopher Ré'], url: 'https://arxiv.org/abs/2205.14135', arxiv: '2205.14135', venue: 'NeurIPS 2022', year: 2022 },
  code: 'https://github.com/Dao-AILab/flash-attention',
  created: '2026-11-22',
  related: ['mla'],
};

function issuesOf(data: unknown): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('article frontmatter', () => {
  test('a complete entry passes, with defaults filled in', () => {
    const data = schema.parse(valid);
    expect(data.draft).toBe(false);
    expect(data.created).toEqual(new Date('2026-11-22'));
    expect(data.updated).toBeUndefined();
  });

  test('only title, summary, topic and created are required', () => {
    const data = schema.parse({ title: 'X', summary: '一句完整的话作为摘要就够了。', topic: 'llm', created: '2026-01-01' });
    expect(data).toMatchObject({ tags: [], aliases: [], related: [], draft: false, termHints: true });
  });

  test('`termHints: false` switches off the marked glossary terms of a note; anything but a boolean is refused', () => {
    expect(schema.parse({ ...valid, termHints: false }).termHints).toBe(false);
    expect(issuesOf({ ...valid, termHints: 'no' })).toEqual([expect.stringMatching(/^termHints:/)]);
  });

  test.each([
    ['a missing summary', { summary: undefined }, /^summary:/],
    ['an unknown topic', { topic: 'nlp' }, /^topic: "nlp" is not a topic in content\/topics.yaml; did you mean "llm"/],
    ['a tag with capitals', { tags: ['KV-Cache'] }, /^tags\.0: tags are lower-case kebab-case/],
    ['an arXiv id written as a number', { paper: { ...valid.paper, arxiv: 2205.14135 } }, /^paper\.arxiv:/],
    ['a paper URL that is not a URL', { paper: { ...valid.paper, url: 'arxiv 2205.14135' } }, /^paper\.url:/],
    ['a paper without a year', { paper: { ...valid.paper, year: undefined } }, /^paper\.year: missing; add the year the paper first appeared/],
    ['a paper without a title', { paper: { ...valid.paper, title: undefined } }, /^paper\.title: missing; add this field/],
    ['a paper without authors', { paper: { ...valid.paper, authors: undefined } }, /^paper\.authors: missing; add this field/],
    ['a paper with an empty list of authors', { paper: { ...valid.paper, authors: [] } }, /^paper\.authors: list the authors as the paper does/],
    ['an author who is an empty name', { paper: { ...valid.paper, authors: ['Tri Dao', ' '] } }, /^paper\.authors\.1: an author is a name/],
    ['a misspelt field', { sumary: 'x' }, /^sumary: "sumary" is not a field here; did you mean "summary"/],
    ['a misspelt field of the paper', { paper: { ...valid.paper, urll: 'x' } }, /^paper\.urll: "urll" is not a field here; did you mean "url"/],
    ['a code link that runs script', { code: 'javascript:alert(document.domain)' }, /^code: "javascript:alert\(document.domain\)" is not a web address; write an http:\/\/ or https:\/\/ address/],
    ['a paper link with a data: address', { paper: { ...valid.paper, url: 'data:text/html,hi' } }, /^paper\.url: "data:text\/html,hi" is not a web address/],
    ['a paper link to an FTP server', { paper: { ...valid.paper, url: 'ftp://example.org/paper.pdf' } }, /^paper\.url: .* is not a web address/],
    ['a date that is not a date', { created: 'yesterday' }, /^created:/],
    ['a related entry that names no article', { related: ['mla', 'deepseek-v4'] }, /^related\.1: "deepseek-v4" is not an article in content\/articles; did you mean "deepseek-v3"/],
    ['a summary that is a paragraph', { summary: '很长的摘要。'.repeat(40) }, /^summary: keep the summary to one sentence/],
    ['a former slug that is a live article', { formerSlugs: ['mla'] }, /^formerSlugs\.0: "mla" is the slug of a live article, so it cannot also redirect/],
    ['a former slug that is a site route', { formerSlugs: ['tags'] }, /^formerSlugs\.0: "tags" is a route of the site/],
    ['a former slug that is not a slug', { formerSlugs: ['Flash Attention'] }, /^formerSlugs\.0: a former slug is lower-case kebab-case/],
  ])('%s is refused, naming the field', (_name, change, message) => {
    const issues = issuesOf({ ...valid, ...change });
    expect(issues.some((issue) => message.test(issue)), issues.join('\n')).toBe(true);
  });
});

describe('the line of a frontmatter field', () => {
  const source = '---\ntitle: X\npaper:\n  title: Y\n  url: javascript:alert(1)\ntags:\n  - a\n  - B\n---\n正文\n';
  test.each([
    [['title'], 2],
    [['paper', 'url'], 5],
    [['tags', '1'], 8],
    [['summary'], undefined],
    [['paper', 'year'], undefined],
  ])('%j is at line %s of the file', (fieldPath, line) => {
    expect(frontmatterFieldLine(source, fieldPath)).toBe(line);
  });

  test.each([
    [['paper', 'url'], 5],
    [['paper', 'year'], 3],
    [['summary'], 9],
  ])('an issue at %j is named at line %s: its own, else the entry it belongs in, else the closing ---', (fieldPath, line) => {
    expect(schemaIssueLine(source, fieldPath)).toBe(line);
  });
});

describe('the content folder', () => {
  const root = path.resolve(import.meta.dirname, '../../content');
  const topics = parseYaml(readFileSync(path.join(root, 'topics.yaml'), 'utf8')) as Record<string, unknown>;
  const files = readdirSync(path.join(root, 'articles'), { recursive: true, encoding: 'utf8' }).filter((file) => /\.mdx?$/.test(file));
  const slugs = files.map((file) => slugFromPath(file));

  test('has the six topics of the catalog, each complete', () => {
    expect(Object.keys(topics).sort()).toEqual(['classic-ml', 'generative', 'llm', 'multimodal', 'systems', 'vision']);
    for (const topic of Object.values(topics)) topicSchema.parse(topic);
  });

  test('the schema is built once for a state of the folder, and again when the folder changes', () => {
    // Astro asks for it once a note; a new index (a note added in `astro dev`) must be seen.
    const index = readNoteIndex(root);
    expect(articleSchemaOf(index)).toBe(articleSchemaOf(index));
    const added = { ...index, articles: [...index.articles, 'a-new-note'] };
    expect(articleSchemaOf(added)).not.toBe(articleSchemaOf(index));
    const linking = { title: '新笔记', summary: '一句话说清这篇笔记讲什么。', topic: index.topics[0], created: '2026-12-06', related: ['a-new-note'] };
    expect(articleSchemaOf(added).safeParse(linking).success).toBe(true);
    expect(articleSchemaOf(index).safeParse(linking).success).toBe(false);
  });

  test('every article has valid frontmatter whose topic and related entries exist', () => {
    const index = readNoteIndex(root);
    const real = articleSchemaOf(index);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = readFileSync(path.join(root, 'articles', file), 'utf8');
      const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(source);
      expect(frontmatter, `${file} has no frontmatter`).not.toBeNull();
      const result = real.safeParse(parseYaml(frontmatter![1]));
      expect(result.success, `${file}: ${result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`).toBe(true);
    }
  });

  test("a paper's year is the year of its first arXiv version, as the schema says", () => {
    const wrong = files.flatMap((file) => {
      const paper = (parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(root, 'articles', file), 'utf8'))![1]) as { paper?: { arxiv?: string; year?: number } }).paper;
      if (!paper?.arxiv || paper.year === undefined) return [];
      const first = 2000 + Number(paper.arxiv.slice(0, 2));
      return paper.year === first ? [] : [`${file}: year ${paper.year}, but arXiv ${paper.arxiv} first appeared in ${first}`];
    });
    expect(wrong).toEqual([]);
  });

  test('slugs are unique', () => {
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});
