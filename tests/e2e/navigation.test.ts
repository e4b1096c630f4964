import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';
import { frontmatter, useFixtureBuilds } from './fixture-build.ts';
import { serveStatic } from './static-server.ts';

const site = useBrowser();

describe('browsing', () => {
  test('home → topic → article', async () => {
    const page = await site.open('/');
    expect(await page.getByRole('heading', { level: 2, name: /训练与推理工程/ }).isVisible()).toBe(true);
    await page.getByRole('heading', { level: 2, name: /训练与推理工程/ }).getByRole('link').click();
    await page.waitForURL('**/topics/systems/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('训练与推理工程');
    await page.getByRole('link', { name: 'FlashAttention', exact: true }).click();
    await page.waitForURL('**/flash-attention/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('FlashAttention');
    await page.context().close();
  });

  test('the home page lists every topic and the latest notes', async () => {
    const page = await site.open('/');
    for (const name of ['大语言模型', '多模态', '生成模型', '训练与推理工程', '计算机视觉', '传统机器学习']) {
      expect(await page.getByRole('heading', { level: 2, name: new RegExp(name) }).count(), name).toBe(1);
    }
    const latest = page.getByRole('region', { name: '最近更新' });
    expect(await latest.getByRole('link').count()).toBeGreaterThan(3);
    await page.context().close();
  });

  test('an article tag leads to the tag page, which lists the article; the tag index lists the tag', async () => {
    const page = await site.open('/xgboost/');
    const tags = page.getByRole('list', { name: '标签' });
    const first = tags.getByRole('link').first();
    const tag = (await first.textContent())!.replace('#', '');
    await first.click();
    await page.waitForURL(`**/tags/${tag}/`);
    expect(await page.getByRole('link', { name: 'XGBoost', exact: true }).count()).toBe(1);
    await page.goto('/tags/');
    expect(await page.getByRole('link', { name: new RegExp(`^#${tag}\\b`) }).count()).toBe(1);
    await page.context().close();
  });

  test('an unknown address gets the 404 page, which offers search', async () => {
    const page = await site.open('/');
    const response = await page.goto('/flash-atention/');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('页面不存在');
    const box = page.getByRole('main').getByRole('searchbox');
    expect(await box.inputValue()).toBe('flash atention');
    await box.fill('FlashAttention');
    await expect.poll(() => page.getByRole('main').locator('.search-result a').first().getAttribute('href'), { timeout: 10_000 }).toMatch(/^\/flash-attention\//);
    await page.context().close();
  });

  test('on a phone the article fits the screen and the table of contents starts folded', async () => {
    const page = await site.open('/deepseek-v3/', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const toc = page.getByRole('navigation', { name: '目录' });
    expect(await toc.getByRole('link').first().isVisible()).toBe(false);
    await toc.locator('summary').click();
    expect(await toc.getByRole('link').first().isVisible()).toBe(true);
    await page.context().close();
  });

  test('keyboard users can skip to the content and see where focus is', async () => {
    const page = await site.open('/clip/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到正文' });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await skip.evaluate((link) => getComputedStyle(link).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });
});

describe('a topic with more notes than the home page shows', () => {
  const build = useFixtureBuilds();
  const name = (i: number) => `笔记 ${String(i).padStart(2, '0')}`;

  test('the home page shows its first notes and links to the topic page, which lists them all', async () => {
    const notes = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`articles/note-${i}.md`, frontmatter('', name(i)) + '\n正文。\n']));
    const { ok, output, dist } = build('crowded-topic', notes);
    expect(ok, output).toBe(true);
    const server = await serveStatic(dist);
    try {
      const page = await site.open(`${server.url}/`);
      const topic = page.getByRole('region', { name: /大语言模型/ });
      expect(await topic.getByRole('heading', { level: 3 }).allTextContents()).toEqual(Array.from({ length: 12 }, (_, i) => name(i)));
      await topic.getByRole('link', { name: '查看大语言模型的全部 13 篇笔记' }).click();
      await page.waitForURL('**/topics/llm/');
      expect(await page.getByRole('main').getByRole('link', { name: /^笔记 \d\d$/ }).count()).toBe(13);
      await page.context().close();
    } finally {
      await server.close();
    }
  }, 120_000);
});
