/**
 * A line diff (Myers' O(ND) algorithm) for dist-diff.ts, cut into hunks. Two builds of the same site
 * differ in few lines when they differ at all, so the edit distance is small and the search short;
 * past `maxEdits` the rest is reported as one replaced block rather than searched further.
 */

export type Op = { kind: '=' | '-' | '+'; line: string };

/** One run of changed lines, with the unchanged lines around it for reading. */
export interface Hunk {
  before: string[];
  removed: string[];
  added: string[];
  after: string[];
}

export function diffLines(a: string[], b: string[], maxEdits = 2000): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB, maxEdits) ?? [
    ...middleA.map((line): Op => ({ kind: '-', line })),
    ...middleB.map((line): Op => ({ kind: '+', line })),
  ];
  const same = (lines: string[]) => lines.map((line): Op => ({ kind: '=', line }));
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

/** The shortest edit script, or undefined when it needs more than `maxEdits` edits. */
function myers(a: string[], b: string[], maxEdits: number): Op[] | undefined {
  const max = a.length + b.length;
  const furthest = new Int32Array(2 * max + 3);
  const at = (k: number) => k + max + 1;
  // Each step's frontier, kept only over the diagonals it can reach, to walk the path back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxEdits); d++) {
    trace.push(furthest.slice(at(-d - 1), at(d + 1) + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && furthest[at(k - 1)] < furthest[at(k + 1)]) ? furthest[at(k + 1)] : furthest[at(k - 1)] + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) { x++; y++; }
      furthest[at(k)] = x;
      if (x >= a.length && y >= b.length) return backtrack(trace, a, b);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const frontier = trace[d];
    const reached = (k: number) => frontier[k + d + 1];
    const k = x - y;
    const previousK = k === -d || (k !== d && reached(k - 1) < reached(k + 1)) ? k + 1 : k - 1;
    const previousX = reached(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) { y--; ops.push({ kind: '=', line: a[--x] }); }
    if (x === previousX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0) { ops.push({ kind: '=', line: a[--x] }); }
  return ops.reverse();
}

export function hunks(ops: Op[], context = 2): Hunk[] {
  const found: Hunk[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === '=') { i++; continue; }
    const before = ops.slice(Math.max(0, i - context), i).filter((op) => op.kind === '=').map((op) => op.line);
    const hunk: Hunk = { before, removed: [], added: [], after: [] };
    for (; i < ops.length && ops[i].kind !== '='; i++) (ops[i].kind === '-' ? hunk.removed : hunk.added).push(ops[i].line);
    for (let j = i; j < ops.length && j < i + context && ops[j].kind === '='; j++) hunk.after.push(ops[j].line);
    found.push(hunk);
  }
  return found;
}
