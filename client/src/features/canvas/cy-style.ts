// Cytoscape's stylesheet: nodes by label (colour and shape), edges labelled by type with a width
// that grows with confidence; noted nodes with a marker; classes for selection, highlight,
// elements marked as gone from the database, filters and pins.
import type cytoscape from 'cytoscape';
import { LABEL_STYLES, LABEL_TEXT, NODE_SIZE } from '@model/label-styles.js';
import { GROUP_LABEL } from '../../shared/groups.js';
import type { LabelLevel } from './viewport.js';

/** From this many nodes the canvas draws for speed: straight edges, no edge labels or text boxes. */
export const LARGE_GRAPH_NODES = 1000;

/**
 * The stylesheet. With `level` (the live canvas), labels follow the zoom (viewport.ts): sizes on
 * screen within bounds, edge labels only when zoomed in, hovered or selected, and a hovered
 * node's name whole. Without, the plain look that exports and the HTML viewer share.
 */
export function canvasStyle({ large = false, level }: { large?: boolean; level?: LabelLevel } = {}): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'font-size': LABEL_TEXT.nodeFont,
        'min-zoomed-font-size': LABEL_TEXT.nodeMinPx,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': `${LABEL_TEXT.nodeWidth}px`,
        width: NODE_SIZE,
        height: NODE_SIZE,
        'border-width': 1,
        'border-color': '#1f2937',
        'background-color': '#9ca3af',
        color: '#111827',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.7,
        'text-background-padding': '1px',
      },
    },
    ...Object.entries(LABEL_STYLES).map(([label, s]) => ({
      selector: `node[label = "${label}"]`,
      style: { 'background-color': s.color, shape: s.shape },
    })),
    // Style by data (use-style-by-data.ts sets these data fields; groups keep their own look).
    { selector: 'node[styleColor]', style: { 'background-color': 'data(styleColor)' } },
    { selector: 'node[styleSize]', style: { width: 'data(styleSize)', height: 'data(styleSize)' } },
    // A group of neighbours: a card in its members' colour with a white double edge, inside a
    // dark ring (a stack; blue is selection's), larger than a node, its count and type as its name.
    {
      selector: `node[label = "${GROUP_LABEL}"]`,
      style: {
        shape: 'round-rectangle',
        width: NODE_SIZE * 1.8,
        height: NODE_SIZE * 1.3,
        'background-color': 'data(groupColor)',
        'border-width': 4,
        'border-style': 'double',
        'border-color': '#ffffff',
        'outline-width': 2,
        'outline-color': '#374151',
        'outline-offset': 2,
        'font-weight': 'bold',
      } as cytoscape.Css.Node,
    },
    {
      selector: 'edge',
      style: {
        label: 'data(type)',
        'font-size': LABEL_TEXT.edgeFont,
        'min-zoomed-font-size': LABEL_TEXT.edgeMinPx,
        color: '#374151',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        width: 'mapData(weight, 0, 100, 0.6, 5)',
        'line-color': '#9ca3af',
        'target-arrow-color': '#9ca3af',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
      },
    },
    // Thousands of bezier edges with rotated labels are what makes a large canvas slow to redraw;
    // at the zoom that fits such a graph, edge labels are too small to read anyway.
    ...(large
      ? [
          { selector: 'edge', style: { label: '', 'curve-style': 'straight' as const, 'arrow-scale': 0.6 } },
          { selector: 'node', style: { 'text-background-opacity': 0 } },
        ]
      : []),
    // A noted node: its label ends with the note marker (data set by the canvas) and an amber ring.
    { selector: 'node[noteMark]', style: { label: 'data(noteMark)', 'border-width': 3, 'border-color': '#d97706' } },
    ...(level ? levelOfDetail(level, large) : []),
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double', 'border-color': '#111827' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#2563eb' } },
    { selector: 'edge:selected', style: { 'line-color': '#2563eb', 'target-arrow-color': '#2563eb', width: 5 } },
    { selector: '.highlight', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.35, 'overlay-padding': 5, 'z-index': 10 } },
    { selector: 'edge.highlight', style: { 'line-color': '#d97706', 'target-arrow-color': '#d97706', width: 5 } },
    { selector: 'node.marked', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#dc2626' } },
    { selector: 'edge.marked', style: { 'line-style': 'dashed', 'line-color': '#dc2626', 'target-arrow-color': '#dc2626' } },
    { selector: '.faded', style: { opacity: 0.15, 'text-opacity': 0 } },
    { selector: '.gone', style: { display: 'none' } },
  ];
}

/** The rules that make labels follow the zoom; after the defaults, before selection and highlight. */
function levelOfDetail(level: LabelLevel, large: boolean): cytoscape.StylesheetJson {
  const nodeLabel = { 'font-size': level.nodeFont, 'text-max-width': `${level.nodeTextWidth}px` };
  const edgeLabel = { label: 'data(type)', 'font-size': level.edgeFont };
  // A hovered node (and its edges) shows its whole name, wrapped, above its neighbours.
  const whole = {
    'text-wrap': 'wrap' as const,
    'text-max-width': `${Math.round(level.nodeTextWidth * 1.6)}px`,
    'text-background-opacity': 0.9,
    'z-index': 20,
  };
  return [
    {
      selector: 'node',
      style: {
        ...nodeLabel,
        ...(level.nodeLabels ? {} : { label: '' }),
        // No background image, as an empty list: Cytoscape 3.34's default (['none']) makes every
        // full draw of a node restyle it (its "backgrounding" state flips twice), which throws
        // away the whole layered bitmap cache each time a new zoom level is drawn. Its json()
        // writes this as '', which it cannot read back: captureView leaves it out.
        'background-image': [],
      },
    },
    // Thousands of labelled edges are what makes a large canvas slow: there, only the ones in focus.
    { selector: 'edge', style: level.edgeLabels && !large ? edgeLabel : { label: '', 'font-size': level.edgeFont } },
    // A large graph seen whole: arrowheads a few pixels wide cost a quarter of a redraw; back when
    // labels are. Haystack edges (straight, to the node's centre, under it) are Cytoscape's
    // cheapest to draw: no arrowheads, no endpoints on the node's outline to work out.
    ...(large && !level.nodeLabels
      ? [{ selector: 'edge', style: { 'target-arrow-shape': 'none' as const, 'curve-style': 'haystack' as const, 'haystack-radius': 0 } }]
      : []),
    { selector: 'edge.hover, edge.context, edge:selected', style: edgeLabel },
    // A group's edge always says what and how many it stands for.
    { selector: 'edge[groupLabel]', style: { label: 'data(groupLabel)', 'font-size': level.edgeFont } },
    { selector: 'node.hover, node:selected', style: { label: 'data(name)' } },
    { selector: 'node.hover[noteMark], node:selected[noteMark]', style: { label: 'data(noteMark)' } },
    { selector: 'node.hover', style: whole },
  ];
}
