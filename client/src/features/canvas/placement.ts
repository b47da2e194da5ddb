// Where new nodes go, as plain geometry (no Cytoscape): on rings around the node they came from,
// each in the first free spot that overlaps no node or label already there; and how a laid-out
// graph's separate pieces are packed side by side. No randomness: the same input, the same output.
import type { Box } from './viewport.js';

export interface Point {
  x: number;
  y: number;
}

/** A node to place: its box (node and label) relative to its position. */
export interface Item {
  id: string;
  box: Box;
}

export interface PlaceOptions {
  /** Room kept between boxes (model units). */
  gap?: number;
  /** Distance from the centre to the first ring. */
  firstRadius?: number;
  /** Distance between rings. */
  ringStep?: number;
  /** The direction (radians) the first new node takes: away from the rest of the graph. */
  direction?: number;
  /**
   * How far (radians) either side of `direction` the first ring is used, widening by an eighth of
   * a turn each ring out to a full circle: new nodes fan out away from the graph rather than
   * filling gaps on its far side, where their edges would cross it. A full circle by default.
   */
  spread?: number;
}

const MAX_RINGS = 400;

/**
 * Positions for `items` on rings around `centre`, none of their boxes overlapping `obstacles`
 * (boxes in model coordinates, e.g. the nodes already on the canvas with their labels) nor each
 * other. Each takes the free spot nearest the centre, and on a ring the one nearest `direction`.
 */
export function placeAround(
  centre: Point,
  items: readonly Item[],
  obstacles: readonly Box[],
  options: PlaceOptions = {},
): Record<string, Point> {
  const gap = options.gap ?? 10;
  const firstRadius = options.firstRadius ?? 90;
  const ringStep = options.ringStep ?? 45;
  const direction = options.direction ?? -Math.PI / 2;
  const spread = options.spread ?? Math.PI;
  const index = new BoxIndex(100);
  for (const b of obstacles) index.add(b);
  const positions: Record<string, Point> = {};
  for (const item of items) {
    const w = item.box.x2 - item.box.x1;
    const h = item.box.y2 - item.box.y1;
    let placed: Point | null = null;
    for (let ring = 0; ring < MAX_RINGS && !placed; ring++) {
      const r = firstRadius + ring * ringStep;
      // Candidate spots every so far along the ring, nearest the preferred direction first.
      const step = Math.min(Math.PI / 6, Math.max(Math.min(w, h), 12) / 2 / r);
      const count = Math.floor(Math.min(Math.PI, spread + (ring * Math.PI) / 8) / step);
      for (let k = 0; k <= 2 * count && !placed; k++) {
        const angle = direction + (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * step;
        const at = { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) };
        const box = {
          x1: at.x + item.box.x1 - gap / 2,
          y1: at.y + item.box.y1 - gap / 2,
          x2: at.x + item.box.x2 + gap / 2,
          y2: at.y + item.box.y2 + gap / 2,
        };
        if (!index.hits(box)) {
          placed = at;
          index.add(box);
        }
      }
    }
    // Unreachable in practice (400 rings); kept so every item gets a position.
    positions[item.id] = placed ?? { x: centre.x, y: centre.y + firstRadius + MAX_RINGS * ringStep };
  }
  return positions;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Boxes in a grid of cells, so a hit test looks at the boxes near it only (thousands on the canvas). */
class BoxIndex {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly cell: number) {}

  add(box: Box): void {
    for (const key of this.keys(box)) {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
    }
  }

  hits(box: Box): boolean {
    for (const key of this.keys(box)) {
      for (const other of this.cells.get(key) ?? []) if (overlaps(box, other)) return true;
    }
    return false;
  }

  private *keys(box: Box): Generator<string> {
    const c = this.cell;
    for (let i = Math.floor(box.x1 / c); i <= Math.floor(box.x2 / c); i++) {
      for (let j = Math.floor(box.y1 / c); j <= Math.floor(box.y2 / c); j++) yield `${i},${j}`;
    }
  }
}

/** A connected piece of a laid-out graph: its nodes' ids and the box around them (labels included). */
export interface Piece {
  ids: readonly string[];
  box: Box;
}

/**
 * Moves for each piece (by index) that pack them in rows, largest first, rows about as wide as
 * `aspect` × their height: a force layout leaves separate pieces wherever its forces put them,
 * sometimes on top of each other. `gap` is the room between pieces.
 */
export function packPieces(pieces: readonly Piece[], { gap = 60, aspect = 1 } = {}): Array<{ dx: number; dy: number }> {
  const order = pieces
    .map((p, i) => ({ i, p, w: p.box.x2 - p.box.x1, h: p.box.y2 - p.box.y1 }))
    .sort((a, b) => b.p.ids.length - a.p.ids.length || b.w * b.h - a.w * a.h || firstId(a.p).localeCompare(firstId(b.p)));
  const area = order.reduce((sum, o) => sum + (o.w + gap) * (o.h + gap), 0);
  const rowWidth = Math.max(Math.sqrt(area * aspect), ...order.map((o) => o.w));
  const moves = pieces.map(() => ({ dx: 0, dy: 0 }));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const o of order) {
    if (x > 0 && x + o.w > rowWidth) {
      x = 0;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    moves[o.i] = { dx: x - o.p.box.x1, dy: y - o.p.box.y1 };
    x += o.w + gap;
    rowHeight = Math.max(rowHeight, o.h);
  }
  return moves;
}

function firstId(p: Piece): string {
  return [...p.ids].sort()[0] ?? '';
}
