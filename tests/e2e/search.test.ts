import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';

const site = useBrowser();

/** Slugs of the results the search page lists for a query, best first. */
async function resultSlugs(page: Page, query: string): Promise<string[]> {
  await page.goto(`/search/?q=${encodeURIComponent(query)}`);
  const status = page.getByRole('main').getByRole('status');
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/找到|没有找到/);
  const hrefs = await page.getByRole('main').locator('.search-result a.result-link').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
  return hrefs.map((href) => href.split('/')[1]);
}

// Chinese, English, mixed, abbreviations, aliases and concepts inside the text, each with the
// article that must come first (first five: the foundation issue's acceptance queries) or in the top 3.
const mustBeFirst: Array<[string, string]> = [
  ['IO 复杂度', 'flash-attention'],
  ['MoE 专家路由', 'deepseek-v3'],
  ['温度系数', 'clip'],
  ['隐式奖励', 'dpo'],
  ['叶子权重', 'xgboost'],
];
const mustBeInTop3: Array<[string, string]> = [
  ['FlashAttention', 'flash-attention'],
  ['flashattention', 'flash-attention'],
  ['在线 softmax', 'flash-attention'],
  ['SRAM', 'flash-attention'],
  ['分块', 'flash-attention'],
  ['DeepSeek-V3', 'deepseek-v3'],
  ['DualPipe', 'deepseek-v3'],
  ['FP8 混合精度', 'deepseek-v3'],
  ['多 token 预测', 'deepseek-v3'],
  ['负载均衡', 'deepseek-v3'],
  ['CLIP', 'clip'],
  ['对比学习', 'clip'],
  ['InfoNCE', 'clip'],
  ['零样本分类', 'clip'],
  ['DPO', 'dpo'],
  ['直接偏好优化', 'dpo'],
  ['Bradley-Terry', 'dpo'],
  ['RLHF 奖励模型', 'dpo'],
  ['XGBoost', 'xgboost'],
  ['二阶泰勒展开', 'xgboost'],
  ['分裂增益', 'xgboost'],
  ['稀疏感知', 'xgboost'],
];

describe('search', () => {
  test('finds the right article first for the acceptance queries', async () => {
    const page = await site.open('/search/');
    const misses: string[] = [];
    for (const [query, slug] of mustBeFirst) {
      const results = await resultSlugs(page, query);
      if (results[0] !== slug) misses.push(`${query} → ${results.slice(0, 3).join(', ') || 'nothing'} (want ${slug} first)`);
    }
    expect(misses).toEqual([]);
    await page.context().close();
  });

  test('finds the right article in the first three for Chinese, English and mixed queries', async () => {
    const page = await site.open('/search/');
    const misses: string[] = [];
    for (const [query, slug] of mustBeInTop3) {
      const results = await resultSlugs(page, query);
      if (!results.slice(0, 3).includes(slug)) misses.push(`${query} → ${results.slice(0, 3).join(', ') || 'nothing'} (want ${slug})`);
    }
    expect(misses).toEqual([]);
    await page.context().close();
  });

  test('a result shows title, topic and a marked excerpt, and opens the matching section', async () => {
    const page = await site.open('/search/?q=' + encodeURIComponent('在线 softmax'));
    const first = page.getByRole('main').locator('.search-result').first();
    await expect.poll(() => first.locator('.result-title').textContent(), { timeout: 10_000 }).toBe('FlashAttention');
    expect(await first.locator('.result-topic').textContent()).toBe('训练与推理工程');
    expect(await first.locator('.result-excerpt mark').count()).toBeGreaterThan(0);
    const href = (await first.locator('a.result-link').getAttribute('href'))!;
    expect(href).toMatch(/^\/flash-attention\/#.+/);
    await first.locator('a.result-link').click();
    await page.waitForURL('**/flash-attention/**');
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`[id="${id}"]`).count()).toBe(1);
    await page.context().close();
  });

  test('the query lives in the address, so a search can be shared', async () => {
    const page = await site.open('/search/');
    await page.getByRole('main').getByRole('searchbox').fill('DualPipe');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('DualPipe');
    await expect.poll(() => page.getByRole('main').locator('.search-result').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.context().close();
  });

  test('/ and Ctrl-K open search from any page; arrows and Enter open a result', async () => {
    const page = await site.open('/clip/');
    const dialog = page.getByRole('dialog', { name: '搜索' });
    expect(await dialog.isVisible()).toBe(false);
    await page.keyboard.press('/');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const input = dialog.getByRole('searchbox');
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.keyboard.press('Control+k');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.type('叶子权重');
    await expect.poll(() => dialog.locator('.search-result').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    expect(await dialog.locator('a.result-link').first().evaluate((link) => link === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/xgboost/**');
    await page.context().close();
  });

  test('the header search button opens the dialog', async () => {
    const page = await site.open('/');
    await page.getByRole('banner').getByRole('link', { name: /搜索/ }).click();
    expect(await page.getByRole('dialog', { name: '搜索' }).isVisible()).toBe(true);
    await page.context().close();
  });
});
