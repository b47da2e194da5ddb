// The whole graph as one comparable value: counts per label and per type, and a hash of every
// node's and relationship's properties. For tests that check an operation left the graph exactly
// as another did (or as it was). The seed's ledger (:Dataset, when the seed was last loaded) and
// the append-only audit trail are left out; `Entity`, on every threat node, is not counted.
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Database } from '../../server/db/database.js';
import { rows } from './database.js';

export interface GraphState {
  labels: Record<string, number>;
  types: Record<string, number>;
  checksum: string;
}

const plain = (v: unknown): unknown => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Array.isArray(v) ? v.map(plain) : v);
const canonical = (props: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(props)
      .sort()
      .map((k) => [k, plain(props[k])]),
  );

export async function graphState(db: Database): Promise<GraphState> {
  const nodes = await rows(db, 'MATCH (n) WHERE NOT n:Dataset AND NOT n:AuditEvent RETURN labels(n) AS labels, properties(n) AS props');
  const rels = await rows(db, 'MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props');
  const labels: Record<string, number> = {};
  const types: Record<string, number> = {};
  const lines: string[] = [];
  for (const n of nodes) {
    const kinds = (n.labels as string[]).filter((l) => l !== 'Entity').sort();
    for (const l of kinds) labels[l] = (labels[l] ?? 0) + 1;
    lines.push(`N ${kinds.join(':')} ${canonical(n.props as Record<string, unknown>)}`);
  }
  for (const r of rels) {
    types[r.type as string] = (types[r.type as string] ?? 0) + 1;
    lines.push(`R ${String(r.from)} ${String(r.type)} ${String(r.to)} ${canonical(r.props as Record<string, unknown>)}`);
  }
  lines.sort();
  return { labels, types, checksum: createHash('sha256').update(lines.join('\n')).digest('hex') };
}
