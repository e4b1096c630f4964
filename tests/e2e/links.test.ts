import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';

const site = useBrowser();

describe('links between notes', () => {
  test('an article ends with the notes linking to it, each with its summary and the sentence that links', async () => {
    const page = await site.open('/mla/');
    const section = page.getByRole('region', { name: /反向链接/ });
    const entry = section.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'DeepSeek-V3', exact: true }) });
    expect(await entry.locator('.backlink-summary').textContent()).toMatch(/671B/);
    expect(await entry.locator('.backlink-context').first().innerText()).toMatch(/MHA、MQA、GQA/);
    expect(await entry.locator('.backlink-context mark').first().textContent()).toBeTruthy();
    // The linking note really links here: the backlink is the inversion of a link a reader can follow.
    await entry.getByRole('link', { name: 'DeepSeek-V3', exact: true }).click();
    await page.waitForURL(/\/deepseek-v3\/$/);
    expect(await page.locator('.prose a[href="/mla/"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  test('related notes list the author\'s choices first, with summaries', async () => {
    const page = await site.open('/deepseek-v3/');
    const related = page.getByRole('complementary', { name: '相关笔记' });
    const titles = await related.locator('.article-card-title').allTextContents();
    expect(titles[0]).toBe('从 MHA、MQA、GQA 到 MLA');
    expect(titles.length).toBeGreaterThan(1);
    expect(await related.locator('.article-card-summary').first().textContent()).toMatch(/\p{Script=Han}{5,}/u);
    await page.context().close();
  });
});
