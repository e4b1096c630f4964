import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';

const site = useBrowser();
const background = (page: Page, selector = 'body') => page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);
const isDark = (colour: string) => {
  const [r, g, b] = colour.match(/\d+/g)!.map(Number);
  return r + g + b < 200;
};

describe('light and dark', () => {
  test('follow the system by default, code included', async () => {
    const light = await site.open('/flash-attention/', { colorScheme: 'light' });
    expect(isDark(await background(light))).toBe(false);
    expect(isDark(await background(light, 'pre.astro-code'))).toBe(false);
    const dark = await site.open('/flash-attention/', { colorScheme: 'dark' });
    expect(isDark(await background(dark))).toBe(true);
    expect(isDark(await background(dark, 'pre.astro-code'))).toBe(true);
    await light.context().close();
    await dark.context().close();
  });

  test('the toggle switches the theme and the choice is remembered', async () => {
    const page = await site.open('/', { colorScheme: 'light' });
    const toggle = page.getByRole('button', { name: '深色模式' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(isDark(await background(page))).toBe(true);
    await page.goto('/xgboost/');
    expect(isDark(await background(page))).toBe(true);
    expect(isDark(await background(page, 'pre.astro-code'))).toBe(true);
    await page.getByRole('button', { name: '深色模式' }).click();
    await page.reload();
    expect(isDark(await background(page))).toBe(false);
    await page.context().close();
  });
});
