import { describe, expect, test } from 'vitest';
import { copySelectionOf, useBrowser } from './browser.ts';

const { open } = useBrowser();
const clipboard = { permissions: ['clipboard-read', 'clipboard-write'] };

describe('formulas a reader can take away', () => {
  test('copying a selection that includes formulas puts their TeX on the clipboard, not KaTeX\'s glyphs', async () => {
    const page = await open('/mla/', clipboard);
    // The first paragraph with an inline formula, selected whole as a reader would with the mouse.
    const paragraph = page.locator('.prose p', { has: page.locator('.katex') }).first();
    const tex = (await paragraph.locator('annotation[encoding="application/x-tex"]').first().textContent())!;
    const copied = await copySelectionOf(paragraph);
    expect(copied).toContain(`$${tex}$`);
    await page.context().close();
  });

  test('a display formula\'s copy-TeX button appears on keyboard focus without moving the text, and copies the TeX', async () => {
    const page = await open('/mla/', clipboard);
    const display = page.locator('.katex-display').first();
    const tex = (await display.locator('annotation[encoding="application/x-tex"]').textContent())!.trim();
    const button = display.getByRole('button', { name: '复制 TeX' });
    // Where the formula sits in its block, which focus may scroll but the button must not shift.
    const placement = () => display.evaluate((element) => {
      const [outer, inner] = [element.getBoundingClientRect(), element.querySelector('.katex')!.getBoundingClientRect()];
      return [inner.left - outer.left, inner.top - outer.top, outer.height];
    });
    const before = await placement();
    expect(await button.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
    await display.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('复制 TeX');
    await expect.poll(() => button.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    expect(await placement()).toEqual(before);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(tex);
    await expect.poll(() => display.locator('.copy-tex').textContent()).toBe('已复制');
    await page.context().close();
  });
});
