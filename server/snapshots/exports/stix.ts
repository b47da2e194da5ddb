// STIX 2.1 export of a view: what the view shows (hidden and filtered-out elements left out, as
// GraphML and CSV do), as a bundle made by server/stix/export.ts. It reads the cited Sources from
// the database; a bundle the schemas refuse is a 500 naming the broken rule, never a file.
import type { ViewDocument } from '@model/snapshot.js';
import type { Database } from '../../db/database.js';
import { exportStixOrFail, type ExportGraph } from '../../stix/export.js';
import { shownElements } from './view.js';

export interface StixContext {
  db: Database;
}

/** The nodes and edges a view shows, in the exporter's terms. */
export function viewGraph(doc: ViewDocument): ExportGraph {
  const { nodes, edges } = shownElements(doc);
  return {
    nodes: nodes.map((n) => ({ id: n.data.id, label: n.data.label, name: n.data.name, properties: n.data.properties })),
    edges: edges.map((e) => ({
      type: e.data.type,
      from: e.data.source,
      to: e.data.target,
      evidence: e.data.evidence,
      properties: e.data.properties,
    })),
  };
}

export function toStix(doc: ViewDocument, { db }: StixContext): Promise<string> {
  return exportStixOrFail(db, viewGraph(doc));
}
