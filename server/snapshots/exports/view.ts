// What the writers share about a view document: which elements it shows, and how a value reads
// as text in a table cell or an attribute.
import type { ViewDocument, ViewEdge, ViewNode } from '@model/snapshot.js';

export interface ShownElements {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

function hasClass(classes: string, name: string): boolean {
  return classes.split(/\s+/).includes(name);
}

export function isFaded(element: { classes: string }): boolean {
  return hasClass(element.classes, 'faded');
}

/**
 * The elements the view shows: not hidden, not filtered out (class `gone`, or rendered invisible).
 * Faded elements are shown. An edge is shown only when both its ends are.
 */
export function shownElements(doc: ViewDocument): ShownElements {
  const hidden = new Set(doc.hidden);
  const nodes = doc.elements.nodes.filter((n) => !hidden.has(n.data.id) && !hasClass(n.classes, 'gone') && n.rendered?.visible !== false);
  const ids = new Set(nodes.map((n) => n.data.id));
  const edges = doc.elements.edges.filter(
    (e) => ids.has(e.data.source) && ids.has(e.data.target) && !hasClass(e.classes, 'gone') && e.rendered?.visible !== false,
  );
  return { nodes, edges };
}

/** A property as one cell of text: lists and maps as JSON, nothing as empty. */
export function propertyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function edgeConfidence(edge: ViewEdge): number | undefined {
  return edge.data.confidence ?? edge.data.evidence.confidence;
}

/** The evidence of an edge as named text columns, in the order every table lists them. */
export function evidenceColumns(edge: ViewEdge) {
  const { evidence } = edge.data;
  return {
    sources: evidence.sources.join('; '),
    quote: evidence.quote ?? '',
    summary: evidence.summary ?? '',
    firstSeen: evidence.firstSeen ?? '',
    lastSeen: evidence.lastSeen ?? '',
    confidence: edgeConfidence(edge),
  };
}

/** Node properties other than those every table already has a column for. */
export function otherProperties(properties: Record<string, unknown>, taken: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !taken.includes(key)));
}

/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates) are dropped. */
export function xmlSafe(text: string): string {
  return text.replace(
    // oxlint-disable-next-line no-control-regex -- dropping control characters is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}
