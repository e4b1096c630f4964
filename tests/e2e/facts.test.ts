import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';

const site = useBrowser();

describe('model facts', () => {
  test('a topic page compares its models in a table that sorts by a column', async () => {
    const page = await site.open('/topics/multimodal/');
    const table = page.getByRole('table', { name: /模型事实/ });
    const names = () => table.locator('tbody th').allTextContents();
    const before = await names();
    expect(before).toEqual(expect.arrayContaining(['Qwen-VL', 'InternVL 1.5', 'Kimi-VL-A3B']));
    // Built in order of release, oldest first.
    expect(before.indexOf('Qwen-VL')).toBeLessThan(before.indexOf('Kimi-VL-A3B'));
    const row = table.getByRole('row').filter({ hasText: 'Qwen-VL' });
    expect(await row.innerText()).toMatch(/ViT-bigG[\s\S]*Qwen-7B/);

    const params = table.getByRole('button', { name: /参数/ });
    await params.click();
    await expect.poll(async () => (await names())[0]).toBe('UI-TARS-72B');
    expect(await table.getByRole('columnheader', { name: /参数/ }).getAttribute('aria-sort')).toBe('descending');
    await params.click();
    expect(await table.getByRole('columnheader', { name: /参数/ }).getAttribute('aria-sort')).toBe('ascending');
    expect((await names()).at(-1)).toBe('UI-TARS-72B');
    await page.context().close();
  });

  test('an article shows its model facts with the rest of its metadata', async () => {
    const page = await site.open('/deepseek-v3/');
    const meta = await page.locator('.article-meta').innerText();
    expect(meta).toMatch(/参数\s*671B（每 token 激活 37B）/);
    expect(meta).toMatch(/上下文\s*128K/);
    expect(meta).toMatch(/注意力\s*MLA/);
    await page.context().close();
  });

  test('without script the table reads in release order', async () => {
    const page = await site.open('/topics/llm/', { javaScriptEnabled: false });
    const names = await page.getByRole('table', { name: /模型事实/ }).locator('tbody th').allTextContents();
    expect(names.indexOf('LLaMA 65B')).toBeLessThan(names.indexOf('DeepSeek-V3'));
    expect(await page.getByRole('button', { name: /参数/ }).count()).toBe(0);
    await page.context().close();
  });

  test('the timeline lists models by date and filters by topic', async () => {
    const page = await site.open('/timeline/');
    const items = page.locator('.timeline-item:visible');
    const all = await items.count();
    const v3 = (list: typeof items) => list.filter({ has: page.getByRole('link', { name: 'DeepSeek-V3', exact: true }) });
    expect(await v3(page.locator('.timeline-item')).locator('time').textContent()).toBe('2024-12-26');
    await page.getByRole('radio', { name: '多模态' }).check();
    await expect.poll(() => items.count()).toBeLessThan(all);
    expect(await items.filter({ has: page.getByRole('link', { name: 'Qwen-VL', exact: true }) }).count()).toBe(1);
    expect(await v3(items).count()).toBe(0);
    expect(page.url()).toMatch(/\?topic=multimodal$/);
    await page.reload();
    await expect.poll(() => v3(items).count()).toBe(0);
    await page.getByRole('radio', { name: '全部' }).check();
    await expect.poll(() => items.count()).toBe(all);
    await page.context().close();
  });

  test('the map draws every note as a link, coloured by topic, with the links between notes', async () => {
    const page = await site.open('/graph/');
    const map = page.getByRole('group', { name: '笔记之间的链接图' });
    const nodes = map.locator('a.graph-node');
    expect(await nodes.count()).toBeGreaterThan(40);
    expect(await map.locator('.graph-edges line').count()).toBeGreaterThan(40);
    const colours = await nodes.locator('circle').evaluateAll((circles) => new Set(circles.map((circle) => getComputedStyle(circle).fill)).size);
    expect(colours).toBeGreaterThan(4);
    await map.locator('a.graph-node[href="/clip/"]').click();
    await page.waitForURL(/\/clip\/$/);
    await page.context().close();
  });
});
