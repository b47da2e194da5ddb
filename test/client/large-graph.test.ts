// What keeps a large canvas fast, as geometry and style rules (speed itself is measured by
// npm run bench:ui): no restyle across the overview zooms, a fit from positions alone, and no
// arrowheads while the whole large graph is seen.
import { describe, expect, it } from 'vitest';
import { NODE_SIZE } from '../../model/label-styles.js';
import { canvasStyle } from '../../client/src/features/canvas/cy-style.js';
import { focusLabelStyle, focusNeedsResize, largeLabelLevel, positionsBox } from '../../client/src/features/canvas/large-graph.js';
import { LABEL_HIDE_ZOOM, labelLevel } from '../../client/src/features/canvas/viewport.js';

describe('a large canvas', () => {
  it('keeps one label level for every zoom while labels are hidden, and sizes the labels in focus for the zoom instead', () => {
    const zooms = Array.from({ length: 400 }, (_, i) => 0.05 * 1.005 ** i).filter((z) => z < LABEL_HIDE_ZOOM);
    // No restyle while zooming across the overview: one stylesheet for all of it.
    expect(new Set(zooms.map((z) => largeLabelLevel(z).key)).size).toBe(1);
    // The fine levels would have changed about every 6%.
    expect(new Set(zooms.map((z) => labelLevel(z).key)).size).toBeGreaterThan(20);
    for (const z of zooms) expect(largeLabelLevel(z).nodeLabels).toBe(false);
    // A hovered or selected label is drawn as the zoom's own level would draw it.
    for (const z of [0.06, 0.12, 0.3]) {
      const focus = focusLabelStyle(z)!;
      expect(focus.node['font-size']).toBe(labelLevel(z).nodeFont);
      expect(focus.edge['font-size']).toBe(labelLevel(z).edgeFont);
      expect(Number(focus.node['font-size']) * z).toBeGreaterThanOrEqual(10);
    }
    // Once labels show, the level is the zoom's own and no bypass is needed.
    expect(largeLabelLevel(0.8)).toEqual(labelLevel(0.8));
    expect(focusLabelStyle(0.8)).toBeNull();
  });

  it('resizes the labels in focus only when the zoom has moved half a doubling, or labels start or stop showing', () => {
    // Nothing in focus: nothing to resize.
    expect(focusNeedsResize(null, 0.2)).toBe(false);
    // The small steps of a wheel gesture keep the sizes (each resize restyles, and drops Cytoscape's layered cache).
    for (const z of [0.1, 0.11, 0.13, 0.14]) expect(focusNeedsResize(0.1, z)).toBe(false);
    expect(focusNeedsResize(0.1, 0.1 * Math.SQRT2)).toBe(true);
    expect(focusNeedsResize(0.1, 0.1 / Math.SQRT2)).toBe(true);
    // Across the zoom where labels start showing, however small the step.
    expect(focusNeedsResize(LABEL_HIDE_ZOOM * 0.99, LABEL_HIDE_ZOOM * 1.01)).toBe(true);
    expect(focusNeedsResize(LABEL_HIDE_ZOOM * 1.01, LABEL_HIDE_ZOOM * 0.99)).toBe(true);
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

  it('draws haystack edges without arrowheads while a large graph is seen whole', () => {
    const edgeRule = (large: boolean, zoom: number) =>
      canvasStyle({ large, level: largeLabelLevel(zoom) }).find(
        (r) => 'style' in r && (r.style as Record<string, unknown>)['curve-style'] === 'haystack',
      );
    expect(edgeRule(true, 0.1)).toMatchObject({ selector: 'edge', style: { 'target-arrow-shape': 'none' } });
    expect(edgeRule(true, 0.8)).toBeUndefined();
    expect(edgeRule(false, 0.1)).toBeUndefined();
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
