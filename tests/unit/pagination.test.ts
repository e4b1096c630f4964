import { describe, expect, test } from 'vitest';
import { checkedPage, notesPerPage, pageOfPages, pageTitle, pageWindow, timelinePerPage } from '../../src/site/pagination.ts';
import { tagUrl, topicUrl } from '../../src/lib/urls.ts';

describe('the pages of a listing', () => {
  test.each([
    [1, 1, [1]],
    [1, 2, [1, 2]],
    [2, 2, [1, 2]],
    [1, 5, [1, 2, 3, 4, 5]],
    [1, 10, [1, 2, 3, 'gap', 10]],
    // A gap would hide only page 2 or 9: they are shown instead.
    [5, 10, [1, 2, 3, 4, 5, 6, 7, 'gap', 10]],
    [6, 10, [1, 'gap', 4, 5, 6, 7, 8, 9, 10]],
    [10, 20, [1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]],
    [20, 20, [1, 'gap', 18, 19, 20]],
  ])('page %i of %i shows %j', (current, last, expected) => {
    expect(pageWindow(current, last)).toEqual(expected);
  });

  test('shows a bounded number of page links however many pages there are', () => {
    for (const last of [1, 7, 60, 2000]) {
      for (const current of [1, 2, Math.ceil(last / 2), last - 1, last].filter((n) => n >= 1 && n <= last)) {
        const items = pageWindow(current, last);
        expect(items.length).toBeLessThanOrEqual(9);
        expect(items[0]).toBe(1);
        expect(items.at(-1)).toBe(last);
        expect(items).toContain(current);
        const numbers = items.filter((item): item is number => item !== 'gap');
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      }
    }
  });

  test.each([[0, 3], [4, 3], [1, 0]])('refuses page %i of %i', (current, last) => {
    expect(() => pageWindow(current, last)).toThrow(/no such page/);
  });

  test('links the neighbours through the URL module, and only where they exist', () => {
    const urlOf = (n: number) => topicUrl('llm', n);
    expect(checkedPage({ currentPage: 1, lastPage: 3, url: { current: '/topics/llm/' } }, urlOf)).toMatchObject({ prev: undefined, next: '/topics/llm/2/' });
    expect(checkedPage({ currentPage: 2, lastPage: 3, url: { current: '/topics/llm/2/' } }, urlOf)).toMatchObject({ prev: '/topics/llm/', next: '/topics/llm/3/' });
    expect(checkedPage({ currentPage: 3, lastPage: 3, url: { current: '/topics/llm/3/' } }, urlOf)).toMatchObject({ prev: '/topics/llm/2/', next: undefined });
    expect(checkedPage({ currentPage: 1, lastPage: 1, url: { current: '/topics/llm/' } }, urlOf)).toMatchObject({ prev: undefined, next: undefined });
  });

  test('fails when the route wrote a page where the URL module does not point', () => {
    // As Astro's paginate() would name pages of a `[page].astro` route, page 1 included.
    expect(() => checkedPage({ currentPage: 1, lastPage: 2, url: { current: '/tags/moe/1/' } }, (n) => tagUrl('moe', n))).toThrow(/written at \/tags\/moe\/1\/, but src\/lib\/urls\.ts names it \/tags\/moe\//);
  });

  test('names later pages by number', () => {
    expect(pageTitle('大语言模型', { currentPage: 1 })).toBe('大语言模型');
    expect(pageTitle('大语言模型', { currentPage: 3 })).toBe('大语言模型（第 3 页）');
    expect(pageOfPages({ currentPage: 1, lastPage: 1 })).toBe('');
    expect(pageOfPages({ currentPage: 2, lastPage: 10 })).toBe('第 2 页，共 10 页');
  });

  test('page sizes', () => {
    expect([notesPerPage, timelinePerPage]).toEqual([50, 100]);
  });
});
