import { describe, expect, test } from 'vitest';
import { linkPairs, mapsByTopic, topicMap, wholeMap, wholeMapLimit } from '../../src/site/link-map.ts';

const note = (id: string, topic: string) => ({ id, data: { title: id.toUpperCase(), topic } });

describe('what the map of notes draws', () => {
  const notes = [note('a', 'llm'), note('b', 'llm'), note('c', 'llm'), note('d', 'vision'), note('e', 'vision')];
  const out: Record<string, string[]> = { a: ['b', 'd', 'planned', 'a'], b: ['a', 'c'], c: ['e'], d: ['e'], e: [] };
  const links = linkPairs(notes, (slug) => new Set(out[slug]));

  test('each link between two listed notes once, either way round', () => {
    expect(links).toEqual([['a', 'b'], ['a', 'd'], ['b', 'c'], ['c', 'e'], ['d', 'e']]);
  });

  test('the whole map holds every note and link', () => {
    const map = wholeMap(notes, links);
    expect(map.notes).toBe(notes);
    expect(map.links).toBe(links);
    expect(Object.fromEntries(map.degree)).toEqual({ a: 2, b: 2, c: 2, d: 2, e: 2 });
  });

  test('draws the whole map up to the limit, one map a topic above it', () => {
    expect(mapsByTopic(wholeMapLimit)).toBe(false);
    expect(mapsByTopic(wholeMapLimit + 1)).toBe(true);
  });

  test('a topic map holds the topic\'s notes and links, and counts the links that leave it', () => {
    const map = topicMap(notes, links, 'llm');
    expect(map.notes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(map.links).toEqual([['a', 'b'], ['b', 'c']]);
    expect(map.left).toBe(0);
    expect(map.toOtherTopics).toEqual([{ topic: 'vision', links: 2 }]);
  });

  test('a topic map over its limit keeps the most linked notes, ties in the order given', () => {
    const many = [note('hub', 'llm'), note('x', 'llm'), note('y', 'llm'), note('z', 'llm'), note('far', 'vision')];
    const pairs = linkPairs(many, (slug) => new Set(slug === 'hub' ? ['x', 'y', 'far'] : slug === 'z' ? ['far'] : []));
    const map = topicMap(many, pairs, 'llm', 2);
    expect(map.notes.map((n) => n.id)).toEqual(['hub', 'x']);
    expect(map.links).toEqual([['hub', 'x']]);
    expect(map.left).toBe(2);
    expect(map.degree.get('hub')).toBe(3);
    // Links that leave the topic count whether or not their note is drawn.
    expect(map.toOtherTopics).toEqual([{ topic: 'vision', links: 2 }]);
  });
});
