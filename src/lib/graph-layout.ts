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
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i].x - pos[j].x;
        const dy = pos[i].y - pos[j].y;
        const distance = Math.max(Math.hypot(dx, dy), 1e-3);
        const force = (k * k) / distance;
        move[i].x += (dx / distance) * force;
        move[i].y += (dy / distance) * force;
        move[j].x -= (dx / distance) * force;
        move[j].y -= (dy / distance) * force;
      }
    }
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
    const centres = new Map(groups.map((group) => {
      const members = pos.filter((_, i) => nodes[i].group === group);
      return [group, { x: members.reduce((sum, p) => sum + p.x, 0) / members.length, y: members.reduce((sum, p) => sum + p.y, 0) / members.length }];
    }));
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
