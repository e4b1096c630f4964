import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { describe, expect, test } from 'vitest';
import { bundleFolder, emittedFiles } from '../../src/integrations/emitted-files.ts';
import { bundleOf, filesOf } from '../../src/lib/file-bundle.ts';
import { formerAddressPage, forwardingPageHtml, sectionPageHtml, type SectionPage } from '../../src/site/forwarding-pages.ts';

const page: SectionPage = {
  slug: 'old-mla',
  article: { id: 'mla', title: '多头潜在注意力 "MLA" <DeepSeek>', summary: '把 K/V 压成低秩潜向量 & 只缓存它。' },
  section: { id: '低秩压缩', depth: 2, title: '低秩压缩 <c_t>', excerpt: 'KV cache 从 2n_hd_h 降到 d_c + d_h^R，"省" 了 93%。' },
  preview: { published: new Date('2024-05-07'), modified: new Date('2026-11-20'), section: '大语言模型', tags: ['attention', 'kv-cache'] },
};

/** The page as a parser reads it: its head's tags by property, name or http-equiv. */
function headOf(html: string) {
  const document = fromHtml(html);
  const root = document.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html')!;
  const head = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head')!;
  const tags = new Map<string, string[]>();
  let title = '';
  for (const node of head.children) {
    if (node.type !== 'element') continue;
    const attribute = (name: string) => (node.properties[name] === undefined ? undefined : String(node.properties[name]));
    if (node.tagName === 'title') title = toText(node);
    const key = attribute('property') ?? attribute('name') ?? attribute('httpEquiv') ?? (node.tagName === 'link' ? `link:${attribute('rel')}` : node.tagName);
    tags.set(key, [...(tags.get(key) ?? []), attribute('content') ?? attribute('href') ?? attribute('charSet') ?? '']);
  }
  return { lang: String(root.properties.lang), title, tags, doctype: document.children[0].type };
}

describe('a section\'s page', () => {
  const html = sectionPageHtml(page, 'https://notes.example.org');
  const { lang, title, tags, doctype } = headOf(html);

  test('previews as the section, with the article\'s image, and names the section in the article as canonical', () => {
    expect(doctype).toBe('doctype');
    expect(lang).toBe('zh-CN');
    expect(title).toBe('多头潜在注意力 "MLA" <DeepSeek> › 低秩压缩 <c_t> · 模型笔记');
    expect(tags.get('og:title')).toEqual(['多头潜在注意力 "MLA" <DeepSeek> › 低秩压缩 <c_t>']);
    expect(tags.get('og:description')).toEqual([page.section.excerpt]);
    expect(tags.get('description')).toEqual([page.section.excerpt]);
    expect(tags.get('og:url')).toEqual([`https://notes.example.org/old-mla/s/${encodeURIComponent('低秩压缩')}/`]);
    expect(tags.get('link:canonical')).toEqual([`https://notes.example.org/mla/#${encodeURIComponent('低秩压缩')}`]);
    expect(tags.get('og:image')).toEqual(['https://notes.example.org/previews/articles/mla.png']);
    expect(tags.get('og:image:alt')).toEqual([`${page.article.title}：${page.article.summary}`]);
    expect(tags.get('article:tag')).toEqual(['attention', 'kv-cache']);
    expect(tags.get('article:modified_time')).toEqual(['2026-11-20T00:00:00.000Z']);
    expect(tags.get('twitter:card')).toEqual(['summary_large_image']);
  });

  test('sends the reader to the section and runs nothing', () => {
    expect(tags.get('refresh')).toEqual([`0; url=/mla/#${encodeURIComponent('低秩压缩')}`]);
    expect(tags.get('content-security-policy')?.[0]).toMatch(/^default-src 'none'/);
    expect(html).not.toContain('<script');
    expect(html).toContain(`<a href="/mla/#${encodeURIComponent('低秩压缩')}">多头潜在注意力 "MLA" &lt;DeepSeek&gt; › 低秩压缩 &lt;c_t&gt;</a>`);
  });

  test('a section with a card of its own previews with it, described by its first sentence', () => {
    const carded = headOf(sectionPageHtml({ ...page, section: { ...page.section, fixed: true }, hasCard: true }, 'https://notes.example.org'));
    expect(carded.tags.get('og:image')).toEqual([`https://notes.example.org/previews/sections/mla/${encodeURIComponent('低秩压缩')}.png`]);
    expect(carded.tags.get('og:image:alt')).toEqual([`${page.article.title} › ${page.section.title}：${page.section.excerpt}`]);
  });

  test('falls back to the article\'s summary for a section with no prose', () => {
    const bare = headOf(sectionPageHtml({ ...page, section: { ...page.section, excerpt: '' } }, 'https://notes.example.org'));
    expect(bare.tags.get('og:description')).toEqual([page.article.summary]);
  });
});

describe('a renamed note\'s old address', () => {
  const html = forwardingPageHtml(formerAddressPage(page.article, page.preview), 'https://notes.example.org');
  const { title, tags } = headOf(html);

  test('previews as the article it now is, and forwards there, with the same renderer as section pages', () => {
    expect(title).toBe('多头潜在注意力 "MLA" <DeepSeek> · 模型笔记');
    expect(tags.get('og:url')).toEqual(['https://notes.example.org/mla/']);
    expect(tags.get('link:canonical')).toEqual(['https://notes.example.org/mla/']);
    expect(tags.get('og:description')).toEqual([page.article.summary]);
    expect(tags.get('refresh')).toEqual(['0; url=/mla/']);
    expect(tags.get('og:image')).toEqual(['https://notes.example.org/previews/articles/mla.png']);
  });
});

describe('the files emitters make', () => {
  /** A build output holding one emitter's response, as the route src/pages/emitted-files/ writes it. */
  const write = async (files: Array<[string, string]>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emitted-'));
    mkdirSync(path.join(dir, bundleFolder));
    writeFileSync(path.join(dir, bundleFolder, 'test-files.bin'), bundleOf(files));
    const messages: string[] = [];
    const logger = { info: (message: string) => messages.push(message) };
    const hook = emittedFiles().hooks['astro:build:done'] as unknown as (options: { dir: URL; logger: typeof logger }) => Promise<void>;
    try {
      await hook({ dir: pathToFileURL(dir + '/'), logger });
      return { dir, messages };
    } catch (error) {
      rmSync(dir, { recursive: true });
      throw error;
    }
  };

  test('are written into the build output when the pages are done, and the emitter\'s response is removed', async () => {
    const { dir, messages } = await write([['mla/s/低秩压缩/index.html', '<p>甲</p>'], ['mla/preview.json', '{}']]);
    expect(readFileSync(path.join(dir, 'mla/s/低秩压缩/index.html'), 'utf8')).toBe('<p>甲</p>');
    expect(readFileSync(path.join(dir, 'mla/preview.json'), 'utf8')).toBe('{}');
    expect(messages[0]).toMatch(/^2 test files in \d+ ms$/);
    expect(existsSync(path.join(dir, bundleFolder))).toBe(false);
    rmSync(dir, { recursive: true });
  });

  test('travel from the route to the integration as one bundle, bodies byte for byte', () => {
    const files: Array<[string, string]> = [['a/s/低秩/index.html', '<p>甲\n乙</p>'], ['a/preview.json', ''], ['b/preview.json', '{"x":"3\n4"}']];
    expect(filesOf(bundleOf(files)).map(([file, body]) => [file, body.toString('utf8')])).toEqual(files);
    expect(() => filesOf(Buffer.from('a/index.html\n99'))).toThrow(/cut short/);
  });

  test('never land outside the build output', async () => {
    await expect(write([['../escaped.html', 'x']])).rejects.toThrow('an emitter made "../escaped.html", which is outside the build output');
  });
});
