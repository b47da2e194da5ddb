// The canvas's viewport rules and new-node placement, as plain geometry.
import { describe, expect, it } from 'vitest';
import { overlaps, packPieces, placeAround } from '../../client/src/features/canvas/placement.js';
import {
  FIT_ZOOM_CAP,
  MAX_LABEL_PX,
  MIN_LABEL_PX,
  fitViewport,
  labelLevel,
  revealViewport,
} from '../../client/src/features/canvas/viewport.js';

const box = (x1: number, y1: number, x2: number, y2: number) => ({ x1, y1, x2, y2 });

describe('fitViewport', () => {
  it('caps the zoom so that one node is drawn at normal size, centred', () => {
    const v = fitViewport(box(-13, -13, 13, 13), 800, 600);
    expect(v.zoom).toBe(FIT_ZOOM_CAP);
    expect(26 * v.zoom).toBeCloseTo(40, 5);
    expect(v.pan).toEqual({ x: 400, y: 300 });
  });

  it('zooms out to show a large graph whole, padding included', () => {
    const v = fitViewport(box(0, 0, 2000, 500), 1040, 600, { padding: 20 });
    expect(v.zoom).toBeCloseTo(0.5, 10);
    expect(v.pan.x).toBeCloseTo(20, 10);
    expect(v.pan.x + 2000 * v.zoom).toBeCloseTo(1020, 10);
  });
});

describe('revealViewport', () => {
  const current = { zoom: 2, pan: { x: 0, y: 0 } };
  it('leaves a box already in view alone', () => {
    expect(revealViewport(current, box(50, 50, 100, 100), 800, 600)).toBeNull();
  });
  it('pans by as little as brings a box into view', () => {
    const v = revealViewport(current, box(400, 50, 420, 60), 800, 600, { padding: 40 })!;
    expect(v.zoom).toBe(2);
    expect(420 * 2 + v.pan.x).toBe(760);
  });
  it('zooms out, never in, for a box too big to show', () => {
    const v = revealViewport(current, box(0, 0, 1000, 100), 800, 600, { padding: 0 })!;
    expect(v.zoom).toBeCloseTo(0.8, 10);
    // A small box far away is panned to, at the zoom there was.
    expect(revealViewport({ zoom: 0.1, pan: { x: 0, y: 0 } }, box(5000, 0, 5010, 10), 800, 600)?.zoom).toBe(0.1);
  });
});

describe('labelLevel', () => {
  it('keeps node labels between their sizes on screen, and labels edges only zoomed in', () => {
    for (const zoom of [0.4, 0.5, 0.7, 1, 1.3, 1.54, 2, 4]) {
      const level = labelLevel(zoom);
      expect(level.nodeFont * zoom, `zoom ${zoom}`).toBeGreaterThanOrEqual(MIN_LABEL_PX);
      expect(level.nodeFont * zoom, `zoom ${zoom}`).toBeLessThanOrEqual(MAX_LABEL_PX);
    }
    expect(labelLevel(0.6).edgeLabels).toBe(false);
    expect(labelLevel(2).edgeLabels).toBe(true);
    expect(labelLevel(0.2).nodeLabels).toBe(false);
  });
});

describe('placeAround', () => {
  it('puts every new node clear of the nodes there and of each other, and the same way twice', () => {
    const obstacles = [box(-20, -20, 20, 40), box(60, -10, 180, 30), box(-150, 80, -30, 120)];
    const items = Array.from({ length: 25 }, (_, i) => ({ id: `n${i}`, box: box(-40 - (i % 3) * 10, -13, 40 + (i % 3) * 10, 30) }));
    const at = placeAround({ x: 0, y: 0 }, items, obstacles, { direction: 0, spread: Math.PI / 3 });
    const placed = items.map((it) => {
      const p = at[it.id]!;
      return box(p.x + it.box.x1, p.y + it.box.y1, p.x + it.box.x2, p.y + it.box.y2);
    });
    placed.forEach((a, i) => {
      for (const o of obstacles) expect(overlaps(a, o), `n${i} on a node`).toBe(false);
      placed.slice(i + 1).forEach((b, j) => expect(overlaps(a, b), `n${i} on n${i + j + 1}`).toBe(false));
    });
    expect(placeAround({ x: 0, y: 0 }, items, obstacles, { direction: 0, spread: Math.PI / 3 })).toEqual(at);
    // The first goes the way it is sent (to the right here), not behind the centre.
    expect(at.n0!.x).toBeGreaterThan(0);
  });
});

describe('packPieces', () => {
  it('packs pieces that a layout left on top of each other side by side', () => {
    const pieces = [
      { ids: ['a', 'b'], box: box(0, 0, 100, 100) },
      { ids: ['c'], box: box(10, 10, 40, 40) },
      { ids: ['d'], box: box(20, 20, 60, 50) },
    ];
    const moves = packPieces(pieces, { gap: 10 });
    const moved = pieces.map((p, i) =>
      box(p.box.x1 + moves[i]!.dx, p.box.y1 + moves[i]!.dy, p.box.x2 + moves[i]!.dx, p.box.y2 + moves[i]!.dy),
    );
    moved.forEach((a, i) => moved.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
  });
});
