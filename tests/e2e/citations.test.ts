import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';
import { root } from './fixture-build.ts';
import { siteUrl } from '../../src/lib/site.ts';
import { paperBibtex, type PaperFacts } from '../../src/site/citations.ts';

const site = siteUrl();
const { open } = useBrowser();

function frontmatterOf(slug: string) {
  const text = readFileSync(path.join(root, 'content/articles', `${slug}.md`), 'utf8');
  return parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]) as { title: string; paper?: PaperFacts };
}

/** The day of the note's last revision, as its page states it under 更新. */
async function revisedOn(page: Page): Promise<string> {
  return (await page.locator('.article-meta time').first().getAttribute('datetime'))!.slice(0, 10);
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('引用', () => {
  test('with the keyboard: open 引用, Tab to the BibTeX copy button, press it; the clipboard holds the paper\'s BibTeX', async () => {
    const { paper } = frontmatterOf('flash-attention');
    const page = await open('/flash-attention/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const details = page.locator('details.citation');
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    const button = page.getByRole('button', { name: '复制论文 BibTeX' });
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => clipboard(page)).toMatch(/^@inproceedings\{dao2022flashattention,/);
    const copied = await clipboard(page);
    expect(copied).toContain(`  author = {${paper!.authors.join(' and ')}},`);
    expect(copied).toContain('  author = {Tri Dao and Daniel Y. Fu and Stefano Ermon and Atri Rudra and Christopher Ré},');
    expect(copied).toContain('  year = {2022},');
    expect(copied).toContain('  eprint = {2205.14135},');
    expect(copied).toContain('  booktitle = {NeurIPS 2022},');
    expect(copied).toBe(paperBibtex(paper!));
    // What was copied is what the page shows, and the button and a live region say it was copied.
    expect(await details.locator('[data-citation="paper-bibtex"] pre').textContent()).toBe(copied);
    expect(await button.textContent()).toBe('已复制');
    expect(await page.locator('.citation-status').textContent()).toBe('已复制论文 BibTeX');
    await page.context().close();
  });

  test('with the mouse: the note\'s own citation is its title, the site, the day of its last revision and its address', async () => {
    const { title } = frontmatterOf('flash-attention');
    const page = await open('/flash-attention/', { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.locator('details.citation summary').click();
    await page.getByRole('button', { name: '复制本笔记的引用文本' }).click();
    await expect.poll(() => clipboard(page)).toBe(`${title}. 模型笔记, ${await revisedOn(page)}. ${site}/flash-attention/`);
    await page.getByRole('button', { name: '复制本笔记的 BibTeX' }).click();
    await expect.poll(() => clipboard(page)).toMatch(/^@misc\{flash-attention-\d{4},/);
    expect(await clipboard(page)).toContain(`  url = {${site}/flash-attention/},`);
    await page.context().close();
  });

  test('a note without a paper offers only its own citation', async () => {
    expect(frontmatterOf('generative-models').paper).toBeUndefined();
    const page = await open('/generative-models/');
    await page.locator('details.citation summary').click();
    expect(await page.locator('[data-citation^="paper"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^复制论文/ }).count()).toBe(0);
    expect(await page.locator('[data-citation="note-text"] pre').textContent()).toContain(`${site}/generative-models/`);
    await page.context().close();
  });

  test('without JavaScript the citations open and show as text, and no copy button is left that would do nothing', async () => {
    const page = await open('/flash-attention/', { javaScriptEnabled: false });
    await page.locator('details.citation summary').click();
    const bibtex = page.locator('[data-citation="paper-bibtex"] pre');
    expect(await bibtex.isVisible()).toBe(true);
    expect(await bibtex.textContent()).toMatch(/^@inproceedings\{dao2022flashattention,/);
    expect(await page.locator('details.citation button').evaluateAll((buttons) => buttons.filter((button) => (button as HTMLElement).checkVisibility()).length)).toBe(0);
    await page.context().close();
  });

  test('on a phone, open, the longest author list wraps inside the page instead of widening it', async () => {
    const page = await open('/ui-tars/', { viewport: { width: 360, height: 740 } });
    await page.locator('details.citation summary').click();
    expect(await page.locator('[data-citation="paper-bibtex"] pre').textContent()).toContain('Yujia Qin and Yining Ye and');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});
