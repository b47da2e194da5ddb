// How each label looks on the canvas, in the legend and in server-rendered exports: colour and
// shape, chosen to stay distinguishable for colour-blind readers (shape carries the kind too).
export interface LabelStyle {
  color: string;
  shape:
    | 'ellipse'
    | 'round-rectangle'
    | 'diamond'
    | 'hexagon'
    | 'triangle'
    | 'star'
    | 'tag'
    | 'barrel'
    | 'vee'
    | 'rhomboid'
    | 'octagon'
    | 'pentagon'
    | 'heptagon';
}

export const LABEL_STYLES: Record<string, LabelStyle> = {
  State: { color: '#b91c1c', shape: 'star' },
  ThreatActor: { color: '#ea580c', shape: 'hexagon' },
  ProxyGang: { color: '#7c3aed', shape: 'diamond' },
  Tool: { color: '#0f766e', shape: 'round-rectangle' },
  Technique: { color: '#c026d3', shape: 'heptagon' },
  Domain: { color: '#0369a1', shape: 'tag' },
  Target: { color: '#4d7c0f', shape: 'triangle' },
  Election: { color: '#be185d', shape: 'octagon' },
  Campaign: { color: '#a16207', shape: 'barrel' },
  EnforcementAction: { color: '#166534', shape: 'pentagon' },
  Organization: { color: '#475569', shape: 'rhomboid' },
  Person: { color: '#1d4ed8', shape: 'ellipse' },
  Source: { color: '#6b7280', shape: 'vee' },
};

/** Width and height of a node at zoom 1, on the canvas and in every export. */
export const NODE_SIZE = 26;

/**
 * Label text at zoom 1 (model units, px at zoom 1), as the canvas, its level of detail
 * (client viewport.ts), the SVG export and the HTML viewer all draw it.
 */
export const LABEL_TEXT = {
  nodeFont: 10,
  edgeFont: 8,
  /** Cytoscape's min-zoomed-font-size: a label smaller than this on screen is not drawn. */
  nodeMinPx: 7,
  edgeMinPx: 6,
  /** How wide a node's name may run before it is cut with "…". */
  nodeWidth: 120,
} as const;

export const FALLBACK_STYLE: LabelStyle = { color: '#9ca3af', shape: 'ellipse' };

export function labelStyle(label: string): LabelStyle {
  return LABEL_STYLES[label] ?? FALLBACK_STYLE;
}
