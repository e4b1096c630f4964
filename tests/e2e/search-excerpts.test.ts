import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { copySelectionOf, useBrowser } from './browser.ts';

const { open } = useBrowser();

/** Every excerpt the search page shows for `query` (the best section's and the other sections'). */
async function excerpts(page: Page, query: string): Promise<string[]> {
  const main = page.getByRole('main');
  await main.getByRole('searchbox').fill(query);
  await page.waitForFunction((expected) => {
    const box = document.querySelector('main site-search');
    return !box?.hasAttribute('aria-busy') && box?.querySelector('[role="status"]')?.textContent?.includes(expected);
  }, `“${query}”`, { timeout: 10_000 });
  return main.locator('.result-excerpt').allTextContents();
}

const tex = /\\[a-zA-Z]+|[_^]\{/;

describe('search excerpts read like the page', () => {
  test('formulas appear as readable text, never as TeX', async () => {
    const page = await open('/search/');
    for (const query of ['低秩 KV 压缩', 'MLA', '吸收投影矩阵', '在线 softmax', 'DPO 损失']) {
      const shown = await excerpts(page, query);
      expect(shown.length, query).toBeGreaterThan(0);
      expect(shown.filter((excerpt) => tex.test(excerpt)), query).toEqual([]);
    }
    // The MLA note's own example: the latent vector reads with Unicode scripts.
    expect((await excerpts(page, '低秩 KV 压缩')).join('\n')).toContain('cₜᴷⱽ');
    await page.context().close();
  });

  test('an excerpt never opens on punctuation cut from the sentence before it', async () => {
    const page = await open('/search/');
    for (const query of ['KV', 'MHA', '低秩', 'DPO', 'warmup']) {
      const shown = await excerpts(page, query);
      expect(shown.length, query).toBeGreaterThan(0);
      expect(shown.filter((excerpt) => /^[\s，。、；：:,;.!?！？）)]/u.test(excerpt)), query).toEqual([]);
    }
    // The MLA note's first section, 问题：KV cache, opens on its own words.
    expect(await excerpts(page, 'KV')).toEqual(expect.arrayContaining([expect.stringMatching(/^KV cache\. 自回归生成时/)]));
    await page.context().close();
  });

  test('a word Pagefind marks a character at a time is one mark, and its characters elsewhere are not marked', async () => {
    const page = await open('/search/');
    for (const query of ['显存', 'KV cache', '位置编码']) {
      expect((await excerpts(page, query)).length, query).toBeGreaterThan(0);
      const marked = await page.getByRole('main').locator('.result-excerpt mark').allTextContents();
      // 显存 marked whole, never its 存 in 缓存 or a 显 an excerpt was cut after; KV cache as one mark.
      expect(marked, query).toContain(query);
      expect(marked.filter((word) => word.length === 1 && /\p{Script=Han}/u.test(word)), query).toEqual([]);
    }
    await page.context().close();
  });

  test('a heading or paragraph that ends in Chinese closes with 。, not the Latin stop Pagefind puts there', async () => {
    const page = await open('/search/');
    for (const query of ['Transfusion', 'KV', '知识蒸馏', 'warmup']) {
      const shown = await excerpts(page, query);
      expect(shown.length, query).toBeGreaterThan(0);
      expect(shown.filter((excerpt) => /[\p{Script=Han}）」』】》]\.(\s|$)/u.test(excerpt)), query).toEqual([]);
    }
    // 多模态生成的路线之争's section heading, then its first sentence.
    expect((await excerpts(page, 'Transfusion')).join('\n')).toContain('自回归与扩散混合。让同一个');
    await page.context().close();
  });

  test('the cells of a table and the items of a list are not glued into one sentence', async () => {
    const page = await open('/search/');
    // XGBoost's table of losses: a header row (损失 | l(y, ŷ) | g | h), then a row per loss.
    const table = (await excerpts(page, '平方损失 梯度统计量')).find((excerpt) => excerpt.includes('平方损失'));
    expect(table).toMatch(/损失 · l\(y, ŷ\) · g · h\. 平方损失 · /);
    // The items of a reference list, each closed before the next.
    const list = (await excerpts(page, 'Fast Transformer Decoding')).join('\n');
    expect(list).toMatch(/All You Need\. 2019\. arXiv:1911\.02150\. Joshua Ainslie 等。GQA/);
    await page.context().close();
  });
});

describe('the reading Pagefind indexes stays out of readers\' way', () => {
  test('it is hidden: not shown, not in the accessibility tree, and not copied with a selection', async () => {
    const page = await open('/mla/', { permissions: ['clipboard-read', 'clipboard-write'] });
    // A paragraph whose formula reads differently from anything else in it: the latent vector cₜᴷⱽ.
    const paragraph = page.locator('.prose p', { has: page.locator('.math-tex', { hasText: 'cₜᴷⱽ' }) }).first();
    const reading = paragraph.locator('.math-tex', { hasText: 'cₜᴷⱽ' }).first();
    expect(await reading.isHidden()).toBe(true);
    const text = (await reading.textContent())!;
    expect(text).not.toMatch(tex);
    // Screen readers read KaTeX's MathML; the reading does not come a second time.
    expect(await paragraph.ariaSnapshot()).not.toContain(text);
    const annotation = await reading.evaluate((span) => span.closest('.katex')!.querySelector('annotation')!.textContent!);
    const copied = await copySelectionOf(paragraph);
    expect(copied).toContain(`$${annotation}$`);
    expect(copied).not.toContain(text);
    await page.context().close();
  });
});
