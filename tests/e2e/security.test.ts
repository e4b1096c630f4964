import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';
import { serveStatic } from './static-server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const site = useBrowser();

/** Records policy violations and dialogs (an `alert` that ran) from the first script on each page. */
async function watch(page: Page) {
  await page.context().addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { dialogs, violations: (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations) };
}

describe('the content security policy of the built site', () => {
  test('allows scripts only from the site and by hash, never inline or eval', () => {
    for (const page of ['index.html', 'flash-attention/index.html', 'search/index.html', '404.html']) {
      const html = readFileSync(path.join(root, 'dist', page), 'utf8');
      const policy = html.match(/<meta http-equiv="content-security-policy" content="([^"]*)"/)?.[1];
      expect(policy, page).toBeDefined();
      const scriptSrc = policy!.split(';').map((directive) => directive.trim()).find((directive) => directive.startsWith('script-src '));
      expect(scriptSrc).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+')+$/);
      expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
      expect(policy).toContain("object-src 'none'");
    }
  });

  test('lets every page do its work with no violation: remembered theme, copy buttons, search', async () => {
    const page = await site.open('/');
    const { violations } = await watch(page);
    await page.evaluate(() => localStorage.setItem('theme', 'dark'));
    for (const pathname of ['/', '/flash-attention/', '/topics/llm/', '/no-such-page/']) {
      await page.goto(pathname);
      // The inline theme script ran before paint, under the policy.
      expect(await page.evaluate(() => document.documentElement.dataset.theme), pathname).toBe('dark');
      expect(await violations(page), pathname).toEqual([]);
    }
    await page.goto('/flash-attention/');
    await expect.poll(() => page.getByRole('button', { name: /复制代码/ }).first().isVisible()).toBe(true);
    await page.goto('/search/?q=softmax');
    await page.getByRole('main').locator('.search-result').first().waitFor();
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  test('ships host headers for Netlify and Cloudflare Pages', () => {
    const headers = readFileSync(path.join(root, 'dist/_headers'), 'utf8');
    expect(headers).toMatch(/^\/\*\n( {2}[A-Za-z-]+: .+\n)+/);
    expect(headers).toContain("frame-ancestors 'none'");
    expect(headers).toContain('X-Content-Type-Options: nosniff');
    expect(headers).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('a note with HTML and script in it', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'notes-hostile-'));
  const content = path.join(work, 'content');
  const dist = path.join(work, 'dist');
  let server: Awaited<ReturnType<typeof serveStatic>>;
  const hostile = '<script>alert("script")</script>';
  const handler = '<img src=x onerror="alert(\'onerror\')">';

  beforeAll(async () => {
    const files: Record<string, string> = {
      'topics.yaml': 'llm:\n  name: 大语言模型\n  nameEn: LLM\n  description: 测试主题。\n  order: 1\n',
      'articles/hostile-note.md': `---\ntitle: 注入测试 <b>粗</b>\nsummary: 摘要里也有 ${hostile} 与 ${handler} 两段。\ntopic: llm\ncreated: 2026-11-22\n---\n\n## 正文\n\n正文里写着 ${hostile} 和 ${handler}，读者应当看到这些字符。\n\n${hostile}\n\n<div onclick="alert('div')">xsstoken 块</div>\n\n\`\`\`html\n${hostile}\n\`\`\`\n`,
      'articles/component-note.mdx': `---\ntitle: 组件笔记\nsummary: 一篇 MDX 笔记，其中的内联事件处理器必须被页面策略拦下。\ntopic: llm\ncreated: 2026-11-22\n---\n\n## 正文\n\n<img src="/x.png" alt="坏图" onerror="alert('mdx')" />\n`,
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
      writeFileSync(path.join(content, file), text);
    }
    const env = { ...process.env, CONTENT_DIR: content, OUT_DIR: dist, CACHE_DIR: path.join(work, 'cache'), FORCE_COLOR: '0' };
    const astro = spawnSync(path.join(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, env, encoding: 'utf8' });
    expect(astro.status, astro.stdout + astro.stderr).toBe(0);
    server = await serveStatic(dist);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('runs none of it: the reader sees the characters, in prose and in code', async () => {
    const page = await site.open(`${server.url}/`);
    const { dialogs } = await watch(page);
    await page.goto(`${server.url}/hostile-note/`);
    const main = page.getByRole('main');
    await expect.poll(() => main.getByText(`正文里写着 ${hostile} 和 ${handler}`).count()).toBe(1);
    expect(await main.locator('.prose > p', { hasText: hostile }).count()).toBe(2);
    expect(await main.locator('pre code').textContent()).toBe(hostile);
    expect(await page.locator('img[src="x"], .prose script, .prose div[onclick]').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('注入测试 <b>粗</b>');
    expect(await page.locator('meta[property="og:description"]').getAttribute('content')).toBe(`摘要里也有 ${hostile} 与 ${handler} 两段。`);
    await page.getByText('xsstoken 块').click();
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  test('search results show the text escaped', async () => {
    const page = await site.open(`${server.url}/`);
    const { dialogs } = await watch(page);
    await page.goto(`${server.url}/search/?q=xsstoken`);
    const excerpt = page.getByRole('main').locator('.result-excerpt').first();
    await excerpt.waitFor();
    expect(await excerpt.textContent()).toContain('<div onclick="alert(\'div\')">');
    expect(await page.locator('.search-result div[onclick], .search-result img, .search-result script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  test('an inline handler in an .mdx component is blocked by the page policy', async () => {
    const page = await site.open(`${server.url}/`);
    const { dialogs, violations } = await watch(page);
    await page.goto(`${server.url}/component-note/`);
    await expect.poll(() => violations(page)).toContainEqual(expect.stringMatching(/^script-src(-attr)? inline$/));
    expect(dialogs).toEqual([]);
    await page.context().close();
  });
});
