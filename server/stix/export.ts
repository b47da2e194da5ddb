// STIX 2.1 export: a view's or a query result's nodes and relationships as one bundle, the reverse
// of the import's table (mapping.ts: LABEL_STIX_TYPES, stixRelationshipOf, CRIMINAL_ACTOR_TYPES,
// MALWARE_TOOL_TYPES), so that our import reads it back as it was. Deterministic: ids are UUIDv5
// of our ids under one namespace (an imported object keeps its STIX id), times come from the data
// (the sources' publication days, an import's created/modified), never from the clock, and objects
// and keys are written in a fixed order, so two exports of the same data are byte-identical.
// What STIX has no property for travels in x_threat_network_* custom properties (README: STIX
// export). Every object is checked against the OASIS schemas; an invalid bundle is an error.
import { v5 as uuidv5 } from 'uuid';
import type { GraphEdge } from '@model/api.js';
import { isNodeLabel, isRelType, type NodeLabel } from '@model/graph-model.js';
import { relationshipId } from '@model/records.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { HttpError } from '../http/errors.js';
import { toPlain } from '../db/to-json.js';
import { CRIMINAL_ACTOR_TYPES, MALWARE_TOOL_TYPES, X_PREFIX, stixRelationshipOf } from './mapping.js';
import { formatIssue, validateObject, type StixIssue } from './validate.js';

/** The namespace of every id the export derives (a fixed random UUID: changing it changes every id). */
export const EXPORT_NAMESPACE = 'f2a6635c-6666-441e-9309-742931d03f2b';

export interface ExportNode {
  id: string;
  label: string;
  name: string;
  properties: Record<string, unknown>;
}

export interface ExportEdge {
  type: string;
  from: string;
  to: string;
  evidence: GraphEdge['evidence'];
  properties: Record<string, unknown>;
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
}

/** A Source node's properties, as the read gives them. */
export type SourceRecord = Record<string, unknown> & { id: string };

export type StixBundle = { type: 'bundle'; id: string; objects: Array<Record<string, unknown>> };

/** A bundle the schemas refuse: never sent as a file (the API answers 500 with this message). */
export class InvalidExportError extends Error {
  constructor(readonly issues: StixIssue[]) {
    super(
      `The STIX export is not valid STIX 2.1, so no file was made: ${issues
        .slice(0, 5)
        .map(formatIssue)
        .join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
    );
  }
}

/** Import bookkeeping: said by STIX's own fields (id, created, modified), not copied into x_ properties. */
const BOOKKEEPING = ['stixId', 'stixIds', 'stixCreated', 'stixModified', 'imported'];
/** The evidence keys of a relationship (they travel as STIX fields or their own x_ properties). */
const EVIDENCE_KEYS = ['sources', 'quote', 'summary', 'firstSeen', 'lastSeen', 'reportedAt', 'confidence'];
/** The import's copies of its evidence on a relationship (merge-relationships.cypher). */
const STIX_EVIDENCE_KEYS = /^stix[A-Z]/;

/** STIX types defining `aliases` (STIX 2.1 section 4): elsewhere aliases travel in x_ properties. */
const TYPES_WITH_ALIASES = new Set(['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool']);

const FULL_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A State's iso2: the ISO 3166-1 alpha-2 code a STIX location's country takes. */
const ISO2 = /^[A-Z]{2}$/;
const STIX_ID = /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Only when a view holds nothing dated at all: the export still needs a created/modified. */
const NO_DATE = '1970-01-01T00:00:00.000Z';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
/** A day (or partial date, its first day) as a STIX timestamp. */
function timestamp(day: unknown): string | undefined {
  if (typeof day !== 'string') return undefined;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(day);
  return m ? `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T00:00:00.000Z` : undefined;
}
/** STIX timestamps as written by an import: kept when they are ones. */
const stixTime = (v: unknown): string | undefined =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) ? v : undefined;

/** Drops undefined, null, '' and [] (the schemas' custom property rule refuses empty values). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/** Keys sorted, recursively: the same properties always read the same whatever order Neo4j gave. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  return value;
}

export function derivedId(type: string, ourId: string): string {
  return `${type}--${uuidv5(ourId, EXPORT_NAMESPACE)}`;
}

/** The STIX type and type-specific fields of one of our entities (the reverse of mapping.ts's labelOf). */
export function stixShapeOf(label: NodeLabel, p: Record<string, unknown>): { type: string; fields: Record<string, unknown> } {
  switch (label) {
    case 'ThreatActor':
      return p.actorType === 'intrusion-set' ? { type: 'intrusion-set', fields: {} } : { type: 'threat-actor', fields: {} };
    case 'ProxyGang':
      // A criminal threat_actor_type is what makes the import read a ProxyGang.
      return { type: 'threat-actor', fields: { threat_actor_types: [CRIMINAL_ACTOR_TYPES[0]] } };
    case 'Tool': {
      if (p.toolType === 'tool') return { type: 'tool', fields: {} };
      const malwareType = MALWARE_TOOL_TYPES.find(([, ours]) => ours === p.toolType)?.[0];
      return { type: 'malware', fields: { is_family: true, malware_types: malwareType ? [malwareType] : undefined } };
    }
    case 'Campaign':
      return {
        type: 'campaign',
        fields: {
          first_seen: FULL_DAY.test(String(p.firstSeen)) ? timestamp(p.firstSeen) : undefined,
          last_seen: FULL_DAY.test(String(p.lastSeen)) ? timestamp(p.lastSeen) : undefined,
        },
      };
    case 'Technique':
      return { type: 'attack-pattern', fields: {} };
    case 'Domain':
      return { type: 'infrastructure', fields: {} };
    case 'State':
      return { type: 'location', fields: { country: ISO2.test(String(p.iso2)) ? p.iso2 : undefined } };
    case 'Organization':
      return { type: 'identity', fields: { identity_class: 'organization' } };
    case 'Person':
      return {
        type: 'identity',
        fields: { identity_class: 'individual', roles: text(p.role) && p.role !== 'unknown' ? [p.role] : undefined },
      };
    case 'Target':
      return { type: 'identity', fields: { identity_class: p.targetType === 'devices' ? 'system' : 'class' } };
    case 'Election':
      return { type: 'x-election', fields: {} };
    case 'EnforcementAction':
      return { type: 'x-enforcement-action', fields: {} };
    case 'Source':
      return { type: 'report', fields: {} };
  }
}

const common = (type: string, id: string, created: string, modified: string) => ({
  type,
  spec_version: '2.1',
  id,
  created,
  modified: modified < created ? created : modified,
});

/** The ids of the Sources the export cites: its Source nodes, the edges' evidence, the nodes' summary sources. */
export function citedSourceIds(graph: ExportGraph): string[] {
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    if (n.label === 'Source') ids.add(n.id);
    if (Array.isArray(n.properties.summarySources)) for (const s of n.properties.summarySources) if (typeof s === 'string') ids.add(s);
  }
  for (const e of graph.edges) for (const s of e.evidence.sources) ids.add(s);
  return [...ids].sort();
}

/**
 * The bundle of a graph. `sources` are the Source nodes the graph cites (read from the database):
 * each with a publication day becomes a `report` whose object_refs are what cites it, and every
 * relationship names its sources in external_references.
 */
export function buildBundle(graph: ExportGraph, sources: ReadonlyMap<string, SourceRecord>): StixBundle {
  const published = (id: string) => (FULL_DAY.test(String(sources.get(id)?.published)) ? String(sources.get(id)!.published) : undefined);
  const allDays = [...sources.keys()].map(published).filter((d): d is string => d !== undefined);
  const floor = allDays.length > 0 ? timestamp(allDays.sort()[0])! : NO_DATE;
  const span = (ids: readonly string[]): { first?: string; last?: string } => {
    const days = ids
      .map(published)
      .filter((d): d is string => d !== undefined)
      .sort();
    return { first: timestamp(days[0]), last: timestamp(days.at(-1)) };
  };

  const entities = graph.nodes.filter((n) => isNodeLabel(n.label) && n.label !== 'Source').sort((a, b) => a.id.localeCompare(b.id));
  const stixIdOf = new Map<string, string>();
  const entityObjects: Array<Record<string, unknown>> = [];
  /** Source id → what cites it. */
  const citedBy = new Map<string, Set<string>>();
  const cite = (sourceId: string, stixId: string) => citedBy.set(sourceId, (citedBy.get(sourceId) ?? new Set()).add(stixId));

  for (const n of entities) {
    const label = n.label as NodeLabel;
    const p = n.properties;
    const { type } = stixShapeOf(label, p);
    const kept = text(p.stixId);
    const id = kept && STIX_ID.test(kept) && kept.startsWith(`${type}--`) ? kept : derivedId(type, n.id);
    stixIdOf.set(n.id, id);
  }

  const relationshipObjects: Array<Record<string, unknown>> = [];
  const edges = graph.edges
    .map((e) => ({ e, id: relationshipId({ from: e.from, type: e.type as never, to: e.to }) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  for (const { e, id: ourId } of edges) {
    if (!isRelType(e.type)) continue;
    const how = stixRelationshipOf(e.type);
    const from = stixIdOf.get(e.from);
    const to = stixIdOf.get(e.to);
    if (!how || !from || !to) continue; // REPORTED_IN (said by the reports), or an end that is not exported
    const p = e.properties;
    const keptIds = Array.isArray(p.stixIds) ? p.stixIds.filter((s): s is string => typeof s === 'string' && STIX_ID.test(s)) : [];
    const id =
      keptIds.length === 1 && keptIds[0]!.startsWith('relationship--') && !how.inverse ? keptIds[0]! : derivedId('relationship', ourId);
    const ev = e.evidence;
    const { first, last } = span(ev.sources);
    const created = stixTime(p.stixCreated) ?? first ?? floor;
    const modified = stixTime(p.stixModified) ?? last ?? created;
    const start = FULL_DAY.test(String(ev.firstSeen)) ? timestamp(ev.firstSeen) : undefined;
    const stop = FULL_DAY.test(String(ev.lastSeen)) ? timestamp(ev.lastSeen) : undefined;
    const other = Object.fromEntries(
      Object.entries(p).filter(
        ([k]) => k !== 'id' && !BOOKKEEPING.includes(k) && !EVIDENCE_KEYS.includes(k) && !STIX_EVIDENCE_KEYS.test(k),
      ),
    );
    for (const s of ev.sources) cite(s, id);
    relationshipObjects.push(
      compact({
        ...common('relationship', id, created, modified),
        relationship_type: how.relationshipType,
        description: text(ev.summary),
        source_ref: how.inverse ? to : from,
        target_ref: how.inverse ? from : to,
        start_time: start,
        // STIX: stop_time must be later than start_time.
        stop_time: stop && (!start || stop > start) ? stop : undefined,
        confidence: typeof ev.confidence === 'number' && Number.isInteger(ev.confidence) ? ev.confidence : undefined,
        external_references: ev.sources.map((s) => externalReference(s, sources.get(s))),
        [`${X_PREFIX}id`]: ourId,
        [`${X_PREFIX}type`]: e.type,
        [`${X_PREFIX}quote`]: text(ev.quote),
        [`${X_PREFIX}first_seen`]: text(ev.firstSeen),
        [`${X_PREFIX}last_seen`]: text(ev.lastSeen),
        [`${X_PREFIX}reported_at`]: text(ev.reportedAt),
        [`${X_PREFIX}properties`]: Object.keys(other).length > 0 ? sorted(other) : undefined,
      }),
    );
  }

  for (const n of entities) {
    const label = n.label as NodeLabel;
    const p = n.properties;
    const { type, fields } = stixShapeOf(label, p);
    const id = stixIdOf.get(n.id)!;
    const summarySources = Array.isArray(p.summarySources) ? p.summarySources.filter((s): s is string => typeof s === 'string') : [];
    for (const s of summarySources) cite(s, id);
    const { first, last } = span(summarySources);
    const created = stixTime(p.stixCreated) ?? first ?? floor;
    const modified = stixTime(p.stixModified) ?? last ?? created;
    const aliases = Array.isArray(p.aliases) ? p.aliases.filter((a): a is string => typeof a === 'string' && a !== n.name) : [];
    const props = Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'id' && !BOOKKEEPING.includes(k)));
    entityObjects.push(
      compact({
        ...common(type, id, created, modified),
        name: n.name,
        description: text(p.summary),
        aliases: TYPES_WITH_ALIASES.has(type) ? aliases : undefined,
        ...fields,
        [`${X_PREFIX}id`]: n.id,
        [`${X_PREFIX}label`]: label,
        [`${X_PREFIX}properties`]: sorted(props),
      }),
    );
  }
  // Source nodes of the graph that nothing cites are reported about themselves: nothing to refer to.
  const reportObjects: Array<Record<string, unknown>> = [];
  for (const [sourceId, s] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    const day = published(sourceId);
    const refs = [...(citedBy.get(sourceId) ?? [])].sort();
    // A report must have a publication time and object_refs: a Source without either is named in
    // the relationships' external_references only.
    if (!day || refs.length === 0) continue;
    const kept = text(s.stixId);
    const id = kept && STIX_ID.test(kept) && kept.startsWith('report--') ? kept : derivedId('report', sourceId);
    const created = stixTime(s.stixCreated) ?? timestamp(day)!;
    const url = text(s.url);
    const props = Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'id' && !BOOKKEEPING.includes(k)));
    reportObjects.push(
      compact({
        ...common('report', id, created, stixTime(s.stixModified) ?? created),
        name: text(s.title) ?? text(s.name) ?? sourceId,
        description: text(s.summary),
        published: timestamp(day),
        object_refs: refs,
        external_references: url ? [{ source_name: text(s.publisher) ?? text(s.title) ?? sourceId, url }] : undefined,
        [`${X_PREFIX}id`]: sourceId,
        [`${X_PREFIX}label`]: 'Source',
        [`${X_PREFIX}properties`]: sorted(props),
      }),
    );
  }
  const objects = [...entityObjects, ...reportObjects, ...relationshipObjects];
  const bundleId = `bundle--${uuidv5(objects.map((o) => String(o.id)).join('\n'), EXPORT_NAMESPACE)}`;
  return { type: 'bundle', id: bundleId, objects };
}

/** A Source as an external reference: its title, URL and external id (a description when it has neither). */
function externalReference(sourceId: string, s: SourceRecord | undefined): Record<string, unknown> {
  const title = text(s?.title) ?? text(s?.name) ?? sourceId;
  const url = text(s?.url);
  const externalId = text(s?.externalId);
  const described = [text(s?.publisher), text(s?.published)].filter(Boolean).join(', ');
  return compact({
    source_name: title,
    url,
    external_id: externalId,
    description: url || externalId ? undefined : described || `source ${sourceId}`,
  });
}

/** Checks every object and the envelope; throws InvalidExportError naming each broken rule. */
export function validateBundle(bundle: StixBundle): void {
  const issues = bundle.objects.flatMap((o, i) => validateObject(o, i));
  if (!/^bundle--[0-9a-f-]{36}$/.test(bundle.id)) issues.unshift({ objectId: 'bundle', type: 'bundle', field: '/id', rule: 'pattern' });
  if (issues.length > 0) throw new InvalidExportError(issues);
}

/** The bundle as the file holds it. */
export function bundleText(bundle: StixBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** The Source nodes of these ids (a read transaction). */
export async function readSources(db: Database, ids: readonly string[]): Promise<Map<string, SourceRecord>> {
  const result = await db.read((tx) => tx.run(cypher('stix/export-sources'), { ids: [...ids] }));
  const out = new Map<string, SourceRecord>();
  for (const row of result.records) {
    const props = toPlain(row.get('props')) as SourceRecord;
    out.set(props.id, props);
  }
  return out;
}

/** Reads the cited Sources, builds and validates the bundle: the file's text. */
export async function exportStix(db: Database, graph: ExportGraph): Promise<string> {
  const bundle = buildBundle(graph, await readSources(db, citedSourceIds(graph)));
  validateBundle(bundle);
  return bundleText(bundle);
}

/**
 * What our data holds that STIX cannot carry: a State without its ISO 3166-1 alpha-2 code (a STIX
 * location needs a country, a region or coordinates, and none can be made up). One line per entity.
 */
export function unexportable(graph: ExportGraph): string[] {
  return graph.nodes
    .filter((n) => n.label === 'State' && !ISO2.test(String(n.properties.iso2)))
    .map((n) => `${n.id} (State) has no two-letter country code in iso2, which a STIX location needs`);
}

/**
 * exportStix for the API: data STIX cannot carry is a 400 naming the entities; a bundle the schemas
 * refuse otherwise is our bug, a 500 naming the broken rule; never a file.
 */
export async function exportStixOrFail(db: Database, graph: ExportGraph): Promise<string> {
  const problems = unexportable(graph);
  if (problems.length > 0)
    throw new HttpError(
      400,
      'NOT_EXPORTABLE_AS_STIX',
      `This view cannot be exported as STIX 2.1: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );
  try {
    return await exportStix(db, graph);
  } catch (err) {
    if (err instanceof InvalidExportError) throw new HttpError(500, 'INVALID_STIX_EXPORT', err.message);
    throw err;
  }
}
