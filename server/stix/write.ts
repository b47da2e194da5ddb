// The write of an import plan into Neo4j: ONE write transaction (all or nothing), UNWIND batches
// of the statements in cypher/stix/. The rows are built here, as plain data, and checked against
// the record schemas before anything is sent. What the graph already holds keeps its facts:
// matched entities only get the STIX id; a relationship the seed holds keeps its text and gains
// the import's sources. Required fields a STIX object lacks get the documented values below,
// never a guess.
import { NODE_LABELS, REL_TYPE_INFO, REL_TYPES, type NodeLabel, type RelType } from '@model/graph-model.js';
import { importedNodeSchema, relationshipId } from '@model/records.js';
import { isWebUrl } from '@model/url.js';
import type { Database } from '../db/database.js';
import { cypher, withSchemaNames } from '../db/statements.js';
import { readExistingEntities } from './existing.js';
import { plan, type Plan, type ReadBundle } from './import.js';
import type { MappedEntity, MappedSource } from './mapping.js';
import type { ExistingEntity, ResolutionMap } from './resolve.js';

/** Rows per UNWIND; all of them run in the one transaction. */
const BATCH_SIZE = 1000;

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

export interface WriteResult {
  created: number;
  linked: number;
  updated: number;
  relationships: number;
  reportedIn: number;
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

/** Checks a row against the imported record schema; names the STIX object and the field. */
function checked(label: NodeLabel, row: EntityRow): EntityRow {
  const parsed = importedNodeSchema(label).safeParse(row.props);
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
  const citations = new Map<string, { from: string; source: string; count: number; stixIds: string[]; modified: string }>();
  for (const r of linked.relationships) {
    const modified = r.modified ?? r.created;
    if (!modified) throw new UnwritablePlanError(`${r.stixIds.join(', ')}: modified: required to compare versions`);
    const stixIds = [...r.stixIds].sort();
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
      for (const source of r.sources) {
        const key = `${end}|${source}`;
        const c = citations.get(key) ?? { from: end, source, count: 0, stixIds: [], modified };
        c.count += 1;
        c.stixIds.push(...stixIds);
        if (Date.parse(modified) > Date.parse(c.modified)) c.modified = modified;
        citations.set(key, c);
      }
    }
  }
  for (const c of citations.values()) {
    push('REPORTED_IN', {
      id: relationshipId({ from: c.from, type: 'REPORTED_IN', to: c.source }),
      from: c.from,
      to: c.source,
      fresh: fresh(c.from, c.source),
      stix: {
        stixIds: [...new Set(c.stixIds)].sort(),
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

async function inBatches<T>(rows: readonly T[], run: (batch: T[]) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < rows.length; i += BATCH_SIZE) total += await run(rows.slice(i, i + BATCH_SIZE));
  return total;
}

const countOf = (result: { records: Array<{ get(key: string): unknown }> }, key: string) => Number(result.records[0]?.get(key) ?? 0);

/**
 * Writes the rows in one write transaction: entities first (created, linked, updated), then the
 * relationships, REPORTED_IN last. Any failure rolls everything back.
 */
export async function writeRows(db: Database, rows: WriteRows): Promise<WriteResult> {
  const started = performance.now();
  const result = await db.write(async (tx) => {
    let created = 0;
    for (const label of NODE_LABELS) {
      const query = withSchemaNames(cypher('stix/create-entities'), { label });
      created += await inBatches(rows.create.get(label) ?? [], async (batch) =>
        countOf(await tx.run(query, { rows: batch.map((r) => ({ props: r.props })) }), 'created'),
      );
    }
    const linked = await inBatches(rows.link, async (batch) =>
      countOf(await tx.run(cypher('stix/link-entities'), { rows: batch }), 'linked'),
    );
    if (linked !== rows.link.length)
      throw new Error(`${rows.link.length - linked} resolved entities are gone from the graph: import again`);
    const updated = await inBatches(rows.update, async (batch) =>
      countOf(await tx.run(cypher('stix/update-entities'), { rows: batch.map((r) => ({ id: r.id, props: r.props })) }), 'updated'),
    );
    let relationships = 0;
    let reportedIn = 0;
    for (const type of REL_TYPES) {
      const all = rows.relationships.get(type) ?? [];
      const send = (r: RelationshipRow) => ({ id: r.id, from: r.from, to: r.to, stix: r.stix });
      let written = 0;
      for (const [name, list] of [
        ['stix/create-relationships', all.filter((r) => r.fresh)],
        ['stix/merge-relationships', all.filter((r) => !r.fresh)],
      ] as const) {
        const query = withSchemaNames(cypher(name), { type });
        written += await inBatches(list, async (batch) => countOf(await tx.run(query, { rows: batch.map(send) }), 'written'));
      }
      if (type === 'REPORTED_IN') reportedIn += written;
      else relationships += written;
    }
    return { created, linked, updated, relationships, reportedIn };
  });
  return { ...result, writeMs: performance.now() - started };
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
): Promise<ImportResult> {
  const existing = await readExistingEntities(db);
  const planned = plan(read, existing, decisions);
  onPlan?.(planned);
  const rows = buildRows(planned, existing);
  return { plan: planned, rows, written: await writeRows(db, rows) };
}
