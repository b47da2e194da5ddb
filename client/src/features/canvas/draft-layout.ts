// The draft layout of a large graph, as plain arithmetic (no Cytoscape), in close to linear time:
// fCoSE's draft on 5,000 nodes spent seconds copying the graph and finding its pieces through
// Cytoscape collections, and still left nodes on top of each other. Per connected piece: Pivot MDS
// (Brandes & Pich) from breadth-first distances to a few dozen pivots gives the overall shape, and
// the nodes then go on a grid in that order (columns by x, each column by y), so linked nodes stay
// near each other and no two overlap; the pieces are packed in rows. No randomness: nodes go in in
// id order and every tie is broken by that order, so the same graph gets the same layout whatever
// order it came in.
import { packPieces, type Point } from './placement.js';

export interface DraftOptions {
  /** A node's width (model units). */
  nodeSize: number;
  /** Node widths of room a node gets (the distance between neighbours, about). */
  spacing: number;
}

/** Pivots for Pivot MDS: enough for the overall shape; each costs one breadth-first search. */
const PIVOTS = 40;

/** Positions for `nodeIds`; edges whose ends are not both among them are ignored. */
export function draftLayout(
  nodeIds: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  { nodeSize, spacing }: DraftOptions,
): Record<string, Point> {
  const ids = [...nodeIds].sort();
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i] as const));
  // Edges as index pairs, in a fixed order (the input's may vary), self-loops and repeats dropped.
  const pairs: number[] = [];
  const seen = new Set<number>();
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const key = lo * n + hi;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(lo, hi);
  }
  const m = pairs.length / 2;
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (i, j) => pairs[2 * i]! - pairs[2 * j]! || pairs[2 * i + 1]! - pairs[2 * j + 1]!,
  );
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  order.forEach((k, i) => {
    src[i] = pairs[2 * k]!;
    dst[i] = pairs[2 * k + 1]!;
  });
  const adj = adjacency(n, src, dst);

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const ideal = nodeSize * spacing;
  const pieces = components(n, adj);
  const local = new Int32Array(n).fill(-1);
  for (const piece of pieces) {
    piece.forEach((v, i) => (local[v] = i));
    layoutPiece(piece, local, adj, x, y, ideal);
    for (const v of piece) local[v] = -1;
  }

  const half = nodeSize / 2;
  const boxes = pieces.map((piece) => {
    const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    for (const v of piece) {
      box.x1 = Math.min(box.x1, x[v]! - half);
      box.y1 = Math.min(box.y1, y[v]! - half);
      box.x2 = Math.max(box.x2, x[v]! + half);
      box.y2 = Math.max(box.y2, y[v]! + half);
    }
    return { ids: piece.map((v) => ids[v]!), box };
  });
  const moves = packPieces(boxes, { gap: ideal, aspect: 1.5 });
  const positions: Record<string, Point> = {};
  pieces.forEach((piece, p) => {
    const { dx, dy } = moves[p]!;
    for (const v of piece) positions[ids[v]!] = { x: x[v]! + dx, y: y[v]! + dy };
  });
  return positions;
}

interface Adjacency {
  start: Int32Array;
  list: Int32Array;
  src: Int32Array;
  dst: Int32Array;
}

function adjacency(n: number, src: Int32Array, dst: Int32Array): Adjacency {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < src.length; i++) {
    start[src[i]! + 1]!++;
    start[dst[i]! + 1]!++;
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const list = new Int32Array(2 * src.length);
  for (let i = 0; i < src.length; i++) {
    list[fill[src[i]!]!++] = dst[i]!;
    list[fill[dst[i]!]!++] = src[i]!;
  }
  return { start, list, src, dst };
}

/** Connected pieces, each a list of node indexes in breadth-first order from its lowest index. */
function components(n: number, { start, list }: Adjacency): number[][] {
  const piece = new Int32Array(n).fill(-1);
  const out: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (piece[s] !== -1) continue;
    const members = [s];
    piece[s] = out.length;
    for (let head = 0; head < members.length; head++) {
      const v = members[head]!;
      for (let k = start[v]!; k < start[v + 1]!; k++) {
        const w = list[k]!;
        if (piece[w] === -1) {
          piece[w] = out.length;
          members.push(w);
        }
      }
    }
    out.push(members);
  }
  return out;
}

/** Hop distances from `from` within a piece (`local` maps a node to its place in the piece). */
function bfs(from: number, size: number, local: Int32Array, { start, list }: Adjacency): Int32Array {
  const dist = new Int32Array(size).fill(-1);
  const queue = new Int32Array(size);
  dist[local[from]!] = 0;
  queue[0] = from;
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const v = queue[head]!;
    const d = dist[local[v]!]! + 1;
    for (let k = start[v]!; k < start[v + 1]!; k++) {
      const w = list[k]!;
      if (dist[local[w]!] === -1) {
        dist[local[w]!] = d;
        queue[tail++] = w;
      }
    }
  }
  return dist;
}

/** Lays out one connected piece around the origin, writing into x and y. */
function layoutPiece(piece: readonly number[], local: Int32Array, adj: Adjacency, x: Float64Array, y: Float64Array, ideal: number): void {
  const size = piece.length;
  if (size === 1) {
    x[piece[0]!] = 0;
    y[piece[0]!] = 0;
    return;
  }
  const px = new Float64Array(size);
  const py = new Float64Array(size);
  pivotMds(piece, local, adj, px, py);
  toGrid(px, py, ideal);
  for (let i = 0; i < size; i++) {
    x[piece[i]!] = px[i]!;
    y[piece[i]!] = py[i]!;
  }
}

/**
 * Pivot MDS: squared hop distances to k pivots (each the node farthest from those chosen so far),
 * double-centred, projected onto the two leading eigenvectors of CᵀC (power iteration).
 */
function pivotMds(piece: readonly number[], local: Int32Array, adj: Adjacency, px: Float64Array, py: Float64Array): void {
  const size = piece.length;
  const k = Math.min(PIVOTS, size);
  // The first pivot: the best-linked node (the lowest index among equals).
  let first = piece[0]!;
  for (const v of piece) {
    const deg = adj.start[v + 1]! - adj.start[v]!;
    const best = adj.start[first + 1]! - adj.start[first]!;
    if (deg > best || (deg === best && v < first)) first = v;
  }
  const cols: Float64Array[] = [];
  const nearest = new Int32Array(size).fill(0x7fffffff);
  let pivot = first;
  for (let c = 0; c < k; c++) {
    const dist = bfs(pivot, size, local, adj);
    const col = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      col[i] = dist[i]! * dist[i]!;
      if (dist[i]! < nearest[i]!) nearest[i] = dist[i]!;
    }
    cols.push(col);
    // The next pivot: farthest from all chosen (the lowest place in the piece among equals).
    let far = 0;
    for (let i = 1; i < size; i++) if (nearest[i]! > nearest[far]!) far = i;
    if (nearest[far] === 0) break;
    pivot = piece[far]!;
  }
  const kk = cols.length;
  // Double centring: C_ij − row mean − column mean + grand mean (times −½, which does not change the eigenvectors' directions).
  const rowMean = new Float64Array(size);
  const colMean = new Float64Array(kk);
  let grand = 0;
  for (let j = 0; j < kk; j++) {
    const col = cols[j]!;
    let s = 0;
    for (let i = 0; i < size; i++) {
      s += col[i]!;
      rowMean[i]! += col[i]! / kk;
    }
    colMean[j] = s / size;
    grand += s;
  }
  grand /= size * kk;
  for (let j = 0; j < kk; j++) {
    const col = cols[j]!;
    for (let i = 0; i < size; i++) col[i] = -0.5 * (col[i]! - rowMean[i]! - colMean[j]! + grand);
  }
  // CᵀC (k × k).
  const ctc = new Float64Array(kk * kk);
  for (let a = 0; a < kk; a++) {
    for (let b = a; b < kk; b++) {
      let s = 0;
      const ca = cols[a]!;
      const cb = cols[b]!;
      for (let i = 0; i < size; i++) s += ca[i]! * cb[i]!;
      ctc[a * kk + b] = s;
      ctc[b * kk + a] = s;
    }
  }
  const v1 = leadingEigenvector(ctc, kk, null);
  const v2 = leadingEigenvector(ctc, kk, v1);
  for (let i = 0; i < size; i++) {
    let sx = 0;
    let sy = 0;
    for (let j = 0; j < kk; j++) {
      sx += cols[j]![i]! * v1[j]!;
      sy += cols[j]![i]! * v2[j]!;
    }
    px[i] = sx;
    py[i] = sy;
  }
}

/** Power iteration for a symmetric k × k matrix, orthogonal to `against` if given; a fixed start. */
function leadingEigenvector(mat: Float64Array, k: number, against: Float64Array | null): Float64Array {
  let v = new Float64Array(k);
  for (let i = 0; i < k; i++) v[i] = 1 + ((i * 7919) % 13) / 13;
  const next = new Float64Array(k);
  for (let round = 0; round < 100; round++) {
    if (against) {
      let dot = 0;
      for (let i = 0; i < k; i++) dot += v[i]! * against[i]!;
      for (let i = 0; i < k; i++) v[i]! -= dot * against[i]!;
    }
    let norm = 0;
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += mat[i * k + j]! * v[j]!;
      next[i] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm);
    if (norm < 1e-12) break;
    let change = 0;
    for (let i = 0; i < k; i++) {
      const value = next[i]! / norm;
      change += Math.abs(value - v[i]!);
      v[i] = value;
    }
    if (change < 1e-9) break;
  }
  if (against) {
    let dot = 0;
    for (let i = 0; i < k; i++) dot += v[i]! * against[i]!;
    for (let i = 0; i < k; i++) v[i]! -= dot * against[i]!;
  }
  return v;
}

/**
 * Puts the nodes of a piece on a grid (`ideal` apart on average: wider across than down), keeping their order: columns by x, each
 * column's nodes by y; the grid's shape follows the piece's (within 1:3 and 3:1).
 */
function toGrid(px: Float64Array, py: Float64Array, ideal: number): void {
  const size = px.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < size; i++) {
    minX = Math.min(minX, px[i]!);
    minY = Math.min(minY, py[i]!);
    maxX = Math.max(maxX, px[i]!);
    maxY = Math.max(maxY, py[i]!);
  }
  const aspect = maxY > minY ? Math.min(3, Math.max(1 / 3, (maxX - minX) / (maxY - minY))) : 3;
  // Columns wider apart than rows: a name runs wider than a node and its label are tall.
  const dxStep = ideal * 1.6;
  const dyStep = ideal * 0.7;
  const cols = Math.max(1, Math.round(Math.sqrt((size * aspect * dyStep) / dxStep)));
  const rows = Math.ceil(size / cols);
  const byX = Array.from({ length: size }, (_, i) => i).sort((a, b) => px[a]! - px[b]! || py[a]! - py[b]! || a - b);
  const out = { x: new Float64Array(size), y: new Float64Array(size) };
  for (let c = 0; c * rows < size; c++) {
    const column = byX.slice(c * rows, (c + 1) * rows).sort((a, b) => py[a]! - py[b]! || px[a]! - px[b]! || a - b);
    // Odd columns half a step down: fewer edges run straight along a column through other nodes.
    const offset = c % 2 === 1 ? dyStep / 2 : 0;
    const top = ((rows - column.length) * dyStep) / 2;
    column.forEach((i, r) => {
      out.x[i] = c * dxStep;
      out.y[i] = top + offset + r * dyStep;
    });
  }
  px.set(out.x);
  py.set(out.y);
}
