import { describe, expect, test } from 'vitest';
import { layoutGraph, placeLabels } from '../../src/lib/graph-layout.ts';

describe('the map layout', () => {
  const nodes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, group: `g${i % 3}` }));
  const edges = nodes.slice(1).map((node, i): [string, string] => [node.id, nodes[i].id]);

  test('is the same on every build and fits the picture', () => {
    const first = layoutGraph(nodes, edges, { width: 800, height: 600, margin: 40, iterations: 150 });
    expect(layoutGraph(nodes, edges, { width: 800, height: 600, margin: 40, iterations: 150 })).toEqual(first);
    for (const { x, y } of first.values()) {
      expect(x).toBeGreaterThanOrEqual(40);
      expect(x).toBeLessThanOrEqual(760);
      expect(y).toBeGreaterThanOrEqual(40);
      expect(y).toBeLessThanOrEqual(560);
    }
  });

  test('keeps nodes apart', () => {
    const points = [...layoutGraph(nodes, edges, { iterations: 150 }).values()];
    const closest = Math.min(...points.flatMap((p, i) => points.slice(i + 1).map((q) => Math.hypot(p.x - q.x, p.y - q.y))));
    expect(closest).toBeGreaterThan(5);
  });

  test('keeps nodes apart at a thousand notes, where repulsion counts only neighbours', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}`, group: `g${i % 6}` }));
    const links = many.slice(1).map((node, i): [string, string] => [node.id, many[Math.floor(i / 3)].id]);
    const points = [...layoutGraph(many, links).values()];
    const nearest = points.map((p) => Math.min(...points.filter((q) => q !== p).map((q) => Math.hypot(p.x - q.x, p.y - q.y)))).sort((a, b) => a - b);
    // A thousand notes in 1000 × 720 px: about 9 px apart in the middle of the crowd.
    expect(nearest[100]).toBeGreaterThan(4);
    expect(nearest[500]).toBeGreaterThan(7);
  });
});

describe('map labels', () => {
  test('move aside when the spot below is taken, and stay inside the picture', () => {
    const labels = placeLabels(
      [
        { id: 'a', x: 100, y: 100, r: 10, label: '一个很长的标题' },
        { id: 'b', x: 100, y: 125, r: 5, label: '另一个标题' },
        { id: 'c', x: 495, y: 300, r: 5, label: 'Edge' },
      ],
      { width: 500, height: 400 },
    );
    expect(labels.get('a')).toMatchObject({ anchor: 'middle' });
    expect(labels.get('a')!.y).toBeLessThan(100);
    expect(labels.get('b')).toMatchObject({ anchor: 'middle' });
    expect(labels.get('b')!.y).toBeGreaterThan(125);
    expect(labels.get('c')!.anchor).toBe('end');
  });

  test('a long label keeps the spot at its far end taken', () => {
    const labels = placeLabels(
      [
        { id: 'a', x: 200, y: 100, r: 20, label: '十个汉字的一个长标题' },
        { id: 'b', x: 250, y: 110, r: 5, label: 'B' },
      ],
      { width: 500, height: 400 },
    );
    expect(labels.get('a')).toMatchObject({ anchor: 'middle', y: 134 });
    expect(labels.get('b')!.y).toBeLessThan(110);
  });
});
