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
 * and the grid turns the quadratic cost of every pair into about linear: a 1000-note map is
 * laid out in a second instead of ten.
 */
function forEachPair(pos: Array<{ x: number; y: number }>, cutoff: number, visit: (i: number, j: number) => void) {
  if (!Number.isFinite(cutoff)) {
    for (let i = 0; i < pos.length; i++) for (let j = i + 1; j < pos.length; j++) visit(i, j);
    return;
  }
  // Numeric cell keys and in-place pushes: string keys and copied arrays made this the slowest part
  // of a 1000-note build. |cell| stays far below 2^15, so the key is unique.
  const cellKey = (cx: number, cy: number) => cx * 65536 + cy;
  const cells = new Map<number, number[]>();
  const cx = pos.map((p) => Math.floor(p.x / cutoff));
  const cy = pos.map((p) => Math.floor(p.y / cutoff));
  for (let i = 0; i < pos.length; i++) {
    const key = cellKey(cx[i], cy[i]);
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  }
  for (let i = 0; i < pos.length; i++) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const cell = cells.get(cellKey(cx[i] + dx, cy[i] + dy));
        if (cell) for (const j of cell) if (j > i) visit(i, j);
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
  // Start each group in its own sector of a circle.
  const pos = nodes.map((node) => {
    const angle = (2 * Math.PI * (groups.indexOf(node.group) + hash(node.id) * 0.8)) / groups.length;
    const radius = 0.15 + 0.2 * hash(node.id + '#');
    return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius * aspect };
  });
  const links = edges.map(([a, b]) => [index.get(a), index.get(b)]).filter((pair): pair is [number, number] => pair[0] !== undefined && pair[1] !== undefined);
  const k = 0.75 * Math.sqrt(aspect / Math.max(nodes.length, 1));
  // A weak pull to the middle keeps notes off the frame's edges.
  const gravity = 1.5;
  let temperature = 0.1;
  for (let step = 0; step < iterations; step++) {
    const move = pos.map(() => ({ x: 0, y: 0 }));
    forEachPair(pos, nodes.length > gridFrom ? 3 * k : Infinity, (i, j) => {
      const dx = pos[i].x - pos[j].x;
      const dy = pos[i].y - pos[j].y;
      const distance = Math.max(Math.hypot(dx, dy), 1e-3);
      const force = (k * k) / distance;
      move[i].x += (dx / distance) * force;
      move[i].y += (dy / distance) * force;
      move[j].x -= (dx / distance) * force;
      move[j].y -= (dy / distance) * force;
    });
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const distance = Math.max(Math.hypot(dx, dy), 1e-3);
      const force = (distance * distance) / k;
      move[a].x -= (dx / distance) * force;
      move[a].y -= (dy / distance) * force;
      move[b].x += (dx / distance) * force;
      move[b].y += (dy / distance) * force;
    }
    const centres = new Map(groups.map((group) => [group, { x: 0, y: 0, members: 0 }]));
    pos.forEach((p, i) => {
      const centre = centres.get(nodes[i].group)!;
      centre.x += p.x;
      centre.y += p.y;
      centre.members += 1;
    });
    for (const centre of centres.values()) {
      centre.x /= centre.members;
      centre.y /= centre.members;
    }
    pos.forEach((p, i) => {
      const centre = centres.get(nodes[i].group)!;
      move[i].x += (centre.x - p.x) * 0.5 - p.x * gravity;
      move[i].y += (centre.y - p.y) * 0.5 - p.y * gravity;
      const length = Math.max(Math.hypot(move[i].x, move[i].y), 1e-9);
      p.x = Math.max(-0.5, Math.min(0.5, p.x + (move[i].x / length) * Math.min(length, temperature)));
      p.y = Math.max(-aspect / 2, Math.min(aspect / 2, p.y + (move[i].y / length) * Math.min(length, temperature)));
    });
    temperature = Math.max(0.002, temperature * 0.99);
  }
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (value: number, min: number, max: number, size: number) => margin + (max > min ? ((value - min) / (max - min)) * (size - 2 * margin) : (size - 2 * margin) / 2);
  return new Map(nodes.map((node, i) => [node.id, { x: Math.round(scale(pos[i].x, minX, maxX, width)), y: Math.round(scale(pos[i].y, minY, maxY, height)) }]));
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
  const taken: Box[] = nodes.map((node) => ({ x1: node.x - node.r, y1: node.y - node.r, x2: node.x + node.r, y2: node.y + node.r }));
  const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
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
    const cost = (option: (typeof options)[number]) => outside(option.box) * 2 + taken.reduce((sum, box) => sum + overlap(option.box, box), 0);
    const best = options.reduce((a, b) => (cost(b) < cost(a) ? b : a));
    taken.push(best.box);
    placements.set(node.id, { x: Math.round(best.x), y: Math.round(best.y), anchor: best.anchor });
  }
  return placements;
}
