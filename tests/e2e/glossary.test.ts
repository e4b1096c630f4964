import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';

const site = useBrowser();

describe('a note\'s own list of terms', () => {
  test('lists, folded at the end of the note, the terms it names in both languages, those it explains first, each linking to its entry', async () => {
    const page = await site.open('/mla/');
    const list = page.locator('details.article-terms');
    expect(await list.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await list.getByText('本文术语（中英对照）').click();
    const items = list.getByRole('listitem');
    expect(await items.count()).toBeGreaterThan(10);
    // MLA explains multi-head attention and the KV cache (content/glossary.yaml points there): they come first.
    const explained = await list.locator('li.explained-here').allTextContents();
    expect(explained.join(' ')).toContain('KV cache');
    expect(await items.first().getAttribute('class')).toBe('explained-here');
    const kvCache = items.filter({ hasText: 'KV cache' }).first();
    await kvCache.getByRole('link').click();
    await page.waitForURL('**/terms/#kv-cache');
    await page.context().close();
  });
});

describe('the glossary, /terms/', () => {
  test('is linked from every page\'s header and lists every term, at least 300, grouped by topic', async () => {
    const page = await site.open('/clip/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '术语' }).click();
    await page.waitForURL('**/terms/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('术语表');
    expect(await page.getByRole('term').count()).toBeGreaterThanOrEqual(300);
    for (const name of ['大语言模型', '多模态', '生成模型', '训练与推理工程', '计算机视觉', '传统机器学习']) {
      expect(await page.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) }).count(), name).toBe(1);
    }
    await page.context().close();
  });

  test('a term links to the section that explains it, and lists notes that use it', async () => {
    const page = await site.open('/terms/');
    const term = page.locator('#kv-cache');
    expect(await term.getByRole('term').textContent()).toContain('KV cache');
    const users = term.getByRole('definition').filter({ hasText: '也出现在' }).getByRole('link');
    expect(await users.allTextContents()).toEqual(expect.arrayContaining(['DeepSeek-V3', 'FlashAttention']));
    await term.getByRole('link', { name: '从 MHA、MQA、GQA 到 MLA › 问题：KV cache' }).click();
    await page.waitForURL('**/mla/#*');
    expect(await page.evaluate(() => document.querySelector(':target')?.textContent)).toContain('问题：KV cache');
    await page.context().close();
  });

  test('the filter finds a term by an English name, in any case, and by a Chinese name', async () => {
    const page = await site.open('/terms/');
    const box = page.getByRole('searchbox', { name: '筛选术语' });
    const shown = page.getByRole('term').filter({ visible: true });
    await box.fill('Knowledge Distillation');
    await expect.poll(() => shown.count()).toBe(1);
    expect(await shown.textContent()).toContain('知识蒸馏');
    expect(await page.getByRole('status').textContent()).toBe('显示 1 个术语');
    await box.fill('匈牙利算法');
    await expect.poll(() => shown.allTextContents()).toEqual([expect.stringContaining('Hungarian algorithm')]);
    // Only the topic that holds it stays.
    expect(await page.getByRole('heading', { level: 2 }).filter({ visible: true }).allTextContents()).toEqual([expect.stringMatching(/^计算机视觉/)]);
    await box.fill('没有这个术语');
    await expect.poll(() => shown.count()).toBe(0);
    expect(await page.getByText('没有名称含').isVisible()).toBe(true);
    await box.fill('');
    await expect.poll(() => shown.count()).toBeGreaterThanOrEqual(300);
    await page.context().close();
  });

  test('/terms/#<id> brings the term into view and marks it', async () => {
    const page = await site.open('/terms/#flow-matching', { reducedMotion: 'reduce' });
    const target = await page.evaluate(() => {
      const element = document.querySelector(':target');
      const box = element?.getBoundingClientRect();
      return { id: element?.id, inView: box !== undefined && box.top >= 0 && box.top < window.innerHeight };
    });
    expect(target).toEqual({ id: 'flow-matching', inView: true });
    expect(await page.locator('#flow-matching').getByRole('term').textContent()).toContain('流匹配');
    await page.context().close();
  });

  test('without script every term is listed and the filter box, which needs it, is not shown', async () => {
    const page = await site.open('/terms/', { javaScriptEnabled: false });
    expect(await page.getByRole('searchbox', { name: '筛选术语' }).isVisible()).toBe(false);
    expect(await page.getByRole('term').filter({ visible: true }).count()).toBe(await page.getByRole('term').count());
    await page.context().close();
  });

  test('on a phone the page fits the screen', async () => {
    const page = await site.open('/terms/', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.context().close();
  });
});
