// The one table from STIX 2.1 to the graph model, and the pure function that applies it to a
// bundle's objects. It decides labels, properties and provenance only: our ids come from
// resolve.ts (which knows the graph), and nothing here reads or writes Neo4j, so the dry run,
// the write (next slice) and the tests share it. Documented as a table in the README.
import {
  ENTITY_ID_PATTERN,
  LABELS,
  REL_TYPE_INFO,
  REL_TYPES,
  isNodeLabel,
  isRelType,
  type NodeLabel,
  type RelType,
} from '@model/graph-model.js';

/** Kept as a name for the labels an import gives: since Technique joined the model, the model's own. */
export type ImportLabel = NodeLabel;

export { endsAllowed } from '@model/graph-model.js';

/**
 * STIX relationship_type → our type: every type whose `stixRelationship` in the model is a plain
 * STIX name (`uses`, `attributed-to`, `targets`, `impersonates`, `cooperates-with` and our own
 * `x-*` types, which our export writes). Derived ones ("inverse of ...") and REPORTED_IN are not
 * imported: REPORTED_IN is made by the loader from the evidence.
 */
export const RELATIONSHIP_TYPES: ReadonlyMap<string, RelType> = new Map(
  REL_TYPES.filter((t) => !REL_TYPE_INFO[t].derived && /^[a-z][a-z0-9-]*$/.test(REL_TYPE_INFO[t].stixRelationship)).map((t) => [
    REL_TYPE_INFO[t].stixRelationship,
    t,
  ]),
);

/**
 * Our relationship type as STIX writes it (the export) and reads it back (the import): the plain
 * STIX names of the model as they are; "inverse of attributed-to (...)" as attributed-to with the
 * ends swapped (STIX says "the group is attributed to its sponsor"); "targets (x-interference)" as
 * targets. REPORTED_IN is none: reports' object_refs say it. The export also writes our type in
 * x_threat_network_type, which the import prefers where it agrees with relationship_type.
 */
export function stixRelationshipOf(type: RelType): { relationshipType: string; inverse: boolean } | null {
  const info = REL_TYPE_INFO[type];
  if (type === 'REPORTED_IN') return null;
  const inverse = /^inverse of ([a-z][a-z0-9-]*)/.exec(info.stixRelationship);
  if (inverse) return { relationshipType: inverse[1]!, inverse: true };
  const plain = /^([a-z][a-z0-9-]*)(?: \(x-[a-z-]+\))?$/.exec(info.stixRelationship);
  return plain ? { relationshipType: plain[1]!, inverse: false } : null;
}

/** Prefix of the custom properties our export writes and our import reads back (README: STIX export). */
export const X_PREFIX = 'x_threat_network_';

/**
 * The STIX types each of our labels is exported as (server/stix/export.ts picks one by the
 * properties); the import trusts an object's x_threat_network_label only when its type is one of
 * these. Election and EnforcementAction have no STIX object: custom types, as the model says.
 */
export const LABEL_STIX_TYPES: Record<NodeLabel, readonly string[]> = {
  State: ['location'],
  ThreatActor: ['intrusion-set', 'threat-actor'],
  ProxyGang: ['threat-actor'],
  Tool: ['malware', 'tool'],
  Technique: ['attack-pattern'],
  Domain: ['infrastructure', 'domain-name'],
  Target: ['identity'],
  Election: ['x-election'],
  Campaign: ['campaign'],
  EnforcementAction: ['x-enforcement-action'],
  Organization: ['identity'],
  Person: ['identity'],
  Source: ['report'],
};

/** STIX threat_actor_types that say a group is criminal: such a threat-actor becomes a ProxyGang. */
export const CRIMINAL_ACTOR_TYPES: readonly string[] = ['crime-syndicate', 'criminal'];

/** The mapping of object types, as documented (README table); rows are checked by the tests. */
export const OBJECT_MAPPING: ReadonlyArray<{ stix: string; label: string; rule: string }> = [
  { stix: 'intrusion-set', label: 'ThreatActor', rule: 'actorType intrusion-set' },
  {
    stix: 'threat-actor',
    label: 'ThreatActor or ProxyGang',
    rule: `ProxyGang when threat_actor_types has ${CRIMINAL_ACTOR_TYPES.join(' or ')}`,
  },
  {
    stix: 'malware',
    label: 'Tool',
    rule: 'toolType from malware_types (ransomware, remote-access-trojan → rat, wiper, bot → botnet), else malware',
  },
  { stix: 'tool', label: 'Tool', rule: 'toolType tool' },
  { stix: 'campaign', label: 'Campaign', rule: 'first_seen/last_seen → firstSeen/lastSeen' },
  {
    stix: 'identity',
    label: 'Person, Organization or Target',
    rule: 'identity_class individual → Person; organization, group → Organization; class, system → Target; no class but sectors → Target; an identity only named as created_by_ref is the publisher, not an entity',
  },
  {
    stix: 'location',
    label: 'State',
    rule: 'only a whole country: country set, no city, administrative_area or street_address; iso2 from country',
  },
  { stix: 'attack-pattern', label: 'Technique', rule: 'externalId from the first external reference with an external_id (ATT&CK T1437)' },
  { stix: 'infrastructure', label: 'Domain', rule: 'name' },
  { stix: 'domain-name', label: 'Domain', rule: 'value as name' },
  { stix: 'report', label: 'Source', rule: 'name → title, published, first external URL; cited by the relationships in its object_refs' },
  { stix: 'relationship', label: '(relationship)', rule: 'relationship_type by RELATIONSHIP_TYPES; ends must be allowed for the type' },
  {
    stix: 'sighting',
    label: '(skipped)',
    rule: 'counted as unmapped: where_sighted_refs names who saw it, which none of our types states',
  },
];

/**
 * The properties mapBundle reads. The reader keeps only these of each object, so that a large
 * bundle's indicators' patterns, kill chains and other payloads are not held until the mapping.
 */
export const MAPPED_FIELDS: readonly string[] = [
  'type',
  'id',
  'name',
  'value',
  'aliases',
  'x_mitre_aliases',
  'description',
  'confidence',
  'first_seen',
  'last_seen',
  'start_time',
  'stop_time',
  'created',
  'modified',
  'published',
  'revoked',
  'x_mitre_deprecated',
  'x_mitre_version',
  'created_by_ref',
  'source_ref',
  'target_ref',
  'relationship_type',
  'sighting_of_ref',
  'where_sighted_refs',
  'object_refs',
  'external_references',
  'threat_actor_types',
  'malware_types',
  'identity_class',
  'sectors',
  'roles',
  'country',
  'city',
  'administrative_area',
  'street_address',
  'definition',
  'definition_type',
  `${X_PREFIX}id`,
  `${X_PREFIX}label`,
  `${X_PREFIX}type`,
  `${X_PREFIX}properties`,
  `${X_PREFIX}quote`,
  `${X_PREFIX}first_seen`,
  `${X_PREFIX}last_seen`,
  `${X_PREFIX}reported_at`,
];

/** The object with only MAPPED_FIELDS. */
export function slim(object: StixObject): StixObject {
  const out: Record<string, unknown> = {};
  for (const field of MAPPED_FIELDS) if (object[field] !== undefined) out[field] = object[field];
  return out as StixObject;
}

/** A bundle object as read (validated against the schemas before it gets here). */
export type StixObject = Record<string, unknown> & { type: string; id: string };

/** An entity the bundle describes, in our terms but without our id (resolve.ts gives it). */
/** What a STIX object states of itself, in our terms; null where it states nothing. */
export interface StixEvidence {
  /** From description. */
  summary: string | null;
  confidence: number | null;
  /** YYYY-MM-DD, from first_seen / last_seen. */
  firstSeen: string | null;
  lastSeen: string | null;
  created: string | null;
  modified: string | null;
}

export interface MappedEntity extends StixEvidence {
  stixId: string;
  stixType: string;
  label: ImportLabel;
  name: string;
  /** Other names, without the name itself, first spelling kept. */
  aliases: string[];
  /** Label-specific properties (actorType, proxyType, toolType, iso2, role...). */
  extra: Record<string, string>;
  /** Our id and properties, when the object is our own export's (x_threat_network_id, _properties). */
  ourId?: string;
  props?: Record<string, unknown>;
}

/** A Source made from an external reference, a report, or the bundle itself. */
export interface MappedSource {
  /** Stable across imports: the report's or bundle's STIX id, or `external-reference:<url or name/id>`. */
  stixId: string;
  origin: 'external-reference' | 'report' | 'bundle';
  title: string;
  url: string | null;
  externalId: string | null;
  publisher: string | null;
  /** YYYY-MM-DD when the object states it (report.published); null when unknown. */
  published: string | null;
  licence: string | null;
  version: string | null;
  /** A report's description; null for the others. */
  description: string | null;
  /** A report's `modified` (an update in place compares it); null for the others. */
  modified: string | null;
  /** Our id and properties, when the report is our own export's. */
  ourId?: string;
  props?: Record<string, unknown>;
}

/** One STIX relationship in our terms, its ends still STIX ids. */
export interface MappedRelationship extends StixEvidence {
  stixId: string;
  relationshipType: string;
  type: RelType;
  sourceRef: string;
  targetRef: string;
  /** stixIds of its Sources (never empty: the bundle's Source is always one). */
  sources: string[];
  /** Our export's evidence beyond STIX's (x_threat_network_quote, _reported_at); null otherwise. */
  quote?: string | null;
  reportedAt?: string | null;
}

export interface BundleInfo {
  id: string;
  name: string;
  version: string | null;
  publisher: string | null;
  licence: string | null;
}

export interface Skipped {
  /** Objects of a type (or relationship_type, as `relationship:<type>`) with no mapping. */
  unmapped: Record<string, number>;
  revoked: Record<string, number>;
  deprecated: Record<string, number>;
  /** Relationships one of whose ends is not imported (unmapped, revoked, deprecated or absent). */
  endNotImported: Record<string, number>;
}

export interface MappedBundle {
  bundle: BundleInfo;
  /** Objects read, per type. */
  read: Record<string, number>;
  entities: MappedEntity[];
  sources: MappedSource[];
  relationships: MappedRelationship[];
  skipped: Skipped;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);
const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
const partial = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Deprecated is ATT&CK's flag (x_mitre_deprecated); revoked is STIX's. */
export function isRevoked(o: StixObject): boolean {
  return o.revoked === true;
}
export function isDeprecated(o: StixObject): boolean {
  return o.x_mitre_deprecated === true;
}

/** Aliases from `aliases` and ATT&CK's `x_mitre_aliases`, without the name, deduplicated by spelling. */
function aliasesOf(o: StixObject, name: string): string[] {
  const seen = new Set([name]);
  const out: string[] = [];
  for (const alias of [...strings(o.aliases), ...strings(o.x_mitre_aliases)]) {
    const a = alias.trim();
    if (!seen.has(a)) {
      seen.add(a);
      out.push(a);
    }
  }
  return out;
}

export const MALWARE_TOOL_TYPES: ReadonlyArray<[string, string]> = [
  ['ransomware', 'ransomware'],
  ['wiper', 'wiper'],
  ['remote-access-trojan', 'rat'],
  ['bot', 'botnet'],
];

/**
 * The label and label-specific properties of an object, or null when its type (or this object of
 * the type) has no mapping. `creators` are identities named only as created_by_ref.
 */
function labelOf(o: StixObject, creators: ReadonlySet<string>): { label: ImportLabel; extra: Record<string, string> } | null {
  const ours = ourLabelOf(o);
  if (ours && ours !== 'Source') return { label: ours, extra: stixLabelOf(o, creators)?.extra ?? {} };
  return stixLabelOf(o, creators);
}

function stixLabelOf(o: StixObject, creators: ReadonlySet<string>): { label: ImportLabel; extra: Record<string, string> } | null {
  switch (o.type) {
    case 'intrusion-set':
      return { label: 'ThreatActor', extra: { actorType: 'intrusion-set' } };
    case 'threat-actor': {
      const types = strings(o.threat_actor_types);
      if (types.some((t) => CRIMINAL_ACTOR_TYPES.includes(t))) return { label: 'ProxyGang', extra: { proxyType: 'cybercrime-group' } };
      return { label: 'ThreatActor', extra: { actorType: 'unknown' } };
    }
    case 'malware': {
      const types = strings(o.malware_types);
      const toolType = MALWARE_TOOL_TYPES.find(([stix]) => types.includes(stix))?.[1] ?? 'malware';
      return { label: 'Tool', extra: { toolType } };
    }
    case 'tool':
      return { label: 'Tool', extra: { toolType: 'tool' } };
    case 'campaign':
      return { label: 'Campaign', extra: {} };
    case 'attack-pattern':
      return { label: 'Technique', extra: externalIdOf(o) };
    case 'infrastructure':
    case 'domain-name':
      return { label: 'Domain', extra: { status: 'unknown' } };
    case 'location': {
      const country = str(o.country);
      if (!country || o.city !== undefined || o.administrative_area !== undefined || o.street_address !== undefined) return null;
      return { label: 'State', extra: { iso2: country.toUpperCase() } };
    }
    case 'identity': {
      if (creators.has(o.id)) return null;
      const cls = str(o.identity_class);
      const sectors = strings(o.sectors);
      const country = 'unknown';
      if (cls === 'individual') return { label: 'Person', extra: strings(o.roles).length > 0 ? { role: strings(o.roles).join(', ') } : {} };
      if (cls === 'organization' || cls === 'group') return { label: 'Organization', extra: { country } };
      if (cls === 'class') return { label: 'Target', extra: { targetType: sectors.length > 0 ? 'sector' : 'population', country } };
      if (cls === 'system') return { label: 'Target', extra: { targetType: 'devices', country } };
      if (sectors.length > 0) return { label: 'Target', extra: { targetType: 'sector', country } };
      return null;
    }
    default:
      return null;
  }
}

/** The label our export wrote (x_threat_network_label), when it is one the object's type can carry. */
function ourLabelOf(o: StixObject): NodeLabel | null {
  const label = o[`${X_PREFIX}label`];
  return typeof label === 'string' && isNodeLabel(label) && LABEL_STIX_TYPES[label].includes(o.type) ? label : null;
}

/** Our id and properties from our own export: only an id of the label's own prefix is taken. */
function ourIdentity(o: StixObject, label: NodeLabel): { ourId?: string; props?: Record<string, unknown> } {
  if (ourLabelOf(o) !== label) return {};
  const id = o[`${X_PREFIX}id`];
  const props = o[`${X_PREFIX}properties`];
  const ourId = typeof id === 'string' && ENTITY_ID_PATTERN.test(id) && id.startsWith(`${LABELS[label].idPrefix}--`) ? { ourId: id } : {};
  return {
    ...ourId,
    ...(props !== null && typeof props === 'object' && !Array.isArray(props) ? { props: props as Record<string, unknown> } : {}),
  };
}

/** A technique's catalogue id: the first external reference with an external_id (ATT&CK's T1437, CAPEC-66). */
function externalIdOf(o: StixObject): Record<string, string> {
  const refs = Array.isArray(o.external_references) ? (o.external_references as Array<Record<string, unknown>>) : [];
  const id = refs.map((r) => str(r.external_id)).find((x) => x !== null);
  return id ? { externalId: id } : {};
}

function nameOf(o: StixObject): string | null {
  if (o.type === 'domain-name') return str(o.value);
  if (o.type === 'location') return str(o.name) ?? str(o.country)?.toUpperCase() ?? null;
  return str(o.name);
}

/** A Source per external reference: keyed by URL, else by source name and external id or description. */
function externalReferenceSource(ref: Record<string, unknown>): MappedSource | null {
  const sourceName = str(ref.source_name);
  const url = str(ref.url);
  const externalId = str(ref.external_id);
  const description = str(ref.description);
  if (!sourceName) return null;
  const title = [sourceName, externalId].filter(Boolean).join(' ') + (description ? `: ${description}` : '');
  const key = url ?? `${sourceName}|${externalId ?? description ?? ''}`;
  return {
    stixId: `external-reference:${key}`,
    origin: 'external-reference',
    title,
    url,
    externalId,
    publisher: null,
    published: null,
    licence: null,
    version: null,
    description: null,
    modified: null,
  };
}

/** The most frequent value, or null. */
function mostFrequent(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, count] of counts)
    if (count > bestCount || (count === bestCount && best !== null && value < best)) [best, bestCount] = [value, count];
  return best;
}

/**
 * Maps a bundle's objects (in bundle order). `fileName` names the bundle when it does not name
 * itself (STIX bundles carry no name; ATT&CK's x-mitre-collection does).
 */
export function mapBundle(bundleId: string, objects: readonly StixObject[], fileName: string): MappedBundle {
  const read: Record<string, number> = {};
  const skipped: Skipped = { unmapped: {}, revoked: {}, deprecated: {}, endNotImported: {} };
  const byId = new Map<string, StixObject>();
  const referenced = new Set<string>();
  const creatorCounts = new Map<string, number>();
  const reportsOf = new Map<string, string[]>();
  for (const o of objects) {
    bump(read, o.type);
    byId.set(o.id, o);
    const creator = str(o.created_by_ref);
    if (creator) creatorCounts.set(creator, (creatorCounts.get(creator) ?? 0) + 1);
    for (const ref of [o.source_ref, o.target_ref, o.sighting_of_ref, ...strings(o.where_sighted_refs), ...strings(o.object_refs)]) {
      if (typeof ref === 'string') referenced.add(ref);
    }
    if (o.type === 'report' && !isRevoked(o))
      for (const ref of strings(o.object_refs)) reportsOf.set(ref, [...(reportsOf.get(ref) ?? []), o.id]);
  }
  // An identity that only creates objects (ATT&CK's MITRE, a vendor) is the publisher, not an entity.
  const creators = new Set([...creatorCounts.keys()].filter((id) => !referenced.has(id)));

  const bundle = bundleInfo(bundleId, objects, byId, creatorCounts, fileName);
  const sources = new Map<string, MappedSource>();
  const bundleSource: MappedSource = {
    stixId: bundleId,
    origin: 'bundle',
    title: `${bundle.name}${bundle.version ? ` ${bundle.version}` : ''} (STIX 2.1 bundle)`,
    url: null,
    externalId: null,
    publisher: bundle.publisher,
    published: null,
    licence: bundle.licence,
    version: bundle.version,
    description: null,
    modified: null,
  };
  sources.set(bundleSource.stixId, bundleSource);

  const entities: MappedEntity[] = [];
  const imported = new Set<string>();
  const relationshipObjects: StixObject[] = [];
  for (const o of objects) {
    if (isRevoked(o)) {
      bump(skipped.revoked, o.type);
      continue;
    }
    if (isDeprecated(o)) {
      bump(skipped.deprecated, o.type);
      continue;
    }
    if (o.type === 'relationship') {
      relationshipObjects.push(o);
      continue;
    }
    if (o.type === 'report') {
      const name = str(o.name) ?? o.id;
      const url = (Array.isArray(o.external_references) ? (o.external_references as Array<Record<string, unknown>>) : [])
        .map((r) => str(r.url))
        .find(Boolean);
      const creator = str(o.created_by_ref);
      sources.set(o.id, {
        stixId: o.id,
        origin: 'report',
        title: name,
        url: url ?? null,
        externalId: null,
        publisher: (creator && str(byId.get(creator)?.name)) || null,
        published: day(o.published),
        licence: null,
        version: null,
        description: str(o.description),
        modified: str(o.modified),
        ...ourIdentity(o, 'Source'),
      });
      continue;
    }
    const mapped = labelOf(o, creators);
    const name = mapped && nameOf(o);
    if (!mapped || !name) {
      bump(skipped.unmapped, o.type === 'identity' && creators.has(o.id) ? 'identity (publisher)' : o.type);
      continue;
    }
    imported.add(o.id);
    entities.push({
      stixId: o.id,
      stixType: o.type,
      label: mapped.label,
      name,
      aliases: aliasesOf(o, name),
      summary: str(o.description),
      confidence: int(o.confidence),
      firstSeen: day(o.first_seen),
      lastSeen: day(o.last_seen),
      created: str(o.created),
      modified: str(o.modified),
      extra: mapped.extra,
      ...ourIdentity(o, mapped.label),
    });
  }

  const relationships: MappedRelationship[] = [];
  for (const o of relationshipObjects) {
    const stixType = String(o.relationship_type);
    // Our own export names our type; trusted only where STIX's relationship_type agrees with it.
    const ourType = o[`${X_PREFIX}type`];
    const ours = typeof ourType === 'string' && isRelType(ourType) ? stixRelationshipOf(ourType) : null;
    const agreed = ours !== null && ours.relationshipType === stixType ? (ourType as RelType) : undefined;
    const type = agreed ?? RELATIONSHIP_TYPES.get(stixType);
    if (!type) {
      bump(skipped.unmapped, `relationship:${stixType}`);
      continue;
    }
    const swap = agreed !== undefined && ours!.inverse;
    const sourceRef = String(swap ? o.target_ref : o.source_ref);
    const targetRef = String(swap ? o.source_ref : o.target_ref);
    if (!imported.has(sourceRef) || !imported.has(targetRef)) {
      bump(skipped.endNotImported, `${stixType} ${sourceRef.split('--')[0]} -> ${targetRef.split('--')[0]}`);
      continue;
    }
    const cited: string[] = [];
    const citingReports = (reportsOf.get(o.id) ?? []).map((id) => sources.get(id)).filter((s): s is MappedSource => s !== undefined);
    for (const ref of Array.isArray(o.external_references) ? (o.external_references as Array<Record<string, unknown>>) : []) {
      const source = externalReferenceSource(ref);
      if (!source) continue;
      // The same document as a report of the bundle that cites this relationship (same URL, or
      // same name where neither has one): the report, not a second Source.
      const sameReport = citingReports.find((r) => (r.url ? r.url === source.url : !source.url && r.title === str(ref.source_name)));
      if (sameReport) continue;
      if (!sources.has(source.stixId)) sources.set(source.stixId, source);
      if (!cited.includes(source.stixId)) cited.push(source.stixId);
    }
    for (const report of reportsOf.get(o.id) ?? []) if (sources.has(report) && !cited.includes(report)) cited.push(report);
    cited.push(bundleSource.stixId);
    relationships.push({
      stixId: o.id,
      relationshipType: stixType,
      type,
      sourceRef,
      targetRef,
      summary: str(o.description),
      confidence: int(o.confidence),
      // Our export keeps partial dates (2024, 2024-03) that start_time cannot hold.
      firstSeen: partial(o[`${X_PREFIX}first_seen`]) ?? day(o.start_time),
      lastSeen: partial(o[`${X_PREFIX}last_seen`]) ?? day(o.stop_time),
      created: str(o.created),
      modified: str(o.modified),
      sources: cited,
      quote: str(o[`${X_PREFIX}quote`]),
      reportedAt: partial(o[`${X_PREFIX}reported_at`]),
    });
  }
  // The bundle's Source is dated by its newest object: the bundle is at least that recent.
  bundleSource.published = objects.reduce<string | null>((newest, o) => {
    const d = day(o.modified);
    return d && (!newest || d > newest) ? d : newest;
  }, null);
  return { bundle, read, entities, sources: [...sources.values()], relationships, skipped };
}

function bundleInfo(
  bundleId: string,
  objects: readonly StixObject[],
  byId: ReadonlyMap<string, StixObject>,
  creatorCounts: Map<string, number>,
  fileName: string,
): BundleInfo {
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const publisherId = mostFrequent(creatorCounts);
  const licences = objects
    .filter((o) => o.type === 'marking-definition')
    .map((o) => {
      const definition = (o.definition ?? {}) as Record<string, unknown>;
      return str(definition.statement) ?? (str(definition.tlp) ? `TLP:${String(definition.tlp).toUpperCase()}` : str(o.name));
    })
    .filter((l): l is string => l !== null);
  return {
    id: bundleId,
    name: (collection && str(collection.name)) ?? fileName,
    version: (collection && str(collection.x_mitre_version)) ?? null,
    publisher: (publisherId && str(byId.get(publisherId)?.name)) ?? null,
    licence: licences.length > 0 ? [...new Set(licences)].join('; ') : null,
  };
}
