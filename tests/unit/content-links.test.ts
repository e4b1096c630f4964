import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { backlinksTo, buildLinkGraph } from '../../src/lib/link-graph.ts';

describe('the notes in content/', () => {
  const graph = buildLinkGraph(path.resolve(import.meta.dirname, '../../content'));

  test('every link between them resolves', () => {
    expect(graph.problems).toEqual([]);
  });

  test('every note is linked from at least one other note, so none is an orphan', () => {
    const published = [...graph.notes.values()].filter((note) => !note.draft);
    const orphans = published.filter((note) => backlinksTo(graph, note.slug).length === 0).map((note) => note.slug);
    expect(orphans, 'link to these notes from a note that genuinely relates').toEqual([]);
  });
});
