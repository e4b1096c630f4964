/**
 * How long the map's layout (src/site/graph-layout.ts) takes on this site's notes and on synthetic
 * link graphs of 1000 and 3000 notes (three links per note, 20 topics), and how it draws them: how
 * close linked notes and notes of one topic sit against the rest, and how close the nearest
 * neighbours come. Given another version of the module, measures it too, on the same graphs:
 *
 *   git show <commit>:src/site/graph-layout.ts > /tmp/old-layout.ts
 *   node scripts/bench/map-layout.ts [/tmp/old-layout.ts]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readRecords } from '../../src/content/records.ts';
import { buildCacheDir } from '../../src/lib/build-cache.ts';
import type { LayoutNode, Point } from '../../src/site/graph-layout.ts';

type Layout = (nodes: LayoutNode[], edges: Array<[string, string]>) => Map<string, Point>;
interface Graph {
  name: string;
  nodes: LayoutNode[];
  edges: Array<[string, string]>;
}

/** The published notes and the links between them, as the map page collects them, from the last build's content records. */
function siteGraph(): Graph {
  const articles = readRecords(path.resolve(buildCacheDir())).articles.filter((article) => !article.data.draft);
  const nodes = articles.map((article) => ({ id: article.id, group: article.data.topic }));
  const published = new Set(nodes.map((node) => node.id));
  const edges = new Map<string, [string, string]>();
  for (const { id, links } of articles) {
    for (const target of links) {
      if (published.has(target)) edges.set([id, target].sort().join(' '), [id, target].sort() as [string, string]);
    }
  }
  return { name: `site (${nodes.length})`, nodes, edges: [...edges.values()] };
}

/** Two links to notes of the same topic and one to any note, drawn from a seeded generator. */
function syntheticGraph(count: number): Graph {
  let state = 1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const topics = 20;
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `note-${i}`, group: `topic-${i % topics}` }));
  const edges: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    const sameTopic = () => (i % topics) + topics * Math.floor((next() * count) / topics);
    for (const j of [sameTopic(), sameTopic(), Math.floor(next() * count)]) if (j !== i && j < count) edges.push([nodes[i].id, nodes[j].id]);
  }
  return { name: `synthetic (${count})`, nodes, edges };
}

/** Mean distance of linked pairs and of same-topic pairs, each over that of all other pairs, and the 10th percentile of nearest-neighbour distances. */
function quality({ nodes, edges }: Graph, points: Map<string, Point>) {
  const p = nodes.map((node) => points.get(node.id)!);
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const linked = new Set(edges.map(([a, b]) => index.get(a)! * nodes.length + index.get(b)!));
  const sums = { linked: [0, 0], unlinked: [0, 0], same: [0, 0], different: [0, 0] };
  const nearest = new Array<number>(nodes.length).fill(Infinity);
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const d = Math.hypot(p[i].x - p[j].x, p[i].y - p[j].y);
      const link = linked.has(i * nodes.length + j) || linked.has(j * nodes.length + i) ? sums.linked : sums.unlinked;
      const group = nodes[i].group === nodes[j].group ? sums.same : sums.different;
      for (const sum of [link, group]) {
        sum[0] += d;
        sum[1]++;
      }
      nearest[i] = Math.min(nearest[i], d);
      nearest[j] = Math.min(nearest[j], d);
    }
  }
  const mean = ([total, n]: number[]) => total / n;
  return {
    linked: (mean(sums.linked) / mean(sums.unlinked)).toFixed(2),
    topic: (mean(sums.same) / mean(sums.different)).toFixed(2),
    nearestP10: nearest.sort((a, b) => a - b)[Math.floor(nodes.length / 10)].toFixed(1),
  };
}

function measure(layout: Layout, graph: Graph) {
  const runs = graph.nodes.length > 1000 ? 3 : 5;
  const wall: number[] = [];
  const cpu: number[] = [];
  let points = new Map<string, Point>();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    points = layout(graph.nodes, graph.edges);
    const { user, system } = process.cpuUsage(cpuBefore);
    wall.push(performance.now() - started);
    cpu.push((user + system) / 1000);
  }
  const median = (values: number[]) => Math.round(values.sort((a, b) => a - b)[Math.floor(runs / 2)]);
  return { ms: median(wall), cpuMs: median(cpu), ...quality(graph, points) };
}

const layouts: Array<[string, Layout]> = [['current', (await import('../../src/site/graph-layout.ts')).layoutGraph]];
if (process.argv[2]) layouts.push([path.basename(process.argv[2]), (await import(pathToFileURL(path.resolve(process.argv[2])).href)).layoutGraph]);
const graphs = [siteGraph(), syntheticGraph(1000), syntheticGraph(3000)];
// On a shared machine the wall time (ms) waits for other processes; the CPU time (cpuMs) does not.
console.log('median ms and cpuMs; linked = mean distance of linked pairs / unlinked; topic = same topic / different; nearestP10 = px');
for (const graph of graphs) {
  for (const [name, layout] of layouts) console.log(graph.name.padEnd(18), name.padEnd(18), JSON.stringify(measure(layout, graph)));
}
