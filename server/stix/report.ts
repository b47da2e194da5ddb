// The dry-run report: what an import would do, as plain data (the UI's Import action can show the
// same) and as the lines the CLI prints.
import type { Plan, ReadBundle } from './import.js';

export interface ImportReport {
  bundle: Plan['mapped']['bundle'];
  objects: number;
  read: Record<string, number>;
  mappedPerLabel: Record<string, number>;
  relationshipsPerType: Record<string, number>;
  /** STIX relationships folded into another with the same ends and type. */
  folded: number;
  skipped: {
    unmapped: Record<string, number>;
    revoked: Record<string, number>;
    deprecated: Record<string, number>;
    endNotImported: Record<string, number>;
    disallowedEnds: Record<string, number>;
    endInOpenConflict: number;
    selfLoops: number;
  };
  newEntities: Array<{ id: string; label: string; stixId: string }>;
  matches: Plan['resolution']['matches'];
  conflicts: Plan['resolution']['conflicts'];
  mapErrors: string[];
  sources: { new: number; existing: number };
  timing: { readMs: number; mapMs: number; resolveMs: number; totalMs: number; objectsPerSecond: number; relationshipsPerSecond: number };
}

const count = <T>(items: readonly T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => {
    acc[key(item)] = (acc[key(item)] ?? 0) + 1;
    return acc;
  }, {});

export function buildReport(read: ReadBundle, plan: Plan): ImportReport {
  const { mapped, resolution, linked } = plan;
  const sourceAssignments = mapped.sources.map((s) => resolution.assignments.get(s.stixId)).filter((a) => a !== undefined);
  const totalMs = read.readMs + plan.mapMs + plan.resolveMs;
  const stixRelationships = linked.relationships.reduce((n, r) => n + r.stixIds.length, 0);
  return {
    bundle: mapped.bundle,
    objects: read.objects.length,
    read: mapped.read,
    mappedPerLabel: count(mapped.entities, (e) => e.label),
    relationshipsPerType: count(linked.relationships, (r) => r.type),
    folded: stixRelationships - linked.relationships.length,
    skipped: {
      ...mapped.skipped,
      disallowedEnds: linked.disallowed,
      endInOpenConflict: linked.unresolved,
      selfLoops: linked.selfLoops,
    },
    newEntities: resolution.created.filter((a) => a.label !== 'Source').map((a) => ({ id: a.id, label: a.label, stixId: a.stixId })),
    matches: resolution.matches,
    conflicts: resolution.conflicts,
    mapErrors: resolution.mapErrors,
    sources: {
      new: sourceAssignments.filter((a) => a.status === 'new').length,
      existing: sourceAssignments.filter((a) => a.status !== 'new').length,
    },
    timing: {
      readMs: read.readMs,
      mapMs: plan.mapMs,
      resolveMs: plan.resolveMs,
      totalMs,
      objectsPerSecond: Math.round(read.objects.length / (totalMs / 1000)),
      relationshipsPerSecond: Math.round(stixRelationships / (totalMs / 1000)),
    },
  };
}

const table = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([k, v]) => `    ${k}: ${v}`);
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The report as the CLI prints it. `limit` caps the long lists (new entities, matches). */
export function formatReport(r: ImportReport, limit = 25): string[] {
  const lines: string[] = [];
  const list = <T>(title: string, items: readonly T[], line: (item: T) => string) => {
    lines.push(`${title}: ${items.length}`);
    for (const item of items.slice(0, limit)) lines.push(`    ${line(item)}`);
    if (items.length > limit) lines.push(`    ... and ${items.length - limit} more`);
  };
  lines.push(`Bundle ${r.bundle.id}: ${r.bundle.name}${r.bundle.version ? ` ${r.bundle.version}` : ''}`);
  lines.push(`  publisher: ${r.bundle.publisher ?? '(not stated)'}; licence: ${r.bundle.licence ?? '(no marking definition)'}`);
  lines.push(`Objects read: ${r.objects}`, ...table(r.read));
  lines.push(`Mapped entities per label: ${total(r.mappedPerLabel)}`, ...table(r.mappedPerLabel));
  lines.push(
    `Relationships per type: ${total(r.relationshipsPerType)} (${r.folded} STIX relationships folded into one with the same ends)`,
  );
  lines.push(...table(r.relationshipsPerType));
  lines.push(`Skipped, no mapping: ${total(r.skipped.unmapped)}`, ...table(r.skipped.unmapped));
  lines.push(`Skipped, revoked: ${total(r.skipped.revoked)}`, ...table(r.skipped.revoked));
  lines.push(`Skipped, deprecated: ${total(r.skipped.deprecated)}`, ...table(r.skipped.deprecated));
  lines.push(`Relationships skipped, an end not imported: ${total(r.skipped.endNotImported)}`, ...table(r.skipped.endNotImported));
  lines.push(
    `Relationships skipped, ends not allowed for the type: ${total(r.skipped.disallowedEnds)}`,
    ...table(r.skipped.disallowedEnds),
  );
  lines.push(`Relationships skipped, an end in an open conflict: ${r.skipped.endInOpenConflict}`);
  lines.push(`Relationships skipped, both ends the same entity once merged: ${r.skipped.selfLoops}`);
  list('New entities', r.newEntities, (e) => `${e.id} (${e.label}) from ${e.stixId}`);
  list('Matches with existing entities', r.matches, (m) => `${m.objectName} (${m.stixId}) → ${m.entityId} through ${m.via}`);
  const open = r.conflicts.filter((c) => !c.decided);
  lines.push(`Conflicts: ${r.conflicts.length} (${open.length} open: decide them in a --map file, stix id → our id or "new")`);
  for (const c of r.conflicts) {
    const objects = c.objects.map((o) => `${o.name} (${o.stixId})`).join(', ');
    const entities = c.entities.map((e) => `${e.id} (${e.name})`).join(', ');
    lines.push(
      `    ${c.decided ? 'decided' : 'OPEN'}: ${c.kind === 'object-matches-several' ? `${objects} matches ${entities}` : `${objects} all match ${entities}`}`,
    );
  }
  if (r.mapErrors.length > 0) lines.push(`Map file errors: ${r.mapErrors.length}`, ...r.mapErrors.map((e) => `    ${e}`));
  lines.push(`Sources: ${r.sources.new} new, ${r.sources.existing} already in the graph`);
  const t = r.timing;
  lines.push(
    `Time: ${Math.round(t.totalMs)} ms (read and validate ${Math.round(t.readMs)}, map ${Math.round(t.mapMs)}, resolve ${Math.round(t.resolveMs)}): ${t.objectsPerSecond} objects/s, ${t.relationshipsPerSecond} relationships/s`,
  );
  return lines;
}
