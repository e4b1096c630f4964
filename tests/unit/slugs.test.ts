import { describe, expect, test } from 'vitest';
import { slugFromPath } from '../../src/lib/slugs.ts';

describe('article slugs', () => {
  test.each([
    ['flash-attention.md', 'flash-attention'],
    ['deepseek-v3.mdx', 'deepseek-v3'],
    ['mla/index.md', 'mla'],
    ['r-fcn.md', 'r-fcn'],
  ])('%s becomes /%s/', (path, slug) => {
    expect(slugFromPath(path)).toBe(slug);
  });

  test.each([
    ['FlashAttention.md', /lower-case ASCII kebab-case.*rename the file/],
    ['flash_attention.md', /lower-case ASCII kebab-case/],
    ['注意力.md', /lower-case ASCII kebab-case/],
    ['-lead.md', /kebab-case/],
    ['topics.md', /collides with the site route \/topics\//],
    ['search.md', /collides with the site route \/search\//],
    ['tags/index.md', /collides with the site route \/tags\//],
    ['llm/mla.md', /content\/articles\/<slug>\.md or content\/articles\/<slug>\/index\.md/],
  ])('%s is refused with a message saying what to fix', (path, message) => {
    expect(() => slugFromPath(path)).toThrow(message);
    expect(() => slugFromPath(path)).toThrow(path);
  });
});
