// A fingerprint of everything the database holds, to prove that a run of requests changed nothing:
// counts per label and relationship type, a hash of every node (element id, labels, properties)
// and every relationship (element id, type, ends, properties), snapshots, saved queries and the
// dataset record included, and the indexes and constraints. `withoutAuditEvents` leaves out the
// audit trail's :AuditEvent nodes alone (they have no relationships): for runs where the server
// appends events (a sign-out, say) and the caller checks those events on its own.
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Database } from '../../server/db/database.js';
import { rows } from './database.js';

export interface Fingerprint {
  nodes: number;
  relationships: number;
  labels: Record<string, number>;
  types: Record<string, number>;
  nodesHash: string;
  relationshipsHash: string;
  indexes: string[];
  constraints: string[];
}

/** Neo4j values as stable text: integers, temporals and points tagged, map keys sorted. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return `int:${value.toString()}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const v = value;
    if (
      neo4j.isDate(v) ||
      neo4j.isDateTime(v) ||
      neo4j.isLocalDateTime(v) ||
      neo4j.isLocalTime(v) ||
      neo4j.isTime(v) ||
      neo4j.isDuration(v) ||
      neo4j.isPoint(v)
    ) {
      return `${v.constructor.name}:${String(v)}`;
    }
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function hashLines(lines: string[]): string {
  const hash = createHash('sha256');
  for (const line of lines.sort()) hash.update(line).update('\n');
  return hash.digest('hex');
}

export async function fingerprint(db: Database, { withoutAuditEvents = false } = {}): Promise<Fingerprint> {
  const nodes = await rows(
    db,
    `MATCH (n) ${withoutAuditEvents ? 'WHERE NOT n:AuditEvent ' : ''}RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props`,
  );
  const rels = await rows(
    db,
    'MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS from, elementId(b) AS to, properties(r) AS props',
  );
  const labels: Record<string, number> = {};
  for (const n of nodes) for (const l of n.labels as string[]) labels[l] = (labels[l] ?? 0) + 1;
  const types: Record<string, number> = {};
  for (const r of rels) types[r.type as string] = (types[r.type as string] ?? 0) + 1;
  const indexes = await rows(
    db,
    'SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, indexProvider, options RETURN *',
  );
  const constraints = await rows(db, 'SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, ownedIndex RETURN *');
  return {
    nodes: nodes.length,
    relationships: rels.length,
    labels: canonical(labels) as Record<string, number>,
    types: canonical(types) as Record<string, number>,
    nodesHash: hashLines(nodes.map((n) => JSON.stringify(canonical([n.id, [...(n.labels as string[])].sort(), n.props])))),
    relationshipsHash: hashLines(rels.map((r) => JSON.stringify(canonical([r.id, r.type, r.from, r.to, r.props])))),
    indexes: indexes.map((i) => JSON.stringify(canonical(i))).sort(),
    constraints: constraints.map((c) => JSON.stringify(canonical(c))).sort(),
  };
}
