// Entity resolution: decides, for every entity and Source a bundle maps to, whether it is one the
// graph already holds (the same STIX id imported before, or the same name or alias, compared as
// the seed compares them) or a new one, and gives new ones our id. A conflict (one object matching
// two entities, or two objects one entity) is never decided here: it stays open until the --map
// file decides it. Pure: the existing entities come in as plain data (from Neo4j, or the seed
// files in tests), so the dry run and the write run the very same decisions.
import { z } from 'zod';
import { ENTITY_ID_PATTERN, LABELS, type RelType } from '@model/graph-model.js';
import { relationshipId } from '@model/records.js';
import { nameKey } from '../../seed/dataset.js';
import { endsAllowed, type ImportLabel, type MappedBundle, type MappedEntity, type StixEvidence } from './mapping.js';

/** An entity the graph holds, as the read query (cypher/stix/existing-entities.cypher) returns it. */
export interface ExistingEntity {
  id: string;
  label: string;
  name: string;
  aliases: string[];
  /** Set on what an earlier import wrote. */
  stixId?: string | null;
  /** States: their ISO 3166 alpha-2 code, which a STIX location names. */
  iso2?: string | null;
  /** Sources: their URL. */
  url?: string | null;
  /** Sources: the day they were published (a relationship's reportedAt is the earliest of its sources'). */
  published?: string | null;
}

/** stix id → our id, or "new": the decisions of a --map file. */
export type ResolutionMap = ReadonlyMap<string, string>;

export interface Assignment {
  stixId: string;
  /** Our id: the existing entity's, or a new one. */
  id: string;
  label: ImportLabel;
  status: 'new' | 'matched' | 'mapped';
  /** For matches: the existing entity's name, and which of the object's names matched which of its names. */
  via?: { objectName: string; entityName: string } | 'stixId' | 'iso2' | 'url';
}

export interface Match {
  stixId: string;
  objectName: string;
  entityId: string;
  entityName: string;
  /** The object's names or aliases that matched the entity's (`"APT44"`, or `"apt 44" = "APT44"` when spelt apart). */
  via: string;
}

export interface Conflict {
  kind: 'object-matches-several' | 'several-objects-match-one';
  /** The objects involved (stix ids) and the existing entities they match. */
  objects: Array<{ stixId: string; name: string }>;
  entities: Array<{ id: string; name: string }>;
  /** Whether every object involved has a --map decision. */
  decided: boolean;
}

export interface Resolution {
  /** stix id → decision, for every entity and Source not left in an open conflict. */
  assignments: Map<string, Assignment>;
  created: Assignment[];
  matches: Match[];
  conflicts: Conflict[];
  /** Bad --map decisions: an unknown object, an unknown entity, an entity of another kind. */
  mapErrors: string[];
}

/**
 * Labels whose entities may be the same thing under another label: an imported threat-actor may
 * be a group we hold as ProxyGang; an identity with a sector an Organization we hold as Target.
 */
const FAMILY: Record<ImportLabel, string> = {
  ThreatActor: 'actor',
  ProxyGang: 'actor',
  Tool: 'tool',
  Campaign: 'campaign',
  EnforcementAction: 'enforcement-action',
  Technique: 'technique',
  Domain: 'domain',
  State: 'state',
  Organization: 'organization',
  Target: 'organization',
  Person: 'person',
  Election: 'election',
  Source: 'source',
};

const familyOf = (label: string): string | undefined => FAMILY[label as ImportLabel];

/** The id prefix of a label (the model's). */
export function idPrefix(label: ImportLabel): string {
  return LABELS[label].idPrefix;
}

/** The slug of a name: accents dropped, lower-case words joined by hyphens, at most 60 characters. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 60);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60).replace(/-+$/, '');
}

/** A --map file: a JSON object of stix id → our id or "new". */
const stixIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/, {
    message: 'must be a STIX id (type--uuid)',
  });
const decisionSchema = z.union([
  z.literal('new'),
  z.string().regex(ENTITY_ID_PATTERN, { message: 'must be "new" or one of our ids (prefix--slug)' }),
]);

/** Parses a --map file's text; `errors` names every bad entry by its key. */
export function parseResolutionMap(text: string): { map: Map<string, string>; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { map: new Map(), errors: [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const top = z.record(z.string(), z.unknown()).safeParse(raw);
  if (!top.success || Array.isArray(raw)) return { map: new Map(), errors: ['must be a JSON object of STIX id → our id or "new"'] };
  const map = new Map<string, string>();
  const errors: string[] = [];
  for (const [key, value] of Object.entries(top.data)) {
    const keyCheck = stixIdSchema.safeParse(key);
    const valueCheck = decisionSchema.safeParse(value);
    if (!keyCheck.success) errors.push(`"${key}": ${keyCheck.error.issues[0]!.message}`);
    if (!valueCheck.success) errors.push(`"${key}": ${JSON.stringify(value)} ${valueCheck.error.issues[0]!.message}`);
    if (keyCheck.success && valueCheck.success) map.set(key, valueCheck.data);
  }
  return { map, errors };
}

interface Candidate {
  entity: ExistingEntity;
  /** Every pair of (object's name or alias, entity's name or alias) that compare equal. */
  pairs: Array<[string, string]>;
}

/** The existing entities of the object's family that share a name or alias with it. */
function candidatesFor(e: MappedEntity, byKey: Map<string, Array<{ entity: ExistingEntity; text: string }>>): Candidate[] {
  const found = new Map<string, Candidate>();
  for (const objectName of [e.name, ...e.aliases]) {
    const key = nameKey(objectName);
    if (!key) continue;
    for (const { entity, text } of byKey.get(key) ?? []) {
      if (familyOf(entity.label) !== FAMILY[e.label]) continue;
      const candidate = found.get(entity.id) ?? { entity, pairs: [] };
      candidate.pairs.push([objectName, text]);
      found.set(entity.id, candidate);
    }
  }
  return [...found.values()];
}

/**
 * Resolves a mapped bundle against the graph's entities. `decisions` (a --map file) overrides any
 * match and settles conflicts; a decision for an object the bundle does not import, or naming an
 * entity that does not exist or is of another kind, is a map error.
 */
export function resolve(
  mapped: Pick<MappedBundle, 'entities' | 'sources'>,
  existing: readonly ExistingEntity[],
  decisions: ResolutionMap = new Map(),
): Resolution {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const byStixId = new Map(existing.filter((e) => e.stixId).map((e) => [e.stixId!, e]));
  const byKey = new Map<string, Array<{ entity: ExistingEntity; text: string }>>();
  for (const entity of existing) {
    if (entity.label === 'Source') continue; // Sources match by STIX id or URL, never by title.
    for (const text of [entity.name, ...entity.aliases]) {
      const key = nameKey(text);
      if (!key) continue;
      const list = byKey.get(key) ?? [];
      if (!list.some((x) => x.entity.id === entity.id)) list.push({ entity, text });
      byKey.set(key, list);
    }
  }
  const byIso2 = new Map(existing.filter((e) => e.label === 'State' && e.iso2).map((e) => [e.iso2!.toUpperCase(), e]));
  const sourceByUrl = new Map(existing.filter((e) => e.label === 'Source' && e.url).map((e) => [e.url!, e]));

  const mapErrors: string[] = [];
  const importedIds = new Set([...mapped.entities.map((e) => e.stixId), ...mapped.sources.map((s) => s.stixId)]);
  for (const [stixId, decision] of decisions) {
    if (!importedIds.has(stixId)) mapErrors.push(`"${stixId}": not an object this bundle imports`);
    else if (decision !== 'new') {
      const target = byId.get(decision);
      const entity = mapped.entities.find((e) => e.stixId === stixId);
      const label = entity?.label ?? 'Source';
      if (!target) mapErrors.push(`"${stixId}": "${decision}" is not an entity of the graph`);
      else if (familyOf(target.label) !== FAMILY[label])
        mapErrors.push(`"${stixId}": "${decision}" is a ${target.label}, which a ${label} cannot merge into`);
    }
  }
  const validDecision = (stixId: string) => {
    const d = decisions.get(stixId);
    return d !== undefined && !mapErrors.some((m) => m.startsWith(`"${stixId}"`)) ? d : undefined;
  };

  const assignments = new Map<string, Assignment>();
  const matches: Match[] = [];
  const conflicts: Conflict[] = [];
  /** `ourId`: the id our own export gave it, kept when the graph does not hold it. */
  const pendingNew: Array<{ stixId: string; label: ImportLabel; name: string; ourId?: string }> = [];
  const open = new Set<string>();

  // Candidates first, for every object, so that a conflict is reported even once --map settles it.
  const single = new Map<string, Candidate>();
  const matchedBy = new Map<string, MappedEntity[]>();
  for (const e of mapped.entities) {
    if (byStixId.has(e.stixId)) continue; // imported before: the same entity, whatever its names now
    const state = e.label === 'State' ? byIso2.get(e.extra.iso2 ?? '') : undefined;
    const candidates: Candidate[] = state ? [{ entity: state, pairs: [] }] : candidatesFor(e, byKey);
    if (candidates.length > 1) {
      open.add(e.stixId);
      conflicts.push({
        kind: 'object-matches-several',
        objects: [{ stixId: e.stixId, name: e.name }],
        entities: candidates.map((c) => ({ id: c.entity.id, name: c.entity.name })),
        decided: false,
      });
    } else if (candidates.length === 1) {
      single.set(e.stixId, candidates[0]!);
      matchedBy.set(candidates[0]!.entity.id, [...(matchedBy.get(candidates[0]!.entity.id) ?? []), e]);
    }
  }
  for (const [entityId, group] of matchedBy) {
    if (group.length < 2) continue;
    for (const e of group) open.add(e.stixId);
    conflicts.push({
      kind: 'several-objects-match-one',
      objects: group.map((e) => ({ stixId: e.stixId, name: e.name })),
      entities: [{ id: entityId, name: byId.get(entityId)!.name }],
      decided: false,
    });
  }
  for (const conflict of conflicts) conflict.decided = conflict.objects.every((o) => validDecision(o.stixId) !== undefined);

  for (const e of mapped.entities) {
    const decision = validDecision(e.stixId);
    const earlier = byStixId.get(e.stixId);
    const candidate = single.get(e.stixId);
    if (decision === 'new') pendingNew.push(e);
    else if (decision) {
      const target = byId.get(decision)!;
      assignments.set(e.stixId, { stixId: e.stixId, id: target.id, label: target.label as ImportLabel, status: 'mapped' });
    } else if (open.has(e.stixId)) continue; // an open conflict: neither merged nor created
    else if (earlier) {
      assignments.set(e.stixId, {
        stixId: e.stixId,
        id: earlier.id,
        label: earlier.label as ImportLabel,
        status: 'matched',
        via: 'stixId',
      });
    } else if (candidate) {
      const byCode = candidate.pairs.length === 0;
      const via = byCode ? 'iso2' : { objectName: candidate.pairs[0]![0], entityName: candidate.pairs[0]![1] };
      assignments.set(e.stixId, {
        stixId: e.stixId,
        id: candidate.entity.id,
        label: candidate.entity.label as ImportLabel,
        status: 'matched',
        via,
      });
      matches.push({
        stixId: e.stixId,
        objectName: e.name,
        entityId: candidate.entity.id,
        entityName: candidate.entity.name,
        via: byCode ? `country code ${e.extra.iso2}` : candidate.pairs.map(([o, t]) => (o === t ? `"${o}"` : `"${o}" = "${t}"`)).join(', '),
      });
    } else pendingNew.push(e);
  }

  for (const s of mapped.sources) {
    const decision = validDecision(s.stixId);
    const earlier = decision === undefined ? (byStixId.get(s.stixId) ?? (s.url ? sourceByUrl.get(s.url) : undefined)) : undefined;
    if (decision && decision !== 'new') assignments.set(s.stixId, { stixId: s.stixId, id: decision, label: 'Source', status: 'mapped' });
    else if (earlier) {
      assignments.set(s.stixId, {
        stixId: s.stixId,
        id: earlier.id,
        label: 'Source',
        status: 'matched',
        via: earlier.stixId === s.stixId ? 'stixId' : 'url',
      });
    } else pendingNew.push({ stixId: s.stixId, label: 'Source', name: s.title, ourId: s.ourId });
  }

  // New ids: deterministic whatever the bundle order (sorted), unique against the graph and each other.
  const taken = new Set(existing.map((e) => e.id));
  const created: Assignment[] = [];
  const ordered = [...pendingNew].sort(
    (a, b) => a.label.localeCompare(b.label) || slugOf(a.name).localeCompare(slugOf(b.name)) || a.stixId.localeCompare(b.stixId),
  );
  // Our export's own ids first, so that a slug made for another entity never takes one.
  for (const p of ordered) if (p.ourId && !taken.has(p.ourId)) taken.add(p.ourId);
  const kept = new Set<string>();
  for (const p of ordered) {
    if (p.ourId && !kept.has(p.ourId) && !byId.has(p.ourId)) {
      kept.add(p.ourId);
      const assignment: Assignment = { stixId: p.stixId, id: p.ourId, label: p.label, status: 'new' };
      assignments.set(p.stixId, assignment);
      created.push(assignment);
      continue;
    }
    const base = `${idPrefix(p.label)}--${slugOf(p.name) || p.stixId.split('--')[1]!.slice(0, 8)}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    const assignment: Assignment = { stixId: p.stixId, id, label: p.label, status: 'new' };
    assignments.set(p.stixId, assignment);
    created.push(assignment);
  }
  return { assignments, created, matches, conflicts, mapErrors };
}

/**
 * One relationship to write: STIX relationships with the same ends and type fold into one (its
 * `created` is their earliest, its `modified` their latest).
 */
export interface ImportRelationship extends StixEvidence {
  /** Our relationship id, `from|TYPE|to`. */
  id: string;
  type: RelType;
  from: string;
  to: string;
  stixIds: string[];
  /** Our ids of its Sources. */
  sources: string[];
  /** Its STIX relationship_type (the first one's, all fold under the same type). */
  relationshipType: string;
  /** Our export's quote and reported day (x_threat_network_*), else null. */
  quote: string | null;
  reportedAt: string | null;
}

export interface Linked {
  relationships: ImportRelationship[];
  /** Relationships whose mapped ends the type does not allow, e.g. `USES Technique -> Tool`. */
  disallowed: Record<string, number>;
  /** Relationships with an end left in an open conflict, or pointing at itself once merged. */
  unresolved: number;
  selfLoops: number;
}

/** Turns the mapped relationships into ours, over the resolution's ids and labels. */
export function linkRelationships(mapped: Pick<MappedBundle, 'relationships'>, resolution: Pick<Resolution, 'assignments'>): Linked {
  const out = new Map<string, ImportRelationship>();
  const disallowed: Record<string, number> = {};
  let unresolved = 0;
  let selfLoops = 0;
  for (const r of mapped.relationships) {
    const from = resolution.assignments.get(r.sourceRef);
    const to = resolution.assignments.get(r.targetRef);
    const sources = r.sources.map((s) => resolution.assignments.get(s)?.id).filter((id): id is string => id !== undefined);
    if (!from || !to) {
      unresolved++;
      continue;
    }
    if (!endsAllowed(r.type, from.label, to.label)) {
      const key = `${r.type} ${from.label} -> ${to.label}`;
      disallowed[key] = (disallowed[key] ?? 0) + 1;
      continue;
    }
    if (from.id === to.id) {
      selfLoops++;
      continue;
    }
    // Nothing without a source: the bundle's own Source is always cited, so this never drops one.
    if (sources.length === 0) throw new Error(`relationship ${r.stixId} has no source`);
    const id = relationshipId({ from: from.id, type: r.type, to: to.id });
    const earlier = out.get(id);
    if (!earlier) {
      out.set(id, {
        id,
        type: r.type,
        from: from.id,
        to: to.id,
        stixIds: [r.stixId],
        sources,
        summary: r.summary,
        confidence: r.confidence,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        created: r.created,
        modified: r.modified,
        relationshipType: r.relationshipType,
        quote: r.quote ?? null,
        reportedAt: r.reportedAt ?? null,
      });
      continue;
    }
    earlier.stixIds.push(r.stixId);
    for (const s of sources) if (!earlier.sources.includes(s)) earlier.sources.push(s);
    earlier.summary ??= r.summary;
    earlier.quote ??= r.quote ?? null;
    earlier.reportedAt ??= r.reportedAt ?? null;
    if (r.confidence !== null) earlier.confidence = Math.max(earlier.confidence ?? 0, r.confidence);
    if (r.firstSeen && (!earlier.firstSeen || r.firstSeen < earlier.firstSeen)) earlier.firstSeen = r.firstSeen;
    if (r.lastSeen && (!earlier.lastSeen || r.lastSeen > earlier.lastSeen)) earlier.lastSeen = r.lastSeen;
    if (r.created && (!earlier.created || Date.parse(r.created) < Date.parse(earlier.created))) earlier.created = r.created;
    if (r.modified && (!earlier.modified || Date.parse(r.modified) > Date.parse(earlier.modified))) earlier.modified = r.modified;
  }
  return { relationships: [...out.values()], disallowed, unresolved, selfLoops };
}
