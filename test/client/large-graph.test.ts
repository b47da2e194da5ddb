// What keeps a large canvas fast, as geometry and style rules (speed itself is measured by
// npm run bench:ui): few restyles across the overview zooms, a fit from positions alone, and no
// arrowheads while the whole large graph is seen.
import { describe, expect, it } from 'vitest';
import { NODE_SIZE } from '../../model/label-styles.js';
import { canvasStyle } from '../../client/src/features/canvas/cy-style.js';
import { largeLabelLevel, positionsBox } from '../../client/src/features/canvas/large-graph.js';
import { LABEL_HIDE_ZOOM, labelLevel } from '../../client/src/features/canvas/viewport.js';

describe('a large canvas', () => {
  it('changes its label level at most once per doubling of the zoom while labels are hidden', () => {
    const zooms = Array.from({ length: 400 }, (_, i) => 0.05 * 1.005 ** i).filter((z) => z < LABEL_HIDE_ZOOM);
    const keys = new Set(zooms.map((z) => largeLabelLevel(z).key));
    const doublings = Math.log2(zooms[zooms.length - 1]! / zooms[0]!);
    expect(keys.size).toBeLessThanOrEqual(Math.ceil(doublings) + 1);
    // The fine levels would have changed about every 6%.
    expect(new Set(zooms.map((z) => labelLevel(z).key)).size).toBeGreaterThan(keys.size * 5);
    for (const z of zooms) expect(largeLabelLevel(z).nodeLabels).toBe(false);
    // Once labels show, the level is the zoom's own.
    expect(largeLabelLevel(0.8)).toEqual(labelLevel(0.8));
  });

  it('fits provisional positions without styles', () => {
    expect(positionsBox([])).toBeNull();
    const half = NODE_SIZE / 2;
    expect(
      positionsBox([
        { x: 0, y: 10 },
        { x: -50, y: 40 },
        { x: 30, y: -20 },
      ]),
    ).toEqual({ x1: -50 - half, y1: -20 - half, x2: 30 + half, y2: 40 + half });
  });

  it('draws arrowheads again once labels show, and always on a small canvas', () => {
    const arrowRules = (large: boolean, zoom: number) =>
      canvasStyle({ large, level: largeLabelLevel(zoom) }).filter(
        (r) => 'style' in r && (r.style as Record<string, unknown>)['target-arrow-shape'] === 'none',
      ).length;
    expect(arrowRules(true, 0.1)).toBe(1);
    expect(arrowRules(true, 0.8)).toBe(0);
    expect(arrowRules(false, 0.1)).toBe(0);
  });
});
