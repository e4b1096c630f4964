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

describe('link previews', () => {
  test('pointing at a link to another note shows its title, summary and first lines, from a small file', async () => {
    const page = await site.open('/deepseek-v3/');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const link = page.locator('.prose a[href="/mla/"]').first();
    const preview = page.getByRole('tooltip');
    expect(await preview.isVisible()).toBe(false);
    await link.hover();
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.locator('.note-preview-title').textContent()).toBe('从 MHA、MQA、GQA 到 MLA');
    expect(await preview.locator('.note-preview-summary').textContent()).toMatch(/KV cache/);
    expect(await preview.locator('.note-preview-body .katex').count()).toBeGreaterThan(0);
    expect(await link.getAttribute('aria-describedby')).toBe('note-preview');
    expect(requests).toContain('/mla/preview.json');
    expect(requests).not.toContain('/mla/');
    // The card sits in the viewport, next to the link.
    const [box, anchor] = [await preview.boundingBox(), await link.boundingBox()];
    expect(Math.abs(box!.y - (anchor!.y + anchor!.height)) < 20 || Math.abs(box!.y + box!.height - anchor!.y) < 20).toBe(true);

    await page.mouse.move(0, 0);
    await expect.poll(() => preview.isVisible()).toBe(false);
    expect(await link.getAttribute('aria-describedby')).toBeNull();
    await page.context().close();
  });

  test('focusing a link by keyboard shows the preview and Escape closes it', async () => {
    const page = await site.open('/deepseek-v3/');
    const link = page.locator('.prose a[href="/mtp/"]').first();
    const preview = page.getByRole('tooltip');
    await link.focus();
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.locator('.note-preview-title').textContent()).toMatch(/MTP|多 token/);
    await page.keyboard.press('Escape');
    await expect.poll(() => preview.isVisible()).toBe(false);
    // Focus stays on the link, so the reader can carry on with Tab.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/mtp/');
    await page.context().close();
  });

  test('a tap on a touch screen follows the link instead of previewing it', async () => {
    const page = await site.open('/deepseek-v3/', { hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const link = page.locator('.prose a[href="/mla/"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await page.waitForURL(/\/mla\/$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('从 MHA、MQA、GQA 到 MLA');
    await page.context().close();
  });
});
