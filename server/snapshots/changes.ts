// What changed around a snapshot: its baseline (taken when it was saved) against the database now.
// Pure functions of the rows cypher/snapshots/around.cypher returns, so both sides read alike.
import { NODE_LABELS } from '@model/graph-model.js';
import { SNAPSHOT_LIMITS, type SnapshotChanges } from '@model/snapshot.js';

export interface AroundRel {
  id: string;
  type: string;
  from: { id: string; name: string; labels: string[] };
  to: { id: string; name: string; labels: string[] };
}

export interface Around {
  present: string[];
  rels: AroundRel[];
}

export interface Baseline {
  baselineAt: string;
  baselineNodeIds: string[];
  /** One key per relationship (see relKey), in id order. */
  baselineRels: string[];
  baselineTruncated: boolean;
}

/** Relationships read at most, one past the cap to know that there were more. */
export const AROUND_MAX = SNAPSHOT_LIMITS.baselineRelsMax + 1;
const SEP = '\u001f';

/**
 * A relationship is known by its id and its ends and type: Neo4j may give a deleted
 * relationship's element id to a new one, which must not pass for the old.
 */
function relKey(rel: AroundRel): string {
  return [rel.id, rel.type, rel.from.id, rel.to.id].join(SEP);
}

const idOfKey = (key: string) => key.slice(0, key.indexOf(SEP));

const CAP: number = SNAPSHOT_LIMITS.baselineRelsMax;

/** Cuts a read at the cap; returns the last id it is complete up to, or null when whole. */
function capped(rels: AroundRel[], cap: number): { rels: AroundRel[]; cutoff: string | null } {
  if (rels.length <= cap) return { rels, cutoff: null };
  const kept = rels.slice(0, cap);
  return { rels: kept, cutoff: kept[kept.length - 1]!.id };
}

export function baselineOf(around: Around, at: string, cap = CAP): Baseline {
  const { rels, cutoff } = capped(around.rels, cap);
  return { baselineAt: at, baselineNodeIds: around.present, baselineRels: rels.map(relKey), baselineTruncated: cutoff !== null };
}

function labelOf(labels: string[]): string {
  return labels.find((l) => (NODE_LABELS as readonly string[]).includes(l)) ?? labels[0] ?? '';
}

export function diff(baseline: Baseline, now: Around, viewNodeIds: string[], cap = CAP): SnapshotChanges {
  const current = capped(now.rels, cap);
  const baselineCutoff = baseline.baselineTruncated ? idOfKey(baseline.baselineRels[baseline.baselineRels.length - 1] ?? '') : null;
  // Past either cut, neither side is complete: nothing there can be called added or removed.
  const cutoffs = [baselineCutoff, current.cutoff].filter((c): c is string => c !== null);
  const cutoff = cutoffs.length > 0 ? cutoffs.sort()[0]! : null;
  const inRange = (id: string) => cutoff === null || id <= cutoff;

  const before = new Set(baseline.baselineRels);
  const nowKeys = new Set(current.rels.map(relKey));
  const added = current.rels.filter((r) => inRange(r.id) && !before.has(relKey(r)));
  const removed = baseline.baselineRels.filter((k) => inRange(idOfKey(k)) && !nowKeys.has(k)).map(idOfKey);

  const inView = new Set(viewNodeIds);
  const newNodes = new Map<string, { id: string; label: string; name: string }>();
  for (const rel of added) {
    for (const end of [rel.from, rel.to]) {
      if (!inView.has(end.id)) newNodes.set(end.id, { id: end.id, label: labelOf(end.labels), name: end.name });
    }
  }
  const present = new Set(now.present);
  return {
    since: baseline.baselineAt,
    nodes: {
      added: [...newNodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
      removed: baseline.baselineNodeIds.filter((id) => !present.has(id)).sort(),
    },
    relationships: {
      added: added.map((r) => ({ id: r.id, type: r.type, from: r.from.id, to: r.to.id })),
      removed: [...new Set(removed)].sort(),
    },
    truncated: cutoff !== null,
  };
}
