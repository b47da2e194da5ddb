// What the canvas does differently for a large graph (LARGE_GRAPH_NODES and up), as plain
// arithmetic: restyling thousands of elements takes a second on a slow CPU, so it happens rarely
// (never while labels are hidden: one label level for every zoom of the overview; and only once a
// zoom gesture has stopped), and the first fit is computed from positions alone, before any element
// is styled, so that the elements are styled once, at the level the fit arrives at.
import { NODE_SIZE } from '@model/label-styles.js';
import { LABEL_HIDE_ZOOM, labelLevel, type Box, type LabelLevel } from './viewport.js';

/** A large canvas restyles for the zoom this long after the last zoom event (a wheel gesture is over). */
export const LARGE_RESTYLE_DELAY_MS = 250;

/**
 * The zoom whose label level a large canvas keeps for every zoom below LABEL_HIDE_ZOOM (where only
 * hovered or selected labels show, sized by focusLabelStyle instead): zooming across the overview
 * restyles nothing.
 */
export const OVERVIEW_LEVEL_ZOOM = LABEL_HIDE_ZOOM / Math.SQRT2;

/** The label level for a zoom on a large canvas: the zoom's own once node labels show, else one for all the overview. */
export function largeLabelLevel(zoom: number): LabelLevel {
  return labelLevel(zoom >= LABEL_HIDE_ZOOM ? zoom : OVERVIEW_LEVEL_ZOOM);
}

/**
 * The label sizes (a style bypass on the few elements in focus: hovered, selected, their edges) that
 * make their labels readable at `zoom` on a large canvas whose stylesheet keeps the overview's
 * level; null once labels show, where the stylesheet's level is the zoom's own.
 */
export function focusLabelStyle(zoom: number): { node: Record<string, string | number>; edge: Record<string, string | number> } | null {
  if (zoom >= LABEL_HIDE_ZOOM) return null;
  const level = labelLevel(zoom);
  return { node: { 'font-size': level.nodeFont, 'text-max-width': `${level.nodeTextWidth}px` }, edge: { 'font-size': level.edgeFont } };
}

/**
 * Whether the labels in focus, sized for the zoom `sizedAt` (null: none are), need sizes for
 * `zoom`: once the zoom is half a doubling away (their size on screen then off by at most √2), or
 * labels started or stopped showing. Not at every pause of a wheel gesture: each resize restyles
 * elements, which drops Cytoscape's layered cache (layer-cache.ts).
 */
export function focusNeedsResize(sizedAt: number | null, zoom: number): boolean {
  if (sizedAt === null) return false;
  if (sizedAt >= LABEL_HIDE_ZOOM !== zoom >= LABEL_HIDE_ZOOM) return true;
  return Math.abs(Math.log2(zoom / sizedAt)) >= 0.5;
}

/** Node widths from one node to the next in a draft layout (draft-layout.ts): room for the node and its label. */
export const DRAFT_SPACING = 3;

/**
 * The box a large graph of `count` nodes is expected to fill once laid out (a draft layout
 * DRAFT_SPACING node widths a node), centred on `centre`: the canvas is first fitted to it, so
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

/**
 * Whether pan and zoom gestures move a bitmap of the graph (Cytoscape's textureOnViewport) rather
 * than redraw it. Not on a large canvas: drawn for speed (no labels, haystack edges, no arrowheads)
 * a redraw is cheaper there than the bitmap, which Cytoscape renders anew at twice the canvas's
 * resolution, with the bounds of every element, at the start of each gesture (each wheel notch
 * when they come slower than 150 ms apart). Cytoscape takes this option only when it is created:
 * it is set on its renderer, which reads it each frame (cytoscape 3.34).
 */
export function setViewportTexture(cy: object, on: boolean): void {
  // cy.renderer() is Cytoscape's, not in its typings.
  const renderer = (cy as { renderer?: () => unknown }).renderer?.() as { textureOnViewport?: boolean; textureCache?: unknown } | null;
  if (!renderer || renderer.textureOnViewport === on) return;
  renderer.textureOnViewport = on;
  renderer.textureCache = null;
}
