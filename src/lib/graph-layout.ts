/**
 * A force-directed layout of the link graph, computed at build time so the map page is plain SVG
 * with no script. Deterministic: the same notes and links always give the same picture.
 */
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

/** Above this many notes, repulsion counts only neighbours (see forEachPair). */
const gridFrom = 300;

/**
 * Calls `visit` for every pair of points, or, with a finite `cutoff`, for the pairs in neighbouring
 * cells of a grid of that size. Repulsion falls off with distance, so far pairs barely move a node,
 * and the grid turns the quadratic cost of every pair into about linear. Pairs come in the same
 * order either way: by the first point, then by grid cell, then by the second point.
 */
function forEachPair(xs: Float64Array, ys: Float64Array, cutoff: number, visit: (i: number, j: number) => void) {
  const count = xs.length;
  if (!Number.isFinite(cutoff)) {
    for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) visit(i, j);
    return;
  }
  // A dense grid sorted by counting: a Map of cells and an array per cell made this the slowest
  // part of a 1000-note build. Points stay inside the layout's frame, so the grid is small.
  const cx = new Int32Array(count);
  const cy = new Int32Array(count);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    cx[i] = Math.floor(xs[i] / cutoff);
    cy[i] = Math.floor(ys[i] / cutoff);
    minX = Math.min(minX, cx[i]); maxX = Math.max(maxX, cx[i]);
    minY = Math.min(minY, cy[i]); maxY = Math.max(maxY, cy[i]);
  }
  // One empty cell of margin on every side, so a neighbour's cell index is always in the grid.
  const columns = maxX - minX + 3;
  const rows = maxY - minY + 3;
  const cellOf = new Int32Array(count);
  const starts = new Int32Array(columns * rows + 1);
  for (let i = 0; i < count; i++) {
    cellOf[i] = (cx[i] - minX + 1) * rows + (cy[i] - minY + 1);
    starts[cellOf[i] + 1]++;
  }
  for (let cell = 0; cell < columns * rows; cell++) starts[cell + 1] += starts[cell];
  const members = new Int32Array(count);
  const filled = starts.slice(0, columns * rows);
  for (let i = 0; i < count; i++) members[filled[cellOf[i]]++] = i;
  for (let i = 0; i < count; i++) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const cell = cellOf[i] + dx * rows + dy;
        for (let m = starts[cell]; m < starts[cell + 1]; m++) if (members[m] > i) visit(i, members[m]);
      }
    }
  }
}

/**
 * Fruchterman–Reingold in a frame (so a group with no links to the rest stays in the picture), with
 * a pull of each node towards its group's centre, so notes of a topic sit together and links between
 * topics stay visible. Positions fit in `width` × `height` less `margin`.
 */
export function layoutGraph(nodes: LayoutNode[], edges: Array<[string, string]>, { width = 1000, height = 720, margin = 60, iterations = 400 } = {}): Map<string, Point> {
  const groups = [...new Set(nodes.map((node) => node.group))];
  // Lay out in a frame of the picture's shape, so the notes spread over all of it.
  const aspect = (height - 2 * margin) / (width - 2 * margin);
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const count = nodes.length;
  // Coordinates in flat arrays: the loops below run millions of times at a thousand notes.
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  // Start each group in its own sector of a circle.
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * (groups.indexOf(node.group) + hash(node.id) * 0.8)) / groups.length;
    const radius = 0.15 + 0.2 * hash(node.id + '#');
    xs[i] = Math.cos(angle) * radius;
    ys[i] = Math.sin(angle) * radius * aspect;
  });
  const groupOf = Int32Array.from(nodes, (node) => groups.indexOf(node.group));
  const links = edges.map(([a, b]) => [index.get(a), index.get(b)]).filter((pair): pair is [number, number] => pair[0] !== undefined && pair[1] !== undefined);
  const k = 0.75 * Math.sqrt(aspect / Math.max(count, 1));
  // A weak pull to the middle keeps notes off the frame's edges.
  const gravity = 1.5;
  let temperature = 0.1;
  const moveX = new Float64Array(count);
  const moveY = new Float64Array(count);
  const centreX = new Float64Array(groups.length);
  const centreY = new Float64Array(groups.length);
  const members = new Float64Array(groups.length);
  const repel = (i: number, j: number) => {
    const dx = xs[i] - xs[j];
    const dy = ys[i] - ys[j];
    const distance = Math.max(Math.sqrt(dx * dx + dy * dy), 1e-3);
    const force = (k * k) / distance;
    moveX[i] += (dx / distance) * force;
    moveY[i] += (dy / distance) * force;
    moveX[j] -= (dx / distance) * force;
    moveY[j] -= (dy / distance) * force;
  };
  for (let step = 0; step < iterations; step++) {
    moveX.fill(0);
    moveY.fill(0);
    forEachPair(xs, ys, count > gridFrom ? 3 * k : Infinity, repel);
    for (const [a, b] of links) {
      const dx = xs[a] - xs[b];
      const dy = ys[a] - ys[b];
      const distance = Math.max(Math.sqrt(dx * dx + dy * dy), 1e-3);
      const force = (distance * distance) / k;
      moveX[a] -= (dx / distance) * force;
      moveY[a] -= (dy / distance) * force;
      moveX[b] += (dx / distance) * force;
      moveY[b] += (dy / distance) * force;
    }
    centreX.fill(0);
    centreY.fill(0);
    members.fill(0);
    for (let i = 0; i < count; i++) {
      centreX[groupOf[i]] += xs[i];
      centreY[groupOf[i]] += ys[i];
      members[groupOf[i]] += 1;
    }
    for (let group = 0; group < groups.length; group++) {
      centreX[group] /= members[group];
      centreY[group] /= members[group];
    }
    for (let i = 0; i < count; i++) {
      moveX[i] += (centreX[groupOf[i]] - xs[i]) * 0.5 - xs[i] * gravity;
      moveY[i] += (centreY[groupOf[i]] - ys[i]) * 0.5 - ys[i] * gravity;
      const length = Math.max(Math.sqrt(moveX[i] * moveX[i] + moveY[i] * moveY[i]), 1e-9);
      xs[i] = Math.max(-0.5, Math.min(0.5, xs[i] + (moveX[i] / length) * Math.min(length, temperature)));
      ys[i] = Math.max(-aspect / 2, Math.min(aspect / 2, ys[i] + (moveY[i] / length) * Math.min(length, temperature)));
    }
    temperature = Math.max(0.002, temperature * 0.99);
  }
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
