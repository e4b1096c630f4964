import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';

const site = useBrowser();

/** The first mention of the KV cache in DeepSeek-V3, which content/glossary.yaml explains in the MLA note. */
const kvCache = (page: Page) => page.locator('.prose').getByRole('link', { name: 'KV cache', exact: true }).and(page.locator('a.term-hint'));
const definition = /自回归解码时把每层已生成 token 的 key 和 value 存下来复用/;

/** DeepSeek-V3 on a phone, its KV cache term tapped once and its definition shown. */
async function tappedOnPhone() {
  const page = await site.open('/deepseek-v3/', { hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
  const term = kvCache(page);
  const popover = page.getByRole('tooltip');
  await term.scrollIntoViewIfNeeded();
  await term.tap();
  await expect.poll(() => popover.isVisible()).toBe(true);
  return { page, term, popover };
}

describe('definitions where a glossary term appears', () => {
  test('the first mention is marked in the text colour, once, and pointing at it shows the names and the definition from the page itself', async () => {
    const page = await site.open('/deepseek-v3/');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const term = kvCache(page);
    expect(await term.count()).toBe(1);
    expect(await page.locator('.prose a.term-hint[href="/terms/#kv-cache"]').count()).toBe(1);
    // Subtle: the colour of the sentence around it, not the colour of links, with a dotted underline.
    const look = await term.evaluate((link) => {
      const style = getComputedStyle(link);
      return { color: style.color, around: getComputedStyle(link.parentElement!).color, line: style.textDecorationStyle, room: [style.padding, style.margin] };
    });
    expect(look.color).toBe(look.around);
    expect(look.line).toBe('dotted');
    // It takes no room of its own: the sentence sits as it would unmarked.
    expect(look.room).toEqual(['0px', '0px']);

    const popover = page.getByRole('tooltip');
    expect(await popover.isVisible()).toBe(false);
    await term.hover();
    await expect.poll(() => popover.isVisible()).toBe(true);
    expect(await popover.textContent()).toMatch(definition);
    expect(await popover.locator('.note-preview-title').textContent()).toBe('KV 缓存');
    expect(await popover.getByText('KV cache · key-value cache').count()).toBe(1);
    expect(await term.getAttribute('aria-describedby')).toBe('note-preview');
    expect(requests.filter((path) => path.endsWith('preview.json'))).toEqual([]);

    // Moving into the popover keeps it open; its link leads to the section that explains the term.
    const more = popover.getByRole('link', { name: '从 MHA、MQA、GQA 到 MLA › 问题：KV cache' });
    await more.hover();
    await page.waitForTimeout(400);
    expect(await popover.isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    await expect.poll(() => popover.isVisible()).toBe(false);
    expect(await term.getAttribute('aria-describedby')).toBeNull();
    await page.context().close();
  });

  test('reaching the term with Tab shows the definition, and Escape hides it with focus kept on the term', async () => {
    const page = await site.open('/deepseek-v3/');
    const term = kvCache(page);
    const popover = page.getByRole('tooltip');
    // Focus arrives by keyboard, from a stop placed right before the term. (Shift+Tab from the term
    // lands on the link before it, a note link whose own card, once open, takes the next Tab: how
    // soon it opens decided where that Tab went.)
    await term.evaluate((element) => element.insertAdjacentHTML('beforebegin', '<span tabindex="0" data-test-stop></span>'));
    await page.locator('[data-test-stop]').focus();
    expect(await term.getAttribute('aria-describedby')).toBeNull();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/terms/#kv-cache');
    await expect.poll(async () => (await popover.isVisible()) && (await popover.textContent())).toMatch(definition);
    expect(await term.getAttribute('aria-describedby')).toBe('note-preview');
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/terms/#kv-cache');
    // Enter follows the link to the glossary's entry.
    await page.keyboard.press('Enter');
    await page.waitForURL('**/terms/#kv-cache');
    await page.context().close();
  });

  test('Tab goes on from the term into its card, to the note that explains it, and on out, closing the card', async () => {
    const page = await site.open('/deepseek-v3/');
    const term = kvCache(page);
    const popover = page.getByRole('tooltip');
    await term.focus();
    await expect.poll(() => popover.isVisible()).toBe(true);
    const explainedBy = await popover.getByRole('link').getAttribute('href');
    expect(explainedBy).toMatch(/^\/mla\//);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('note-preview') !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(explainedBy);
    expect(await popover.isVisible()).toBe(true);
    // On out: the term's card closes (the next stop may be a link to a note, which shows its own card).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('note-preview') === null)).toBe(true);
    await expect.poll(() => term.getAttribute('aria-describedby')).toBeNull();
    await expect.poll(async () => (await popover.isVisible()) && (await popover.textContent())).not.toMatch(definition);
    await page.context().close();
  });

  test('on a touch screen the first tap shows the definition and a second tap follows the link', async () => {
    const { page, term, popover } = await tappedOnPhone();
    expect(await popover.textContent()).toMatch(definition);
    // Still here, and the popover stays once the finger has lifted.
    await page.waitForTimeout(400);
    expect(new URL(page.url()).pathname).toBe('/deepseek-v3/');
    expect(await popover.isVisible()).toBe(true);
    // The card fits the narrow screen.
    const box = (await popover.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await term.tap();
    await page.waitForURL('**/terms/#kv-cache');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('术语表');
    await page.context().close();
  });

  test('a tap elsewhere closes a definition that a tap opened', async () => {
    const { page, popover } = await tappedOnPhone();
    await page.getByRole('heading', { level: 1 }).tap();
    await expect.poll(() => popover.isVisible()).toBe(false);
    await page.context().close();
  });
});
