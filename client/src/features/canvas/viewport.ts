// The canvas's viewport rules, as plain arithmetic (no Cytoscape): a fit never zooms in past the
// size at which a node is about 40 px across; revealing new nodes pans, or zooms out, but never
// zooms in; and the level of detail (label sizes on screen, edge labels) that follows the zoom.
import { LABEL_TEXT, NODE_SIZE } from '@model/label-styles.js';

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** A node about 40 px across on screen is the closest a fit comes (labels then 14 px). */
export const FIT_ZOOM_CAP = 40 / NODE_SIZE;
/** Room left around what a fit or a reveal shows, in screen pixels. */
export const VIEW_PADDING = 40;

/**
 * The viewport that shows `box` (model coordinates) whole in a `width` × `height` canvas, centred,
 * with `padding` around it, zoomed in no further than `cap`, and within [minZoom, maxZoom].
 */
export function fitViewport(
  box: Box,
  width: number,
  height: number,
  { padding = VIEW_PADDING, cap = FIT_ZOOM_CAP, minZoom = 0.05, maxZoom = 4 } = {},
): Viewport {
  const w = Math.max(box.x2 - box.x1, 1);
  const h = Math.max(box.y2 - box.y1, 1);
  const room = { w: Math.max(width - 2 * padding, 1), h: Math.max(height - 2 * padding, 1) };
  const zoom = clamp(Math.min(room.w / w, room.h / h, cap), minZoom, maxZoom);
  const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
  return { zoom, pan: { x: width / 2 - centre.x * zoom, y: height / 2 - centre.y * zoom } };
}

/**
 * The smallest change of `current` that brings `box` into view: nothing if it is already in
 * view; a pan if it fits at the current zoom; otherwise a zoom out (never in) that shows it whole.
 * Returns null when nothing needs to move.
 */
export function revealViewport(
  current: Viewport,
  box: Box,
  width: number,
  height: number,
  { padding = VIEW_PADDING, minZoom = 0.05 } = {},
): Viewport | null {
  const { zoom, pan } = current;
  const w = (box.x2 - box.x1) * zoom;
  const h = (box.y2 - box.y1) * zoom;
  if (w > width - 2 * padding || h > height - 2 * padding) {
    const fitted = fitViewport(box, width, height, { padding, cap: zoom, minZoom, maxZoom: zoom });
    return fitted.zoom < zoom || fitted.pan.x !== pan.x || fitted.pan.y !== pan.y ? fitted : null;
  }
  // Rendered box; move it by as little as puts it inside the padded canvas.
  const r = { x1: box.x1 * zoom + pan.x, y1: box.y1 * zoom + pan.y, x2: box.x2 * zoom + pan.x, y2: box.y2 * zoom + pan.y };
  const dx = shift(r.x1, r.x2, padding, width - padding);
  const dy = shift(r.y1, r.y2, padding, height - padding);
  if (dx === 0 && dy === 0) return null;
  return { zoom, pan: { x: pan.x + dx, y: pan.y + dy } };
}

/** How far to move [a, b] so that it lies inside [lo, hi] (it fits). */
function shift(a: number, b: number, lo: number, hi: number): number {
  if (a < lo) return lo - a;
  if (b > hi) return hi - b;
  return 0;
}

// ---- level of detail ----

/** Node label size in model units at zoom 1 (the stylesheet's). */
export const NODE_FONT = LABEL_TEXT.nodeFont;
/** Node labels on screen stay between these sizes (px) while they are shown. */
export const MIN_LABEL_PX = 10.5;
export const MAX_LABEL_PX = 14;
/** Below this zoom node labels are not drawn: at a constant 11 px they would cover the graph. */
export const LABEL_HIDE_ZOOM = 0.35;
/** From this zoom on every edge is labelled; below, only hovered or selected ones (and a selected node's). */
export const EDGE_LABEL_ZOOM = 1.2;
const EDGE_FONT = LABEL_TEXT.edgeFont;
const MIN_EDGE_LABEL_PX = 9;
const MAX_EDGE_LABEL_PX = 12;
/** A node label's width on screen (px) before it is cut with "…" (the hovered node shows it whole). */
const MIN_LABEL_WIDTH_PX = 80;
const MAX_LABEL_WIDTH_PX = 170;
const LABEL_WIDTH = LABEL_TEXT.nodeWidth;
/** Zoom steps per doubling that labelLevel tells apart. */
const ZOOM_STEPS = 12;
/** How far (as a factor) a zoom step is from the zoom at most: half a step. */
const STEP_ERROR = 2 ** (0.5 / ZOOM_STEPS);

export interface LabelLevel {
  /** Node label size and width limit in model units, so that they are drawn at the sizes above. */
  nodeFont: number;
  nodeTextWidth: number;
  nodeLabels: boolean;
  /** Edge label size in model units, and whether every edge is labelled. */
  edgeFont: number;
  edgeLabels: boolean;
  /** Equal keys, equal stylesheets: the canvas restyles only when the key changes. */
  key: string;
}

/**
 * The label sizes for a zoom. The zoom is taken in steps of about 6% so that a wheel zoom restyles
 * the canvas now and then, not at every frame (sizes on screen are off by 3% at most).
 */
export function labelLevel(zoom: number): LabelLevel {
  const z = 2 ** (Math.round(Math.log2(Math.max(zoom, 0.01)) * ZOOM_STEPS) / ZOOM_STEPS);
  // Bounds narrowed by the step's error, so that sizes on screen keep within them at any zoom.
  const nodePx = clamp(NODE_FONT * z, MIN_LABEL_PX * STEP_ERROR, MAX_LABEL_PX / STEP_ERROR);
  const widthPx = clamp(LABEL_WIDTH * z, MIN_LABEL_WIDTH_PX, MAX_LABEL_WIDTH_PX);
  const edgePx = clamp(EDGE_FONT * z, MIN_EDGE_LABEL_PX * STEP_ERROR, MAX_EDGE_LABEL_PX / STEP_ERROR);
  const nodeFont = round(nodePx / z);
  const nodeTextWidth = Math.round(widthPx / z);
  const edgeFont = round(edgePx / z);
  const nodeLabels = z >= LABEL_HIDE_ZOOM;
  const edgeLabels = z >= EDGE_LABEL_ZOOM;
  return {
    nodeFont,
    nodeTextWidth,
    nodeLabels,
    edgeFont,
    edgeLabels,
    key: `${nodeFont}/${nodeTextWidth}/${nodeLabels}/${edgeFont}/${edgeLabels}`,
  };
}

/**
 * The level the layouts measure labels at, whatever the zoom is, so that a layout does not depend
 * on it. At this zoom labels are their largest in model units over the zooms a fit usually ends
 * at (from here up): space kept for them here is enough when the graph is shown closer.
 */
export const LAYOUT_LEVEL = labelLevel(0.7);

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
