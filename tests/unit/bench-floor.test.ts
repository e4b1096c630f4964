import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { againstFloor, ratioToFloor } from '../../scripts/bench/floor/ratio.ts';

const floor = path.resolve(import.meta.dirname, '../../scripts/bench/floor');

describe('the bench floor (scripts/bench/floor/)', () => {
  test('is a bare Astro site: its config, the project schema on a glob loader, one page rendering each note', async () => {
    // Astro's defaults but for where the bench puts output and cache: no integrations, no Markdown plugins.
    const { default: config } = await import('../../scripts/bench/floor/astro.config.mjs');
    expect(Object.keys(config).sort()).toEqual(['cacheDir', 'outDir']);
    const content = readFileSync(path.join(floor, 'src/content.config.ts'), 'utf8');
    expect(content).toMatch(/glob\(\{ pattern: '\*\*\/\*\.md'/);
    expect(content).toContain("from '../../../../src/content/schema.ts'");
    expect(existsSync(path.resolve(floor, '../../../src/content/schema.ts'))).toBe(true);
    expect(readFileSync(path.join(floor, 'src/pages/[slug].astro'), 'utf8')).toContain('await render(entry)');
  });

  test('a build time is shown with its ratio to the floor', () => {
    expect(againstFloor(55.23, 19.01)).toBe('55.2 s (2.91× floor 19.0 s)');
    expect(againstFloor(19, 19)).toBe('19.0 s (1.00× floor 19.0 s)');
    expect(ratioToFloor(28.8, 19.2)).toBe(1.5);
  });
});
