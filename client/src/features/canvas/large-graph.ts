// What the canvas does differently for a large graph (LARGE_GRAPH_NODES and up), as plain
// arithmetic: restyling thousands of elements takes a second on a slow CPU, so it happens rarely
// (label levels in whole doublings of the zoom while labels are hidden, and only once a zoom
// gesture has stopped), and the first fit is computed from positions alone, before any element
// is styled, so that the elements are styled once, at the level the fit arrives at.
import { NODE_SIZE } from '@model/label-styles.js';
import { LABEL_HIDE_ZOOM, labelLevel, type Box, type LabelLevel } from './viewport.js';

/** A large canvas restyles for the zoom this long after the last zoom event (a wheel gesture is over). */
export const LARGE_RESTYLE_DELAY_MS = 250;

/**
 * The label level for a zoom on a large canvas: the level of the zoom itself once node labels show;
 * below that (only hovered or selected labels show), the level of the nearest whole doubling,
 * so zooming across the overview restyles the canvas once per doubling, not every 6%.
 */
export function largeLabelLevel(zoom: number): LabelLevel {
  if (zoom >= LABEL_HIDE_ZOOM) return labelLevel(zoom);
  const coarse = Math.min(2 ** Math.round(Math.log2(Math.max(zoom, 0.01))), LABEL_HIDE_ZOOM / Math.SQRT2);
  return labelLevel(coarse);
}

/** Node widths of room a node gets when a draft layout is spread (fewer overlaps than 2, tighter than 4): fcose.worker.ts. */
export const DRAFT_SPACING = 3;

/**
 * The box a large graph of `count` nodes is expected to fill once laid out (a draft layout spread
 * to DRAFT_SPACING node widths a node), centred on `centre`: the canvas is first fitted to it, so
 * the zoom, and with it the label level, barely changes when the layout arrives.
 */
export function expectedLayoutBox(count: number, centre: { x: number; y: number }): Box {
  const half = (Math.sqrt(count) * NODE_SIZE * DRAFT_SPACING) / 2;
  return { x1: centre.x - half, y1: centre.y - half, x2: centre.x + half, y2: centre.y + half };
}

/** The box around node positions, each node as a NODE_SIZE square: no style needed (labels not counted). */
export function positionsBox(points: Iterable<{ x: number; y: number }>): Box | null {
  let box: Box | null = null;
  const half = NODE_SIZE / 2;
  for (const p of points) {
    if (!box) box = { x1: p.x - half, y1: p.y - half, x2: p.x + half, y2: p.y + half };
    else {
      box.x1 = Math.min(box.x1, p.x - half);
      box.y1 = Math.min(box.y1, p.y - half);
      box.x2 = Math.max(box.x2, p.x + half);
      box.y2 = Math.max(box.y2, p.y + half);
    }
  }
  return box;
}
