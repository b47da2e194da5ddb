// STIX 2.1 export of a view: what the view shows (hidden and filtered-out elements left out, as
// GraphML and CSV do), as a bundle made by server/stix/export.ts. It reads the cited Sources from
// the database; a bundle the schemas refuse is a 500 naming the broken rule, never a file.
import { z } from 'zod';
import { entityId, evidenceSchema } from '@model/api.js';
import type { ViewDocument } from '@model/snapshot.js';
import type { Database } from '../../db/database.js';
import { exportStixOrFail, type ExportGraph } from '../../stix/export.js';
import { shownElements } from './view.js';

export interface StixContext {
  db: Database;
}

/** A group node of the explorer (client/src/shared/groups.ts): label "Group", its members and their edges in its properties. */
const memberGraph = z.object({
  members: z.array(z.object({ id: entityId, label: z.string(), name: z.string(), properties: z.record(z.string(), z.unknown()) })),
  memberEdges: z
    .array(
      z.object({ type: z.string(), from: entityId, to: entityId, evidence: evidenceSchema, properties: z.record(z.string(), z.unknown()) }),
    )
    .default([]),
});

/**
 * The nodes and edges a view shows, in the exporter's terms. A group is the canvas' way of showing
 * many entities as one; STIX has no such object, so a group travels as its members and their
 * relationships, and the group node and its edge to the parent are left out.
 */
export function viewGraph(doc: ViewDocument): ExportGraph {
  const { nodes, edges } = shownElements(doc);
  const out: ExportGraph = { nodes: [], edges: [] };
  const groups = new Set<string>();
  for (const n of nodes) {
    const group = n.data.label === 'Group' ? memberGraph.safeParse(n.data.properties) : null;
    if (group?.success) {
      groups.add(n.data.id);
      out.nodes.push(...group.data.members);
      out.edges.push(...group.data.memberEdges);
    } else out.nodes.push({ id: n.data.id, label: n.data.label, name: n.data.name, properties: n.data.properties });
  }
  for (const e of edges) {
    if (groups.has(e.data.source) || groups.has(e.data.target)) continue;
    out.edges.push({ type: e.data.type, from: e.data.source, to: e.data.target, evidence: e.data.evidence, properties: e.data.properties });
  }
  // A member may also be on the canvas on its own, and an edge may be in two groups: once each.
  const ids = new Set<string>();
  out.nodes = out.nodes.filter((n) => !ids.has(n.id) && ids.add(n.id));
  const edgeKeys = new Set<string>();
  out.edges = out.edges.filter((e) => {
    const key = `${e.from}|${e.type}|${e.to}`;
    return ids.has(e.from) && ids.has(e.to) && !edgeKeys.has(key) && edgeKeys.add(key);
  });
  return out;
}

export function toStix(doc: ViewDocument, { db }: StixContext): Promise<string> {
  return exportStixOrFail(db, viewGraph(doc));
}
