// The current view as a view document (model/snapshot.ts), and a view document back as a view to
// load: what snapshots save, exports send and the JSON import reads. Capture takes the elements
// from Cytoscape (positions, classes, the style as resolved) and the rest from the graph store.
import type cytoscape from 'cytoscape';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { VIEW_FORMAT, viewDocumentSchema, type ViewDocument } from '@model/snapshot.js';
import type { CanvasState, LoadedView } from './graph-store.js';
import { decodeStyleBy, encodeStyleBy } from './style-by-data.js';

export interface ViewMeta {
  title: string;
  caption: string;
  layout: string;
}

/** Classes the canvas sets while the pointer is on an element or a node is selected: not part of a view. */
export const TRANSIENT_CLASSES = ['hover', 'context'] as const;
const transient = new Set<string>(TRANSIENT_CLASSES);
const lasting = (classes: string[]) => classes.filter((c) => !transient.has(c)).join(' ');

/** Cytoscape's colours are already short ("rgb(1,2,3)"); the contract caps them at 40 characters. */
const colour = (value: unknown) => String(value ?? '').slice(0, 40);
const unit = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 1));
const size = (value: number) => (Number.isFinite(value) && value > 0 ? value : 0);

/**
 * Only string and number values survive JSON and the contract; Cytoscape's json() keeps them so.
 * An empty list of background images (the live canvas's, cy-style.ts) comes out as '', which
 * Cytoscape refuses to parse again: it is left out, and the default (no image) is the same look.
 */
function styleRules(cy: cytoscape.Core): ViewDocument['style'] {
  const rules = (cy.style() as unknown as { json(): unknown }).json() as Array<{ selector: string; style: Record<string, unknown> }>;
  const kept = (entry: [string, unknown]): entry is [string, string | number] =>
    (typeof entry[1] === 'string' || typeof entry[1] === 'number') && !(entry[0] === 'background-image' && entry[1] === '');
  return rules.map((rule) => ({ selector: rule.selector, style: Object.fromEntries(Object.entries(rule.style).filter(kept)) }));
}

/**
 * The view on the canvas as a view document, validated against the contract (so a view that
 * could not be saved fails here, naming the problem, rather than at the server).
 */
export function captureView(cy: cytoscape.Core, state: CanvasState, meta: ViewMeta): ViewDocument {
  const nodes = cy.nodes().map((n) => {
    const node = state.nodes[n.id()];
    return {
      group: 'nodes' as const,
      data: {
        ...n.data(),
        id: n.id(),
        label: node?.label ?? String(n.data('label')),
        name: node?.name ?? String(n.data('name')),
        properties: node?.properties ?? {},
      },
      position: { ...n.position() },
      classes: lasting(n.classes()),
      rendered: {
        shape: String(n.style('shape')),
        color: colour(n.style('background-color')),
        width: size(n.width()),
        height: size(n.height()),
        opacity: unit(n.effectiveOpacity()),
        visible: n.visible(),
      },
    };
  });
  const edges = cy.edges().map((e) => {
    const edge = state.edges[e.id()];
    return {
      group: 'edges' as const,
      data: {
        ...e.data(),
        id: e.id(),
        source: e.source().id(),
        target: e.target().id(),
        type: edge?.type ?? String(e.data('type')),
        evidence: edge?.evidence ?? { sources: [] },
        properties: edge?.properties ?? {},
      },
      classes: lasting(e.classes()),
      rendered: {
        color: colour(e.style('line-color')),
        width: size(Number(e.numericStyle('width'))),
        opacity: unit(e.effectiveOpacity()),
        visible: e.visible(),
      },
    };
  });
  const onCanvas = (id: string) => cy.getElementById(id).nonempty();
  return viewDocumentSchema.parse({
    format: VIEW_FORMAT,
    version: 1,
    title: meta.title,
    caption: meta.caption,
    elements: { nodes, edges },
    style: styleRules(cy),
    zoom: cy.zoom(),
    pan: { ...cy.pan() },
    // A canvas not laid out yet (or headless) reports 0; the contract wants a real box.
    viewport: { width: Math.max(1, cy.width()), height: Math.max(1, cy.height()) },
    layout: meta.layout,
    hidden: state.hidden.filter(onCanvas),
    pinned: state.pinned.filter(onCanvas),
    filters: { ...state.filters, hiddenLabels: [...state.filters.hiddenLabels], hiddenTypes: [...state.filters.hiddenTypes] },
    highlight: { nodes: state.highlight.nodes.filter(onCanvas), edges: state.highlight.edges.filter(onCanvas) },
    notes: Object.fromEntries(Object.entries(state.notes).filter(([id]) => onCanvas(id))),
    styleBy: encodeStyleBy(state.styleBy),
  });
}

/** A view document as the graph store loads it: elements back in the API's shapes, positions by id. */
export function documentToView(doc: ViewDocument): LoadedView {
  const nodes: GraphNode[] = doc.elements.nodes.map((n) => ({
    id: n.data.id,
    label: n.data.label,
    name: n.data.name,
    properties: n.data.properties,
  }));
  const edges: GraphEdge[] = doc.elements.edges.map((e) => ({
    id: e.data.id,
    type: e.data.type,
    from: e.data.source,
    to: e.data.target,
    evidence: e.data.evidence,
    properties: e.data.properties,
  }));
  return {
    nodes,
    edges,
    positions: Object.fromEntries(doc.elements.nodes.map((n) => [n.data.id, { x: n.position.x, y: n.position.y }])),
    zoom: doc.zoom,
    pan: { x: doc.pan.x, y: doc.pan.y },
    hidden: doc.hidden,
    pinned: doc.pinned,
    notes: doc.notes,
    filters: doc.filters,
    highlight: doc.highlight,
    styleBy: decodeStyleBy(doc.styleBy ?? {}),
  };
}

const PROBLEMS_SHOWN = 5;

/**
 * Reads a view document from the text of a file (the JSON export). Throws an Error whose message
 * names each problem by its place in the document, e.g. `elements.nodes.3.position.x: ...`.
 */
export function readViewDocument(text: string): ViewDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`The file is not JSON: ${(err as Error).message}`);
  }
  const result = viewDocumentSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'the document'}: ${issue.message}`,
  );
  const more = problems.length > PROBLEMS_SHOWN ? ` (and ${problems.length - PROBLEMS_SHOWN} more)` : '';
  throw new Error(`The file is not an explorer view: ${problems.slice(0, PROBLEMS_SHOWN).join('; ')}${more}`);
}
