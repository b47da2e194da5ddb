// SVG export: the view drawn from its document, as the canvas drew it. No library renders
// Cytoscape JSON outside a browser, so this is a small renderer of its own: nodes with their shape,
// colour and size (as rendered when saved, else by label), edges with arrowheads and a width by
// confidence, names under nodes and types along edges. Hidden and filtered-out elements are left
// out, faded ones drawn faint.
import { XMLBuilder } from 'fast-xml-parser';
import { LABEL_TEXT, NODE_SIZE, labelStyle } from '@model/label-styles.js';
import type { ExportOptions, ViewDocument, ViewEdge, ViewNode } from '@model/snapshot.js';
import { InvalidInputError } from '../../errors.js';
import { boundaryDistance, shapePath } from './shapes.js';
import { edgeConfidence, isFaded, shownElements, xmlSafe } from './view.js';

/** Longest side of an image, in CSS pixels at scale 1: a larger view is drawn smaller. */
export const SVG_SIDE_MAX = 4096;
const PADDING = 20;
const NODE_FONT = LABEL_TEXT.nodeFont;
const EDGE_FONT = LABEL_TEXT.edgeFont;
/** Cytoscape's min-zoomed-font-size on the canvas: smaller labels are not drawn there. */
const NODE_FONT_MIN_PX = LABEL_TEXT.nodeMinPx;
const EDGE_FONT_MIN_PX = LABEL_TEXT.edgeMinPx;
const LABEL_MAX_WIDTH = LABEL_TEXT.nodeWidth;
const CHAR_WIDTH = 0.58; // of the font size, on average: enough to size boxes and cut long names
const FAINT = 0.15;
/** What the canvas puts before a noted node's name. */
const NOTE_MARKER = '✎';
const EDGE_COLOR = '#9ca3af';
const HIGHLIGHT = '#d97706';
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
/**
 * The largest coordinate or size a PNG may draw, in model units. resvg computes in 32-bit floats:
 * past about 3.4e38 a number is infinite and it aborts the whole process (a panic in its geometry
 * code) or draws forever, and a shape of 1e30 takes it seconds. No view comes near this.
 */
export const RASTER_EXTENT_MAX = 1e15;

export interface SvgImage {
  svg: string;
  /** Size in CSS pixels; a PNG at scale s is round(width × s) pixels wide. */
  width: number;
  height: number;
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface DrawnNode {
  node: ViewNode;
  /** The name under the node; a noted node's starts with the canvas's note marker. */
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  shape: string;
  color: string;
  opacity: number;
  faded: boolean;
}

interface DrawnEdge {
  edge: ViewEdge;
  line: string;
  arrow: string;
  color: string;
  width: number;
  opacity: number;
  faded: boolean;
  label: { x: number; y: number; angle: number };
}

// Colours go into attributes: only plain colour values, never url(...) or anything else.
const COLOR = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\)|[a-z]{3,20})$/i;
const SHAPE = /^[a-z-]{3,30}$/;
const safeColor = (value: string | undefined, fallback: string) => (value && COLOR.test(value) ? value : fallback);
const r2 = (n: number) => Math.round(n * 100) / 100;
const has = (classes: string, name: string) => classes.split(/\s+/).includes(name);

/** A group node of the explorer (client/src/shared/groups.ts): label "Group", its members in its properties. */
const isGroup = (n: DrawnNode) => n.node.data.label === 'Group' && Array.isArray(n.node.data.properties.members);

function drawNode(node: ViewNode, noted: boolean): DrawnNode {
  const style = labelStyle(node.data.label);
  const faded = isFaded(node);
  return {
    node,
    label: noted ? `${NOTE_MARKER} ${node.data.name}` : node.data.name,
    x: node.position.x,
    y: node.position.y,
    w: node.rendered?.width ?? NODE_SIZE,
    h: node.rendered?.height ?? NODE_SIZE,
    shape: node.rendered && SHAPE.test(node.rendered.shape) ? node.rendered.shape : style.shape,
    color: safeColor(node.rendered?.color, style.color),
    opacity: node.rendered?.opacity ?? (faded ? FAINT : 1),
    faded,
  };
}

/** Edge width as the canvas maps it: 0.6 px at confidence 0 to 5 px at 100. */
function confidenceWidth(confidence: number | undefined): number {
  if (confidence === undefined) return 1;
  return 0.6 + (Math.min(100, Math.max(0, confidence)) / 100) * 4.4;
}

/** Cytoscape's triangle arrow: its size grows with the edge width (arrow-scale 0.8). */
function arrowSize(width: number): { length: number; half: number } {
  const size = Math.max(Math.pow(width * 13.37, 0.9), 29) * 0.8;
  return { length: 0.3 * size, half: 0.15 * size };
}

function drawEdge(edge: ViewEdge, s: DrawnNode, t: DrawnNode, offset: number): DrawnEdge | null {
  const highlighted = has(edge.classes, 'highlight');
  const faded = isFaded(edge);
  const width = edge.rendered?.width ?? (highlighted ? 5 : confidenceWidth(edgeConfidence(edge)));
  const { length, half } = arrowSize(width);
  let p0: [number, number];
  let c1: [number, number];
  let c2: [number, number] | null = null;
  let end: [number, number];
  if (s === t) {
    // A loop, out of the top and back into the right side.
    const reach = 30 + Math.abs(offset);
    p0 = [s.x, s.y - s.h / 2];
    c1 = [s.x, s.y - s.h / 2 - reach];
    c2 = [s.x + s.w / 2 + reach, s.y];
    end = [s.x + s.w / 2, s.y];
  } else {
    const [dx, dy] = [t.x - s.x, t.y - s.y];
    const len = Math.hypot(dx, dy);
    if (len === 0) return null;
    // Parallel edges bow apart; the bow is measured on the pair's fixed direction so that
    // edges running opposite ways do not overlap.
    const flip = s.node.data.id < t.node.data.id ? 1 : -1;
    const [nx, ny] = [(-dy / len) * flip, (dx / len) * flip];
    c1 = [(s.x + t.x) / 2 + nx * offset * 2, (s.y + t.y) / 2 + ny * offset * 2];
    const out = boundaryDistance(s.w, s.h, c1[0] - s.x, c1[1] - s.y);
    const outLen = Math.hypot(c1[0] - s.x, c1[1] - s.y) || 1;
    p0 = [s.x + ((c1[0] - s.x) / outLen) * out, s.y + ((c1[1] - s.y) / outLen) * out];
    const inLen = Math.hypot(t.x - c1[0], t.y - c1[1]) || 1;
    const back = boundaryDistance(t.w, t.h, t.x - c1[0], t.y - c1[1]);
    end = [t.x - ((t.x - c1[0]) / inLen) * back, t.y - ((t.y - c1[1]) / inLen) * back];
  }
  const from = c2 ?? c1;
  const tangentLen = Math.hypot(end[0] - from[0], end[1] - from[1]) || 1;
  const [ux, uy] = [(end[0] - from[0]) / tangentLen, (end[1] - from[1]) / tangentLen];
  const base: [number, number] = [end[0] - ux * length, end[1] - uy * length];
  const pt = (p: [number, number]) => `${r2(p[0])} ${r2(p[1])}`;
  const line = c2 ? `M${pt(p0)}C${pt(c1)} ${pt(c2)} ${pt(base)}` : `M${pt(p0)}Q${pt(c1)} ${pt(base)}`;
  const arrow = `M${pt(end)}L${pt([base[0] - uy * half, base[1] + ux * half])}L${pt([base[0] + uy * half, base[1] - ux * half])}Z`;
  const mid: [number, number] = c2
    ? [(p0[0] + 3 * c1[0] + 3 * c2[0] + end[0]) / 8, (p0[1] + 3 * c1[1] + 3 * c2[1] + end[1]) / 8]
    : [(p0[0] + 2 * c1[0] + end[0]) / 4, (p0[1] + 2 * c1[1] + end[1]) / 4];
  let angle = (Math.atan2(t.y - s.y, t.x - s.x) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  return {
    edge,
    line,
    arrow,
    color: safeColor(edge.rendered?.color, highlighted ? HIGHLIGHT : EDGE_COLOR),
    width,
    opacity: edge.rendered?.opacity ?? (faded ? FAINT : 1),
    faded,
    label: { x: mid[0], y: mid[1], angle: s === t ? 0 : angle },
  };
}

/** Offsets so that several edges between the same two nodes do not overlap. */
function bows(edges: ViewEdge[]): number[] {
  const pairKey = (e: ViewEdge) => [e.data.source, e.data.target].sort().join('\u0000');
  const groups = new Map<string, number>();
  for (const e of edges) groups.set(pairKey(e), (groups.get(pairKey(e)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const key = pairKey(e);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return (index - ((groups.get(key) ?? 1) - 1) / 2) * 16;
  });
}

function cut(text: string, fontSize: number): string {
  const max = Math.floor(LABEL_MAX_WIDTH / (fontSize * CHAR_WIDTH));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * CHAR_WIDTH;
}

function extend(box: Box | null, x1: number, y1: number, x2: number, y2: number): Box {
  if (!box) return { x1, y1, x2, y2 };
  return { x1: Math.min(box.x1, x1), y1: Math.min(box.y1, y1), x2: Math.max(box.x2, x2), y2: Math.max(box.y2, y2) };
}

/** Everything drawn, nodes with their names and edges with their bows and types. */
function contentBox(nodes: DrawnNode[], edges: DrawnEdge[]): Box {
  let box: Box | null = null;
  for (const n of nodes) {
    const half = Math.max(n.w / 2, textWidth(cut(n.label, NODE_FONT), NODE_FONT) / 2);
    box = extend(box, n.x - half, n.y - n.h / 2, n.x + half, n.y + n.h / 2 + 3 + NODE_FONT * 1.3);
  }
  for (const e of edges) {
    const half = textWidth(e.edge.data.type, EDGE_FONT) / 2;
    box = extend(box, e.label.x - half, e.label.y - half, e.label.x + half, e.label.y + half);
  }
  return box ?? { x1: 0, y1: 0, x2: 100, y2: 100 };
}

/** Pixels and viewBox: `perUnit` pixels a model unit, less if the image would be too large. */
function frame(box: Box, perUnit: number) {
  const [w, h] = [box.x2 - box.x1, box.y2 - box.y1];
  const k = Math.min(perUnit, SVG_SIDE_MAX / Math.max(w, h));
  const width = Math.max(1, Math.round(w * k));
  const height = Math.max(1, Math.round(h * k));
  return { width, height, viewBox: `${r2(box.x1)} ${r2(box.y1)} ${r2(width / k)} ${r2(height / k)}` };
}

/**
 * `raster` is given when the SVG is to become a PNG at that scale: labels too small to read at that
 * size are then left out, as the canvas leaves them out when zoomed out (and a large view
 * rasterises in a fraction of the time). A plain SVG keeps every label: it can be zoomed.
 */
export function toSvg(doc: ViewDocument, options: Pick<ExportOptions, 'background' | 'area'>, raster?: { scale: number }): SvgImage {
  const shown = shownElements(doc);
  const nodes = shown.nodes.map((n) => drawNode(n, doc.notes[n.data.id] !== undefined));
  const byId = new Map(nodes.map((n) => [n.node.data.id, n]));
  const offsets = bows(shown.edges);
  const edges = shown.edges
    .map((e, i) => drawEdge(e, byId.get(e.data.source)!, byId.get(e.data.target)!, offsets[i]!))
    .filter((e): e is DrawnEdge => e !== null);

  const { width, height, viewBox } =
    options.area === 'visible'
      ? frame(
          {
            // What the canvas showed: model x = (screen x - pan.x) / zoom.
            x1: -doc.pan.x / doc.zoom,
            y1: -doc.pan.y / doc.zoom,
            x2: (doc.viewport.width - doc.pan.x) / doc.zoom,
            y2: (doc.viewport.height - doc.pan.y) / doc.zoom,
          },
          doc.zoom,
        )
      : (() => {
          const box = contentBox(nodes, edges);
          return frame({ x1: box.x1 - PADDING, y1: box.y1 - PADDING, x2: box.x2 + PADDING, y2: box.y2 + PADDING }, 1);
        })();
  const [vx, vy, vw, vh] = viewBox.split(' ');
  if (raster) {
    // resvg (PNG) aborts the whole process on a translucent group drawn entirely outside the
    // picture (a panic in its geometry code, which cannot be caught): leave such elements out,
    // and invisible ones; they would not show anyway.
    const view = { x1: Number(vx), y1: Number(vy), x2: Number(vx) + Number(vw), y2: Number(vy) + Number(vh) };
    const onPicture = (box: { x1: number; y1: number; x2: number; y2: number }) =>
      box.x2 >= view.x1 && box.x1 <= view.x2 && box.y2 >= view.y1 && box.y1 <= view.y2;
    const keptNodes = nodes.filter(
      (n) => n.opacity > 0 && onPicture({ x1: n.x - n.w / 2, y1: n.y - n.h / 2, x2: n.x + n.w / 2, y2: n.y + n.h / 2 }),
    );
    nodes.splice(0, nodes.length, ...keptNodes);
    const keptEdges = edges.filter((e) => {
      const a = byId.get(e.edge.data.source)!;
      const b = byId.get(e.edge.data.target)!;
      // The curve stays near its ends and its label: a generous box around all three.
      const xs = [a.x, b.x, e.label.x];
      const ys = [a.y, b.y, e.label.y];
      const margin = Math.abs(e.label.x - (a.x + b.x) / 2) + Math.abs(e.label.y - (a.y + b.y) / 2) + e.width + 20;
      return (
        e.opacity > 0 &&
        onPicture({
          x1: Math.min(...xs) - margin,
          y1: Math.min(...ys) - margin,
          x2: Math.max(...xs) + margin,
          y2: Math.max(...ys) + margin,
        })
      );
    });
    edges.splice(0, edges.length, ...keptEdges);
    // A loop, not Math.max(...all): a large view has more numbers than a call takes arguments.
    let extent = Math.max(...Object.values(view).map(Math.abs));
    for (const n of nodes) extent = Math.max(extent, Math.abs(n.x) + n.w, Math.abs(n.y) + n.h);
    for (const e of edges) {
      const [a, b] = [byId.get(e.edge.data.source)!, byId.get(e.edge.data.target)!];
      extent = Math.max(extent, Math.abs(a.x), Math.abs(a.y), Math.abs(b.x), Math.abs(b.y), Math.abs(e.label.x), Math.abs(e.label.y));
    }
    if (!(extent <= RASTER_EXTENT_MAX))
      throw new InvalidInputError(
        'document',
        `document: a position or size is too large to draw as PNG (over ${RASTER_EXTENT_MAX}); export SVG instead`,
      );
  }
  const pixelsPerUnit = raster ? (width / Number(vw)) * raster.scale : Infinity;
  const nodeLabels = NODE_FONT * pixelsPerUnit >= NODE_FONT_MIN_PX;
  const edgeLabels = EDGE_FONT * pixelsPerUnit >= EDGE_FONT_MIN_PX;

  const halo = { '@stroke': '#ffffff', '@stroke-width': 2.5, '@stroke-linejoin': 'round', '@paint-order': 'stroke' };
  const svg = {
    '@xmlns': 'http://www.w3.org/2000/svg',
    '@width': width,
    '@height': height,
    '@viewBox': viewBox,
    '@font-family': FONT,
    title: xmlSafe(doc.title || 'Threat-network view'),
    ...(doc.caption ? { desc: xmlSafe(doc.caption) } : {}),
    rect: options.background === 'white' ? [{ '@x': vx, '@y': vy, '@width': vw, '@height': vh, '@fill': '#ffffff' }] : [],
    g: [
      {
        '@class': 'highlights',
        '@fill': '#f59e0b',
        '@fill-opacity': 0.35,
        rect: nodes
          .filter((n) => has(n.node.classes, 'highlight'))
          .map((n) => ({
            '@x': r2(n.x - n.w / 2 - 5),
            '@y': r2(n.y - n.h / 2 - 5),
            '@width': r2(n.w + 10),
            '@height': r2(n.h + 10),
            '@rx': 4,
          })),
      },
      {
        '@class': 'edges',
        g: edges.map((e) => ({
          '@opacity': e.opacity,
          '@data-id': xmlSafe(e.edge.data.id),
          path: [
            { '@d': e.line, '@fill': 'none', '@stroke': e.color, '@stroke-width': r2(e.width) },
            { '@d': e.arrow, '@fill': e.color },
          ],
        })),
      },
      {
        '@class': 'edge-labels',
        '@font-size': EDGE_FONT,
        '@fill': '#374151',
        '@text-anchor': 'middle',
        '@dominant-baseline': 'central',
        text: edges
          .filter((e) => edgeLabels && !e.faded && e.opacity > 0)
          .map((e) => ({
            ...halo,
            '@x': r2(e.label.x),
            '@y': r2(e.label.y),
            ...(e.label.angle ? { '@transform': `rotate(${r2(e.label.angle)} ${r2(e.label.x)} ${r2(e.label.y)})` } : {}),
            // A group's edge says how many it stands for ("INDICTED × 33"), as on the canvas.
            '#text': xmlSafe(typeof e.edge.data.groupLabel === 'string' ? e.edge.data.groupLabel : e.edge.data.type),
          })),
      },
      {
        '@class': 'nodes',
        '@stroke': '#1f2937',
        // Each node's full name as its <title> (a tooltip): the label under it may be cut.
        g: nodes.map((n) => ({
          '@opacity': n.opacity,
          '@data-id': xmlSafe(n.node.data.id),
          title: xmlSafe(n.node.data.name),
          path: isGroup(n)
            ? // A group of neighbours, drawn as on the canvas: a stack (a card behind) with a white double edge.
              [
                { '@d': shapePath(n.shape, n.x + 4, n.y - 4, n.w, n.h), '@fill': n.color, '@fill-opacity': 0.45, '@stroke-width': 1 },
                { '@d': shapePath(n.shape, n.x, n.y, n.w, n.h), '@fill': n.color, '@stroke-width': 1 },
                { '@d': shapePath(n.shape, n.x, n.y, n.w - 6, n.h - 6), '@fill': 'none', '@stroke': '#ffffff', '@stroke-width': 1.5 },
              ]
            : { '@d': shapePath(n.shape, n.x, n.y, n.w, n.h), '@fill': n.color, '@stroke-width': has(n.node.classes, 'pinned') ? 3 : 1 },
        })),
      },
      {
        '@class': 'node-labels',
        '@font-size': NODE_FONT,
        '@fill': '#111827',
        '@text-anchor': 'middle',
        text: nodes
          .filter((n) => nodeLabels && !n.faded && n.opacity > 0)
          .map((n) => ({ ...halo, '@x': r2(n.x), '@y': r2(n.y + n.h / 2 + 3 + NODE_FONT), '#text': xmlSafe(cut(n.label, NODE_FONT)) })),
      },
    ],
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    format: false,
    suppressEmptyNode: true,
  });
  return { svg: builder.build({ '?xml': { '@version': '1.0', '@encoding': 'UTF-8' }, svg }), width, height };
}
