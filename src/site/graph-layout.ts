/**
 * A force-directed layout of the link graph (d3-force), computed at build time so the map page is
 * plain SVG with no script. Deterministic: the same notes and links always give the same picture.
 */
import { forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface LayoutNode {
  id: string;
  group: string;
}

export interface Point {
  x: number;
  y: number;
}

/** A stable number in [0, 1) from a string, so start positions do not depend on chance. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/** A seeded generator for d3's tie-breaking nudges (two notes on one spot), so those too are the same on every build. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

interface Body extends SimulationNodeDatum {
  group: number;
}

/** Pulls each note towards the centre of its group (topic), so the notes of a topic sit together and links between topics stay visible. */
function towardsGroupCentres(groupCount: number, strength: number) {
  let bodies: Body[] = [];
  const centreX = new Float64Array(groupCount);
  const centreY = new Float64Array(groupCount);
  const members = new Float64Array(groupCount);
  const force = (alpha: number) => {
    centreX.fill(0);
    centreY.fill(0);
    members.fill(0);
    for (const body of bodies) {
      centreX[body.group] += body.x!;
      centreY[body.group] += body.y!;
      members[body.group]++;
    }
    for (const body of bodies) {
      body.vx! += (centreX[body.group] / members[body.group] - body.x!) * strength * alpha;
      body.vy! += (centreY[body.group] / members[body.group] - body.y!) * strength * alpha;
    }
  };
  force.initialize = (nodes: Body[]) => {
    bodies = nodes;
  };
  return force;
}

/**
 * Settings, measured with scripts/bench/map-layout.ts: median CPU time on a shared 2-core machine,
 * against the hand-written layout this replaced (Fruchterman–Reingold, 400 steps, a grid for
 * repulsion above 300 notes), on synthetic notes with 3 links each in 20 topics: 49 notes (the site)
 * 9 → 21 ms, 1000 notes 892 → 358 ms, 3000 notes 4826 → 1549 ms. Repulsion (one Barnes–Hut pass per
 * tick) is most of the time.
 */
const forceSettings = {
  /**
   * Ticks of the simulation. 300 (d3's default) took twice as long for the same distance ratios and
   * about the same room between notes (10th-percentile nearest neighbour 9.0 instead of 8.6 px at
   * 1000 notes).
   */
  ticks: 150,
  /**
   * Barnes–Hut accuracy: a cell of notes pushes as one body when it is smaller than theta times its
   * distance. d3's 0.9 took 1.4 times as long for the same picture; 2 took half as long but let notes
   * crowd (10th-percentile nearest neighbour 4.2 instead of 8.6 px at 1000 notes, 2.2 instead of 5.0
   * at 3000).
   */
  theta: 1.2,
  // No distanceMax: d3 still walks the quadtree down to far notes and only skips their push, so a
  // cutoff of 3 spacings saved no time, and notes crowded (2.2 instead of 5.0 px at 3000 notes) and
  // topics mixed more.
  /** Repulsion per note, in spacings². It sets the pulls to the middle below at about 0.1 across and 0.14 down, near d3's default for forceX (0.1). */
  charge: 0.03,
  /** Link length, in spacings: linked notes sit closer than their neighbours. */
  linkDistance: 0.5,
  /** Pull towards the group's centre, per tick at full alpha (d3's forceX defaults to 0.1). */
  groupPull: 0.3,
};

/**
 * Repulsion between all notes (many-body), springs along links, a pull of each note towards its
 * group's centre and a pull to the middle, run for a fixed number of ticks; then the picture is
 * fitted to `width` × `height` less `margin`.
 */
export function layoutGraph(nodes: LayoutNode[], edges: Array<[string, string]>, { width = 1000, height = 720, margin = 60, iterations = forceSettings.ticks } = {}): Map<string, Point> {
  const frameWidth = width - 2 * margin;
  const frameHeight = height - 2 * margin;
  const groups = [...new Set(nodes.map((node) => node.group))];
  const groupIndex = new Map(groups.map((group, i) => [group, i]));
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const count = nodes.length;
  // Start each group in its own sector of an ellipse of the frame's shape.
  const bodies: Body[] = nodes.map((node) => {
    const group = groupIndex.get(node.group)!;
    const angle = (2 * Math.PI * (group + hash(node.id) * 0.8)) / groups.length;
    const radius = 0.15 + 0.2 * hash(node.id + '#');
    return { group, x: Math.cos(angle) * radius * frameWidth, y: Math.sin(angle) * radius * frameHeight };
  });
  // d3 throws on a link to an unknown id; a link to a note not on the map is simply not drawn.
  const links = edges.map(([a, b]) => ({ source: index.get(a), target: index.get(b) })).filter((link): link is { source: number; target: number } => link.source !== undefined && link.target !== undefined);
  // The distance between notes spread evenly over the frame: forces scale with it, so the picture
  // has the same shape whatever the number of notes.
  const spacing = Math.sqrt((frameWidth * frameHeight) / Math.max(count, 1));
  const charge = forceSettings.charge * spacing * spacing;
  // Notes that repel each other spread into an ellipse of even density under a pull to the middle
  // proportional to distance; with half-axes a and b and total charge Q, the pulls that balance it
  // are 2Q/(a(a+b)) across and 2Q/(b(a+b)) down. These give an ellipse of the frame's shape, so the
  // fitted picture is not stretched.
  const [a, b] = [frameWidth / 2, frameHeight / 2];
  const totalCharge = count * charge;
  const simulation = forceSimulation(bodies)
    // d3 would run the ticks on a timer, as in a browser; the build runs them itself, at once.
    .stop()
    .randomSource(seededRandom(1))
    // Cool from alpha 1 to d3's resting 0.001 in exactly `iterations` ticks.
    .alphaDecay(1 - 0.001 ** (1 / Math.max(iterations, 1)))
    .force('charge', forceManyBody<Body>().strength(-charge).theta(forceSettings.theta))
    .force('link', forceLink<Body, { source: number; target: number }>(links).distance(forceSettings.linkDistance * spacing))
    .force('group', towardsGroupCentres(groups.length, forceSettings.groupPull))
    .force('x', forceX<Body>(0).strength((2 * totalCharge) / (a * (a + b))))
    .force('y', forceY<Body>(0).strength((2 * totalCharge) / (b * (a + b))));
  simulation.tick(iterations);
  const xs = bodies.map((body) => body.x!);
  const ys = bodies.map((body) => body.y!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (value: number, min: number, max: number, size: number) => margin + (max > min ? ((value - min) / (max - min)) * (size - 2 * margin) : (size - 2 * margin) / 2);
  return new Map(nodes.map((node, i) => [node.id, { x: Math.round(scale(xs[i], minX, maxX, width)), y: Math.round(scale(ys[i], minY, maxY, height)) }]));
}

export interface LabelPlacement {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/** Rough width of a label at `size` px: CJK characters are square, Latin ones about half as wide. */
function labelWidth(text: string, size: number): number {
  return [...text].reduce((sum, char) => sum + (/[\u2e80-\uffff]/.test(char) ? size : size * 0.58), 0);
}

/**
 * Places each node's label below, above, right or left of it, whichever overlaps the labels and
 * nodes already placed (and the picture's edges) least; nodes are taken biggest first, so hubs keep
 * the best spots.
 */
export function placeLabels(nodes: Array<{ id: string; x: number; y: number; r: number; label: string }>, { width = Infinity, height = Infinity, size = 11 } = {}): Map<string, LabelPlacement> {
  type Box = { x1: number; y1: number; x2: number; y2: number };
  const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  // The boxes taken so far, filed by the grid cells they cover: summing the overlap with every box
  // made placing a thousand labels quadratic. Boxes that do not meet add exactly nothing, so the
  // sum over the nearby boxes, in the order they were taken, is the sum over all of them.
  const taken: Box[] = [];
  const cellSize = 48;
  const cells = new Map<number, number[]>();
  const cellsOf = function* (box: Box) {
    for (let cx = Math.floor(box.x1 / cellSize); cx <= Math.floor(box.x2 / cellSize); cx++) {
      for (let cy = Math.floor(box.y1 / cellSize); cy <= Math.floor(box.y2 / cellSize); cy++) yield cx * 65536 + cy;
    }
  };
  const take = (box: Box) => {
    for (const key of cellsOf(box)) {
      const cell = cells.get(key);
      if (cell) cell.push(taken.length);
      else cells.set(key, [taken.length]);
    }
    taken.push(box);
  };
  const overlapWithTaken = (box: Box) => {
    const near = new Set<number>();
    for (const key of cellsOf(box)) for (const index of cells.get(key) ?? []) near.add(index);
    return [...near].sort((a, b) => a - b).reduce((sum, index) => sum + overlap(box, taken[index]), 0);
  };
  for (const node of nodes) take({ x1: node.x - node.r, y1: node.y - node.r, x2: node.x + node.r, y2: node.y + node.r });
  const placements = new Map<string, LabelPlacement>();
  for (const node of [...nodes].sort((a, b) => b.r - a.r || a.id.localeCompare(b.id))) {
    const w = labelWidth(node.label, size);
    const gap = node.r + 3;
    const options: Array<LabelPlacement & { box: Box }> = [
      { x: node.x, y: node.y + gap + size, anchor: 'middle', box: { x1: node.x - w / 2, y1: node.y + gap, x2: node.x + w / 2, y2: node.y + gap + size + 2 } },
      { x: node.x, y: node.y - gap - 2, anchor: 'middle', box: { x1: node.x - w / 2, y1: node.y - gap - size - 2, x2: node.x + w / 2, y2: node.y - gap } },
      { x: node.x + gap, y: node.y + size / 3, anchor: 'start', box: { x1: node.x + gap, y1: node.y - size / 2, x2: node.x + gap + w, y2: node.y + size / 2 } },
      { x: node.x - gap, y: node.y + size / 3, anchor: 'end', box: { x1: node.x - gap - w, y1: node.y - size / 2, x2: node.x - gap, y2: node.y + size / 2 } },
    ];
    // Area outside the picture counts as overlap: a label cut off at the edge is no better.
    const outside = (box: Box) => (box.x2 - box.x1) * (box.y2 - box.y1) - overlap(box, { x1: 0, y1: 0, x2: width, y2: height });
    const costs = options.map((option) => outside(option.box) * 2 + overlapWithTaken(option.box));
    const best = options[costs.reduce((bestIndex, cost, index) => (cost < costs[bestIndex] ? index : bestIndex), 0)];
    take(best.box);
    placements.set(node.id, { x: Math.round(best.x), y: Math.round(best.y), anchor: best.anchor });
  }
  return placements;
}
