// The write of an import plan into Neo4j, all or nothing over several transactions (writeRows:
// pending batches invisible to every read, then one commit), with the statements in cypher/stix/.
// The rows are built here, as plain data, and checked against the record schemas before anything
// is sent. What the graph already holds keeps its facts:
// matched entities only get the STIX id; a relationship the seed holds keeps its text and gains
// the import's sources. Required fields a STIX object lacks get the documented values below,
// never a guess.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import neo4j, { type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import { REL_TYPE_INFO, REL_TYPES, type NodeLabel, type RelType } from '@model/graph-model.js';
import { importedNodeSchema, relationshipId } from '@model/records.js';
import { isWebUrl } from '@model/url.js';
import type { Database } from '../db/database.js';
import { DEFAULT_TIMEOUTS } from '../db/timeouts.js';
import { cypher, withSchemaNames } from '../db/statements.js';
import { processRunning, processStartTime } from '../process-identity.js';
import { readExistingEntities } from './existing.js';
import { plan, type Plan, type ReadBundle } from './import.js';
import type { MappedEntity, MappedSource } from './mapping.js';
import type { ExistingEntity, ResolutionMap } from './resolve.js';

/**
 * Required fields a STIX object does not state: "unknown", the value every such enum has. A
 * Person with no `roles` has role "unknown"; identities carry no country we read.
 */
const UNKNOWN_FIELDS: Partial<Record<NodeLabel, Record<string, string>>> = {
  Campaign: { campaignType: 'unknown' },
  Organization: { orgType: 'unknown', country: 'unknown' },
  Person: { role: 'unknown' },
  Target: { country: 'unknown' },
  Domain: { status: 'unknown' },
  ThreatActor: { actorType: 'unknown' },
  ProxyGang: { proxyType: 'unknown' },
  Tool: { toolType: 'malware' },
};

/** A plan that cannot be written as it is: open conflicts, bad --map entries, a row the schemas refuse. */
export class UnwritablePlanError extends Error {}

export interface EntityRow {
  id: string;
  stixId: string;
  props: Record<string, unknown>;
}

export interface RelationshipRow {
  id: string;
  from: string;
  to: string;
  stix: Record<string, unknown>;
  /** An end is created by this import: the relationship cannot exist yet and is CREATEd, not MERGEd. */
  fresh: boolean;
}

export interface WriteRows {
  /** New entities and Sources, per label. */
  create: Map<NodeLabel, EntityRow[]>;
  /** Existing ones the import resolved to: the STIX id joins them. */
  link: Array<{ id: string; stixId: string }>;
  /** Existing ones an earlier import created: their full new version, written if newer. */
  update: EntityRow[];
  /** Relationships per type, REPORTED_IN (derived from their sources) included. */
  relationships: Map<RelType, RelationshipRow[]>;
}

/** Rows left out of the commit: the graph already holds that version (`modified`) or a newer one. */
export interface Unchanged {
  /** Existing entities and Sources whose newer version the import would have written. */
  entities: number;
  relationships: number;
  reportedIn: number;
}

export interface WriteResult {
  created: number;
  linked: number;
  updated: number;
  relationships: number;
  reportedIn: number;
  unchanged: Unchanged;
  /**
   * What the commit's data statements changed, as Neo4j counts it (labels, properties, nodes and
   * relationships; the job node's bookkeeping left out): 0 when a bundle changes nothing.
   */
  commitUpdates: number;
  /** Transactions the write took: the job's, the pending batches, the commit. */
  transactions: number;
  writeMs: number;
}

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** The bundle's Source title, as entity and relationship summaries name it. */
function bundleTitle(plan: Plan): string {
  const b = plan.mapped.bundle;
  return `the STIX bundle "${b.name}${b.version ? ` ${b.version}` : ''}" (${b.id})`;
}

function entityProps(e: MappedEntity, id: string, label: NodeLabel, plan: Plan, bundleSourceId: string): Record<string, unknown> {
  const extra: Record<string, unknown> = { ...UNKNOWN_FIELDS[label], ...e.extra };
  // A location's `country` is free text in STIX; anything but an ISO alpha-2 code is unknown to us.
  for (const key of ['iso2', 'country']) if (key in extra && !/^([A-Z]{2}|unknown)$/.test(String(extra[key]))) extra[key] = 'unknown';
  return withoutNulls({
    id,
    name: e.name,
    aliases: e.aliases,
    summary: e.summary ?? `A STIX ${e.stixType} named "${e.name}" in ${bundleTitle(plan)}, which gives no description.`,
    // The summary is the bundle's text: the bundle is its source.
    summarySources: [bundleSourceId],
    ...extra,
    ...(label === 'Campaign' ? { firstSeen: e.firstSeen, lastSeen: e.lastSeen } : {}),
    // Our own export's properties come back as they were (the record schema still checks them).
    ...e.props,
    stixId: e.stixId,
    stixCreated: e.created,
    stixModified: e.modified,
    imported: true,
  });
}

function sourceProps(s: MappedSource, id: string, plan: Plan): Record<string, unknown> {
  const b = plan.mapped.bundle;
  const summary =
    s.origin === 'bundle'
      ? `A STIX 2.1 bundle (${b.id})${b.publisher ? ` published by ${b.publisher}` : ''}${b.licence ? `; licence: ${b.licence}` : ''}.`
      : s.origin === 'report'
        ? (s.description ?? `The STIX report "${s.title}" in ${bundleTitle(plan)}.`)
        : `Cited as an external reference in ${bundleTitle(plan)}.`;
  // `url` stays even when null: the Source schema wants it stated (Neo4j stores a null as absent).
  return {
    url: s.url && isWebUrl(s.url) ? s.url : null,
    ...withoutNulls({
      id,
      name: s.title,
      aliases: [],
      summary,
      title: s.title,
      publisher: s.publisher ?? 'unknown',
      published: s.published,
      verified: false,
      verifiedBy: `Not checked: imported from ${bundleTitle(plan)}.`,
      sourceType: s.origin === 'bundle' ? 'stix-bundle' : s.origin === 'report' ? 'report' : 'unknown',
      externalId: s.externalId,
      licence: s.licence,
      version: s.version,
      stixId: s.stixId,
      stixModified: s.modified,
      imported: true,
    }),
    ...withoutStixKeys(s.props),
  };
}

/** Our export's properties, without the import's own bookkeeping (which the import sets itself). */
function withoutStixKeys(props: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props ?? {}).filter(([k]) => !['id', 'stixId', 'stixModified', 'imported'].includes(k)));
}

/** One schema per label: each importedNodeSchema() is a new schema, compiled again at its first parse. */
const importedSchemas = new Map<NodeLabel, ReturnType<typeof importedNodeSchema>>();

/** Checks a row against the imported record schema; names the STIX object and the field. */
function checked(label: NodeLabel, row: EntityRow): EntityRow {
  let schema = importedSchemas.get(label);
  if (!schema) importedSchemas.set(label, (schema = importedNodeSchema(label)));
  const parsed = schema.safeParse(row.props);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UnwritablePlanError(`${row.stixId} (${label} ${row.id}): ${issue.path.join('.') || '(record)'}: ${issue.message}`);
  }
  return row;
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** The rows the write sends: pure, from the plan and the entities the graph held when it was made. */
export function buildRows(plan: Plan, existing: readonly ExistingEntity[]): WriteRows {
  const { mapped, resolution, linked } = plan;
  const open = resolution.conflicts.filter((c) => !c.decided);
  if (open.length > 0 || resolution.mapErrors.length > 0) {
    throw new UnwritablePlanError(
      `Nothing was written: ${open.length} open conflict(s) and ${resolution.mapErrors.length} --map error(s); decide them in a --map file first.`,
    );
  }
  const bundleSourceId = resolution.assignments.get(mapped.bundle.id)!.id;
  const create = new Map<NodeLabel, EntityRow[]>();
  const link: WriteRows['link'] = [];
  const update: EntityRow[] = [];
  // Appended in place: copying the array per row made building 100,000 rows quadratic.
  const add = (label: NodeLabel, row: EntityRow) => listOf(create, label).push(checked(label, row));

  for (const e of mapped.entities) {
    const a = resolution.assignments.get(e.stixId);
    if (!a) continue; // left in an open conflict: refused above, so never reached
    const row = { id: a.id, stixId: e.stixId, props: entityProps(e, a.id, e.label, plan, bundleSourceId) };
    if (a.status === 'new') add(e.label, row);
    else {
      link.push({ id: a.id, stixId: e.stixId });
      // Only an earlier import's own entity, of the same kind, is replaced by a newer version.
      if (a.label === e.label) update.push(checked(e.label, row));
    }
  }
  const published = new Map<string, string>();
  for (const x of existing) if (x.label === 'Source' && x.published) published.set(x.id, x.published);
  for (const s of mapped.sources) {
    const a = resolution.assignments.get(s.stixId)!;
    if (a.status === 'new' && s.published) published.set(a.id, s.published);
    const row = { id: a.id, stixId: s.stixId, props: sourceProps(s, a.id, plan) };
    if (a.status === 'new') add('Source', row);
    else {
      link.push({ id: a.id, stixId: s.stixId });
      update.push(checked('Source', row));
    }
  }

  const labelOf = new Map<string, NodeLabel>();
  const created = new Set<string>();
  for (const a of resolution.assignments.values()) {
    labelOf.set(a.id, a.label);
    if (a.status === 'new') created.add(a.id);
  }
  const fresh = (from: string, to: string) => created.has(from) || created.has(to);
  const earliest = (sources: readonly string[]) =>
    sources.reduce<string | null>((min, s) => {
      const d = published.get(s);
      return d !== undefined && (min === null || d < min) ? d : min;
    }, null);

  const relationships = new Map<RelType, RelationshipRow[]>();
  const push = (type: RelType, row: RelationshipRow) => listOf(relationships, type).push(row);
  // REPORTED_IN, as the seed derives it: one per (entity, cited Source), over the import's evidence.
  // Found by entity, then Source (no key string per citation: 100,000 relationships make 400,000
  // of them); listed in the order they first appear.
  interface Citation {
    from: string;
    source: string;
    count: number;
    stixIds: string[];
    modified: string;
    modifiedMs: number;
  }
  const citations: Citation[] = [];
  const citationsOf = new Map<string, Map<string, Citation>>();
  for (const r of linked.relationships) {
    const modified = r.modified ?? r.created;
    if (!modified) throw new UnwritablePlanError(`${r.stixIds.join(', ')}: modified: required to compare versions`);
    const modifiedMs = Date.parse(modified);
    const stixIds = r.stixIds.length === 1 ? r.stixIds : [...r.stixIds].sort();
    push(r.type, {
      id: r.id,
      from: r.from,
      to: r.to,
      fresh: fresh(r.from, r.to),
      stix: {
        stixIds,
        stixSources: r.sources,
        stixSummary:
          r.summary ??
          `A STIX "${REL_TYPE_INFO[r.type].stixRelationship}" relationship in ${bundleTitle(plan)}, which gives no description.`,
        stixConfidence: r.confidence,
        stixFirstSeen: r.firstSeen,
        stixLastSeen: r.lastSeen,
        stixQuote: r.quote,
        stixReportedAt: r.reportedAt ?? earliest(r.sources),
        stixCreated: r.created,
        stixModified: modified,
      },
    });
    for (const end of [r.from, r.to]) {
      if (labelOf.get(end) === 'Source') continue;
      let bySource = citationsOf.get(end);
      if (!bySource) citationsOf.set(end, (bySource = new Map()));
      for (const source of r.sources) {
        let c = bySource.get(source);
        if (!c) {
          c = { from: end, source, count: 0, stixIds: [], modified, modifiedMs };
          bySource.set(source, c);
          citations.push(c);
        }
        c.count += 1;
        for (const id of stixIds) c.stixIds.push(id);
        if (modifiedMs > c.modifiedMs) {
          c.modified = modified;
          c.modifiedMs = modifiedMs;
        }
      }
    }
  }
  for (const c of citations) {
    push('REPORTED_IN', {
      id: relationshipId({ from: c.from, type: 'REPORTED_IN', to: c.source }),
      from: c.from,
      to: c.source,
      fresh: fresh(c.from, c.source),
      stix: {
        stixIds: c.stixIds.length === 1 ? c.stixIds : [...new Set(c.stixIds)].sort(),
        stixSources: [c.source],
        stixSummary: `Cited as evidence for ${c.count} imported relationship${c.count === 1 ? '' : 's'} involving this entity.`,
        stixConfidence: 100,
        stixReportedAt: published.get(c.source) ?? null,
        stixModified: c.modified,
      },
    });
  }
  return { create, link, update, relationships };
}

const countOf = (result: { records: Array<{ get(key: string): unknown }> }, key: string) => Number(result.records[0]?.get(key) ?? 0);

/** Every change a statement made, as Neo4j counts it. */
const updatesOf = (result: QueryResult) => Object.values(result.summary.counters.updates()).reduce((a, b) => a + b, 0);

/** Rows per UNWIND statement. */
const STATEMENT_ROWS = 5000;

/**
 * Rows per transaction of the pending phase (nodes, or relationships between two new nodes): a
 * 100,000-relationship bundle does not fit in one transaction at Neo4j's default 2 GB heap.
 * STIX_IMPORT_BATCH_ROWS overrides it (the kill test uses a small one).
 */
export function batchRowsSetting(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STIX_IMPORT_BATCH_ROWS;
  if (raw === undefined || raw === '') return 20_000;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`STIX_IMPORT_BATCH_ROWS must be a positive integer, not ${JSON.stringify(raw)}`);
  return n;
}

/** Another import holds the graph (its job is open and its process alive): try again later. */
export class ImportBusyError extends Error {}

/** A job's heartbeat older than this, from another host (or a pid we cannot check), is stale. */
const STALE_MS = 10 * 60_000;

export interface WriteOptions {
  /** Rows per transaction before the commit; batchRowsSetting() when absent. */
  batchRows?: number;
  /** Called after each transaction of the pending phase, with what it wrote. */
  onBatch?: (batch: { number: number; rows: number; kind: 'nodes' | 'relationships' }) => void;
}

/**
 * A relationship this import creates, as the list its CREATE statements read by position
 * (pending-create-relationships.cypher, create-relationships.cypher): the properties
 * merge-relationships.cypher gives one it creates, each value sent once (the statement stores it
 * under both its stix* key and its plain one) and no key names, which the driver would otherwise
 * pack for every row of 100,000s. A null is not stored. Positions 0 and 1 are the ends.
 */
function createdRow(a: string, b: string, r: RelationshipRow): unknown[] {
  const s = r.stix;
  return [
    a,
    b,
    r.id,
    s.stixIds,
    s.stixSources,
    s.stixSummary,
    s.stixConfidence ?? null,
    s.stixFirstSeen ?? null,
    s.stixLastSeen ?? null,
    s.stixQuote ?? null,
    s.stixReportedAt ?? null,
    s.stixCreated ?? null,
    s.stixModified ?? null,
  ];
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * The rows without those that would change nothing: relationships between two existing entities
 * that the graph already holds with the same `modified` or a newer one, and entity updates that
 * update-entities.cypher would refuse. Read before the import begins, in read transactions of
 * batchRows rows (UNWIND statements of 5,000, ids and dates only), so that the commit transaction
 * holds only real changes: importing the same bundle again sends no relationship to it. The write
 * statements keep their own version checks, so a row kept here that another writer made current
 * meanwhile still changes nothing.
 */
export async function withoutUnchanged(
  db: Database,
  rows: WriteRows,
  batchRows = batchRowsSetting(),
): Promise<{ rows: WriteRows; unchanged: Unchanged }> {
  const statementRows = Math.min(STATEMENT_ROWS, batchRows);
  // Import-sized reads: not cut short by warming up, nor by the API's read timeout.
  const reader = db.unhurried();
  // Transactions of about batchRows rows: batchRows / statementRows statements each, sent together.
  const statementsPerTx = Math.max(1, Math.floor(batchRows / statementRows));
  /** The row indexes (`i`) a query returns over these statements' `rows`. */
  const indexesOf = async (query: string, statements: unknown[][]): Promise<Set<number>> => {
    const found = new Set<number>();
    for (const txStatements of chunks(statements, statementsPerTx)) {
      await reader.read(
        async (tx) => {
          const results = await Promise.all(txStatements.map((part) => tx.run(query, { rows: part })));
          for (const result of results) for (const rec of result.records) found.add(Number(rec.get('i')));
        },
        { timeoutMs: DEFAULT_TIMEOUTS.writeMs },
      );
    }
    return found;
  };
  const unchanged: Unchanged = { entities: 0, relationships: 0, reportedIn: 0 };

  // An update without a version never writes (update-entities.cypher): unchanged without asking.
  const versioned = rows.update.filter((r) => r.props.stixModified != null);
  const sameEntities = await indexesOf(
    cypher('stix/unchanged-entities'),
    chunks(
      versioned.map((r, i) => [i, r.id, r.stixId, r.props.stixModified]),
      statementRows,
    ),
  );
  const update = versioned.filter((_, i) => !sameEntities.has(i));
  unchanged.entities = rows.update.length - update.length;

  const relationships = new Map<RelType, RelationshipRow[]>();
  for (const [type, list] of rows.relationships) {
    // A relationship with an end this import creates cannot exist yet: only the others are read,
    // grouped by start entity (rows of about statementRows relationships per statement).
    const byFrom = new Map<string, { from: string; to: Record<string, [number, unknown]> }>();
    list.forEach((r, i) => {
      if (r.fresh) return;
      let group = byFrom.get(r.from);
      if (!group) byFrom.set(r.from, (group = { from: r.from, to: {} }));
      group.to[r.to] = [i, r.stix.stixModified];
    });
    const parts: Array<Array<{ from: string; to: Record<string, [number, unknown]> }>> = [];
    let partRows = statementRows;
    for (const group of byFrom.values()) {
      if (partRows >= statementRows) {
        parts.push([]);
        partRows = 0;
      }
      parts[parts.length - 1]!.push(group);
      partRows += Object.keys(group.to).length;
    }
    const drop = await indexesOf(withSchemaNames(cypher('stix/unchanged-relationships'), { type }), parts);
    relationships.set(
      type,
      list.filter((_, i) => !drop.has(i)),
    );
    if (type === 'REPORTED_IN') unchanged.reportedIn += drop.size;
    else unchanged.relationships += drop.size;
  }
  return { rows: { ...rows, update, relationships }, unchanged };
}

/** The imports this process is running now: their jobs are not stale, whatever their pid says. */
const running = new Set<string>();

/** Rolls back one uncommitted import: its pending nodes (and their relationships) in batches, then its job. */
async function rollbackImport(db: Database, importId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await db.write(async (tx) =>
      countOf(await tx.run(cypher('stix/pending-rollback'), { importId, limit: neo4j.int(10_000) }), 'deleted'),
    );
    deleted += n;
    if (n === 0) break;
  }
  await db.write((tx) => tx.run(cypher('stix/import-end'), { importId }));
  return deleted;
}

/**
 * Before an import: rolls back every import left uncommitted by a process that is gone (killed,
 * crashed, failed without cleaning up), so that the graph is as before it began. An import still
 * running (its process alive here, or its heartbeat recent) is waited for by nobody: ImportBusyError.
 */
export async function recoverInterruptedImports(db: Database, now = Date.now()): Promise<string[]> {
  const jobs = await db.read(async (tx) => (await tx.run(cypher('stix/import-jobs'))).records.map((r) => r.toObject()));
  const recovered: string[] = [];
  for (const job of jobs) {
    const id = String(job.id);
    const pid = job.pid === null ? null : Number(job.pid);
    const startTime = job.procStart === null ? null : String(job.procStart);
    const heartbeat = job.heartbeat === null ? NaN : Date.parse(String(job.heartbeat));
    const stale =
      pid === null ||
      (job.host === os.hostname()
        ? pid === process.pid
          ? !running.has(id)
          : !processRunning(pid, startTime)
        : !(now - heartbeat < STALE_MS));
    if (!stale)
      throw new ImportBusyError(`Another STIX import (${id}, process ${pid} on ${String(job.host)}) is running: try again when it ends.`);
    await rollbackImport(db, id);
    recovered.push(id);
  }
  return recovered;
}

/**
 * Writes the rows, all or nothing, in several transactions: first the rows that would change
 * nothing are left out (withoutUnchanged, read transactions), then (in batches of batchRows) the
 * new entities and Sources as :StixPending nodes that no read sees, and the relationships between
 * two of them; then ONE commit transaction gives the pending nodes their labels (the id
 * constraints check them there), links and updates existing entities, writes the relationships
 * that touch existing entities and closes the job. A failure rolls the pending nodes back here;
 * a kill leaves them, with the job node, to the next import (recoverInterruptedImports).
 */
export async function writeRows(db: Database, planned: WriteRows, options: WriteOptions = {}): Promise<WriteResult> {
  const started = performance.now();
  const batchRows = options.batchRows ?? batchRowsSetting();
  const { rows, unchanged } = await withoutUnchanged(db, planned, batchRows);
  const statementRows = Math.min(STATEMENT_ROWS, batchRows);
  const importId = randomUUID();
  running.add(importId);
  await db.write((tx) =>
    tx.run(cypher('stix/import-begin'), { importId, pid: process.pid, procStart: processStartTime(), host: os.hostname() }),
  );
  let batchNumber = 0;
  /** One transaction of the pending phase: the job must still be open. */
  const batch = <T>(kind: 'nodes' | 'relationships', size: number, work: (tx: ManagedTransaction) => Promise<T>) =>
    db
      .write(async (tx) => {
        if (countOf(await tx.run(cypher('stix/import-touch'), { importId }), 'open') !== 1)
          throw new Error(`STIX import ${importId} was rolled back by another import (it looked stale): nothing of it is kept`);
        return work(tx);
      })
      .then((result) => {
        batchNumber += 1;
        options.onBatch?.({ number: batchNumber, rows: size, kind });
        return result;
      });
  try {
    // Pending nodes, all labels together; their element ids for the relationships among them.
    const eidOf = new Map<string, string>();
    const eidsByLabel = new Map<NodeLabel, string[]>();
    const nodeRows = [...rows.create].flatMap(([label, list]) => list.map((r) => ({ label, props: r.props, id: r.id })));
    const labelOfNew = new Map(nodeRows.map((r) => [r.id, r.label]));
    for (const txRows of chunks(nodeRows, batchRows)) {
      await batch('nodes', txRows.length, async (tx) => {
        for (const part of chunks(txRows, statementRows)) {
          const result = await tx.run(cypher('stix/pending-create-nodes'), {
            importId,
            rows: part.map((r) => ({ label: r.label, props: r.props })),
          });
          for (const rec of result.records) eidOf.set(rec.get('id') as string, rec.get('eid') as string);
        }
      });
    }
    for (const r of nodeRows) listOf(eidsByLabel, r.label).push(eidOf.get(r.id)!);
    const created = eidOf.size;

    // Relationships between two new nodes: before the commit, in batches of one type each.
    let relationships = 0;
    let reportedIn = 0;
    const count = (type: RelType, n: number) => {
      if (type === 'REPORTED_IN') reportedIn += n;
      else relationships += n;
    };
    const later = new Map<RelType, { create: RelationshipRow[]; merge: RelationshipRow[] }>();
    for (const type of REL_TYPES) {
      const all = rows.relationships.get(type) ?? [];
      const now: unknown[][] = [];
      const rest = { create: [] as RelationshipRow[], merge: [] as RelationshipRow[] };
      for (const r of all) {
        if (labelOfNew.has(r.from) && labelOfNew.has(r.to)) now.push(createdRow(eidOf.get(r.from)!, eidOf.get(r.to)!, r));
        else (r.fresh ? rest.create : rest.merge).push(r);
      }
      later.set(type, rest);
      const query = withSchemaNames(cypher('stix/pending-create-relationships'), { type });
      for (const txRows of chunks(now, batchRows)) {
        const n = await batch('relationships', txRows.length, async (tx) => {
          // Sent without waiting for each other: the driver packs the next batch while Neo4j runs one.
          const results = await Promise.all(chunks(txRows, statementRows).map((part) => tx.run(query, { rows: part })));
          return results.reduce((n, r) => n + countOf(r, 'written'), 0);
        });
        count(type, n);
      }
    }

    // The commit: one transaction.
    let commitUpdates = 0;
    const counted = (result: QueryResult, key: string) => {
      commitUpdates += updatesOf(result);
      return countOf(result, key);
    };
    const committed = await db.write(async (tx) => {
      commitUpdates = 0; // a retried transaction counts again
      if (countOf(await tx.run(cypher('stix/import-touch'), { importId }), 'open') !== 1)
        throw new Error(`STIX import ${importId} was rolled back by another import (it looked stale): nothing of it is kept`);
      for (const [label, eids] of eidsByLabel) {
        const query = withSchemaNames(cypher('stix/commit-nodes'), { label });
        let n = 0;
        for (const part of chunks(eids, STATEMENT_ROWS)) n += counted(await tx.run(query, { importId, eids: part }), 'committed');
        if (n !== eids.length) throw new Error(`${eids.length - n} pending ${label} nodes of import ${importId} are gone: import again`);
      }
      let linked = 0;
      for (const part of chunks(rows.link, STATEMENT_ROWS))
        linked += counted(await tx.run(cypher('stix/link-entities'), { rows: part }), 'linked');
      if (linked !== rows.link.length)
        throw new Error(`${rows.link.length - linked} resolved entities are gone from the graph: import again`);
      let updated = 0;
      for (const part of chunks(rows.update, STATEMENT_ROWS))
        updated += counted(
          await tx.run(cypher('stix/update-entities'), { rows: part.map((r) => ({ id: r.id, props: r.props })) }),
          'updated',
        );
      const written = new Map<RelType, number>();
      for (const [type, rest] of later) {
        let n = 0;
        const create = withSchemaNames(cypher('stix/create-relationships'), { type });
        for (const part of chunks(rest.create, STATEMENT_ROWS))
          n += counted(await tx.run(create, { rows: part.map((r) => createdRow(r.from, r.to, r)) }), 'written');
        const merge = withSchemaNames(cypher('stix/merge-relationships'), { type });
        for (const part of chunks(rest.merge, STATEMENT_ROWS))
          n += counted(await tx.run(merge, { rows: part.map((r) => ({ id: r.id, from: r.from, to: r.to, stix: r.stix })) }), 'written');
        written.set(type, n);
      }
      await tx.run(cypher('stix/import-end'), { importId });
      return { linked, updated, written };
    });
    for (const [type, n] of committed.written) count(type, n);
    return {
      created,
      linked: committed.linked,
      updated: committed.updated,
      relationships,
      reportedIn,
      unchanged,
      commitUpdates,
      transactions: batchNumber + 2,
      writeMs: performance.now() - started,
    };
  } catch (err) {
    // Whatever failed (the commit included, which Neo4j rolled back itself): the pending nodes go.
    await rollbackImport(db, importId).catch(() => {});
    throw err;
  } finally {
    running.delete(importId);
  }
}

export interface ImportResult {
  plan: Plan;
  rows: WriteRows;
  written: WriteResult;
}

/**
 * Plans the read bundle against the graph's entities as they are now and writes it. The
 * resolution is read first, in its own read transaction: an entity created meanwhile under an id
 * the plan gives breaks the create (the id constraint) and rolls the write back.
 */
export async function importBundle(
  db: Database,
  read: ReadBundle,
  decisions?: ResolutionMap,
  onPlan?: (planned: Plan) => void,
  options: WriteOptions = {},
): Promise<ImportResult> {
  await recoverInterruptedImports(db);
  const existing = await readExistingEntities(db);
  const planned = plan(read, existing, decisions);
  onPlan?.(planned);
  const rows = buildRows(planned, existing);
  return { plan: planned, rows, written: await writeRows(db, rows, options) };
}
