import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser.ts';

const site = useBrowser();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** Runs axe-core on the page as it stands and returns its serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  }) as Violation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.impact} ${violation.id} (${violation.help}) at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`));
}

const pages: [string, string, ((page: Page) => Promise<void>)?][] = [
  ['home', '/'],
  ['an article', '/flash-attention/'],
  ['an article with verified code and math', '/deepseek-v3/'],
  ['an article with 引用 open', '/mla/', async (page) => {
    await page.locator('details.citation summary').click();
    await page.locator('details.citation pre').first().waitFor();
  }],
  ['a topic', '/topics/llm/'],
  ['a tag', '/tags/attention/'],
  ['the glossary, filtered', '/terms/#kv-cache', async (page) => {
    await page.getByRole('searchbox', { name: '筛选术语' }).fill('cache');
  }],
  ['search with results', '/search/?q=attention', async (page) => {
    await page.getByRole('main').locator('.search-result').first().waitFor();
  }],
  ['the 404 page', '/no-such-page/'],
];

describe('accessibility (axe-core, serious and critical)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.each(pages)(`${colorScheme}: %s has no violations`, async (_name, pathname, ready) => {
      // axe is injected by the test, not by the site; the page's own policy must not block it.
      const page = await site.open(pathname, { colorScheme, bypassCSP: true });
      await ready?.(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
