import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, inject, test } from 'vitest';
import { useBrowser } from './browser.ts';
import { root } from './fixture-build.ts';
import { siteUrl } from '../../src/lib/site.ts';
import { EditableMarkdown } from '../../src/markdown/editable-markdown.ts';

const site = siteUrl();
const dist = path.join(root, 'dist');
const { open } = useBrowser();
const slugs = readdirSync(path.join(root, 'content/articles')).map((file) => file.replace(/\.mdx?$/, ''));

/** A file as a reader's client gets it from the server: its type and its bytes, which must be UTF-8. */
async function fetchText(pathname: string) {
  const response = await fetch(inject('baseUrl') + pathname);
  expect(response.status, pathname).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { type: response.headers.get('content-type') ?? '', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
}

/** The Markdown read as the site reads it. */
const parse = (markdown: string) => new EditableMarkdown(markdown).tree;

/** Every address a Markdown text links to, its images included. */
function addressesIn(markdown: string): string[] {
  const found: string[] = [];
  visit(parse(markdown), (node: Nodes) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') found.push(node.url);
  });
  return found;
}

/** The TeX of every formula a Markdown text writes, in order. */
function formulasIn(markdown: string): string[] {
  const found: string[] = [];
  visit(parse(markdown), (node: Nodes) => {
    if (node.type === 'math' || node.type === 'inlineMath') found.push(node.value.trim());
  });
  return found;
}

const decode = (text: string) => text.replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16))).replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
  .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The TeX of the formulas in an article page's text (KaTeX keeps it in an annotation), in order. */
function pageFormulas(slug: string): string[] {
  const html = readFileSync(path.join(dist, slug, 'index.html'), 'utf8');
  const prose = /<div class="prose"[^>]*>([\s\S]*?)<\/article>/.exec(html)![1];
  return [...prose.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map(([, tex]) => decode(tex).trim());
}

describe('the notes as Markdown', () => {
  test('each note is at /<slug>.md, and /llms.txt and /llms-full.txt are there: UTF-8 text, as the build wrote them', async () => {
    for (const pathname of [...slugs.map((slug) => `/${slug}.md`), '/llms.txt', '/llms-full.txt']) {
      const { type, text } = await fetchText(pathname);
      expect(type, pathname).toMatch(pathname.endsWith('.md') ? /^text\/markdown/ : /^text\/plain/);
      expect(text, pathname).toBe(readFileSync(path.join(dist, pathname), 'utf8'));
    }
    const mla = (await fetchText('/mla.md')).text;
    expect(mla.split('\n')[0]).toBe('# 从 MHA、MQA、GQA 到 MLA');
    expect(mla).toContain(`- 网页：[${site}/mla/](${site}/mla/)`);
  });

  test('every address in them is absolute, and every one on this site leads to a file of the build, and to an id on the page for a #fragment', () => {
    const files = [...slugs.map((slug) => `${slug}.md`), 'llms.txt', 'llms-full.txt'];
    const pages = new Map<string, string>();
    const pageText = (file: string) => pages.get(file) ?? pages.set(file, readFileSync(file, 'utf8')).get(file)!;
    let checked = 0;
    for (const file of files) {
      for (const address of addressesIn(readFileSync(path.join(dist, file), 'utf8'))) {
        const url = new URL(address);
        expect(url.protocol, `${file}: ${address}`).toMatch(/^https?:$/);
        if (url.origin !== new URL(site).origin) continue;
        const pathname = decodeURIComponent(url.pathname);
        const target = path.join(dist, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
        expect(existsSync(target), `${file}: ${address}`).toBe(true);
        const id = decodeURIComponent(url.hash.slice(1));
        if (id) expect(pageText(target).includes(` id="${id}"`), `${file}: ${address}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(slugs.length * 2);
  });

  test('llms.txt lists every note\'s copy under its topic, and llms-full.txt holds every copy', () => {
    const llms = readFileSync(path.join(dist, 'llms.txt'), 'utf8');
    const full = readFileSync(path.join(dist, 'llms-full.txt'), 'utf8');
    expect(llms.startsWith('# 模型笔记\n\n> ')).toBe(true);
    const listed = addressesIn(llms).filter((address) => address.endsWith('.md'));
    expect(listed.sort()).toEqual(slugs.map((slug) => `${site}/${slug}.md`).sort());
    for (const slug of slugs) expect(full).toContain(readFileSync(path.join(dist, `${slug}.md`), 'utf8'));
  });

  test('keep every formula of the page as its TeX, and carry no HTML', () => {
    for (const slug of slugs) {
      const copy = readFileSync(path.join(dist, `${slug}.md`), 'utf8');
      expect(formulasIn(copy), slug).toEqual(pageFormulas(slug));
      const html: string[] = [];
      visit(parse(copy), 'html', (node) => {
        html.push(node.value);
      });
      expect(html, slug).toEqual([]);
      expect(copy, slug).not.toMatch(/class="|<svg|data-pagefind/);
    }
    expect(formulasIn(readFileSync(path.join(dist, 'mla.md'), 'utf8'))).toContain('\\text{KV cache}_{\\text{MHA}} = 2\\,n_h\\,d_h\\ \\text{个元素}');
  });
});

describe('an article page', () => {
  test('names its Markdown copy as an alternate', async () => {
    const page = await open('/mla/');
    const alternate = page.locator('head link[rel="alternate"][type="text/markdown"]');
    expect(await alternate.evaluate((link: HTMLLinkElement) => link.href)).toBe(`${inject('baseUrl')}/mla.md`);
    await page.context().close();
  });

  test('复制为 Markdown puts the note\'s Markdown on the clipboard, from a click or the keyboard', async () => {
    const markdown = (await fetchText('/mla.md')).text;
    const page = await open('/mla/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const button = page.getByRole('button', { name: '复制为 Markdown' });
    await button.click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('已复制为 Markdown：从 MHA、MQA、GQA 到 MLA');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);

    // From the keyboard: the next stop after 复制链接, and Enter or Space press it.
    for (const key of ['Enter', 'Space']) {
      await page.evaluate(() => navigator.clipboard.writeText(''));
      await page.getByRole('button', { name: '复制链接', exact: true }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('复制为 Markdown');
      await page.keyboard.press(key);
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
    }
    await page.context().close();
  });

  test('shows no copy button without scripts', async () => {
    const page = await open('/mla/', { javaScriptEnabled: false });
    await expect.poll(() => page.getByRole('button', { name: '复制为 Markdown' }).count()).toBe(0);
    expect(await page.locator('button[data-markdown-url]').count()).toBe(1);
    await page.context().close();
  });
});
