// The stylesheet the HTML viewer falls back on when a view document carries none: the canvas's
// look (colour and shape by label, edge width by confidence), from the shared label styles.
import { LABEL_STYLES, LABEL_TEXT, NODE_SIZE } from '@model/label-styles.js';

export function fallbackStyle() {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'font-size': LABEL_TEXT.nodeFont,
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
      },
    },
    ...Object.entries(LABEL_STYLES).map(([label, s]) => ({
      selector: `node[label = "${label}"]`,
      style: { 'background-color': s.color, shape: s.shape },
    })),
    {
      selector: 'edge',
      style: {
        label: 'data(type)',
        'font-size': LABEL_TEXT.edgeFont,
        color: '#374151',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        width: 1,
        'line-color': '#9ca3af',
        'target-arrow-color': '#9ca3af',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
      },
    },
    { selector: 'edge[confidence >= 0]', style: { width: 'mapData(confidence, 0, 100, 0.6, 5)' } },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double' } },
    { selector: '.highlight', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.35, 'overlay-padding': 5 } },
    { selector: 'edge.highlight', style: { 'line-color': '#d97706', 'target-arrow-color': '#d97706', width: 5 } },
    { selector: '.faded', style: { opacity: 0.15, 'text-opacity': 0 } },
    {
      selector: ':selected',
      style: { 'border-width': 4, 'border-color': '#2563eb', 'line-color': '#2563eb', 'target-arrow-color': '#2563eb' },
    },
  ];
}
