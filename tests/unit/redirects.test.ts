import { describe, expect, test } from 'vitest';
import { formerSlugTargets } from '../../src/site/redirects.ts';

const article = (id: string, formerSlugs: string[]) => ({ id, filePath: `content/articles/${id}.md`, data: { formerSlugs } });

describe('former slugs', () => {
  test('each leads to the article that lists it', () => {
    const targets = formerSlugTargets([article('mla', ['multi-head-latent-attention', 'deepseek-mla']), article('clip', []), article('siglip', ['sigmoid-clip'])]);
    expect([...targets]).toEqual([['multi-head-latent-attention', 'mla'], ['deepseek-mla', 'mla'], ['sigmoid-clip', 'siglip']]);
  });

  test('one claimed by two articles fails, naming both files', () => {
    expect(() => formerSlugTargets([article('a', ['old']), article('b', ['old'])])).toThrow(
      'content/articles/a.md and content/articles/b.md both list "old" in formerSlugs; an old address can lead to one article only, remove it from one of them',
    );
  });
});
