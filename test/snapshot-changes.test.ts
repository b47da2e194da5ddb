// What changed around a snapshot (server/snapshots/changes.ts), from the rows the database gives:
// a baseline taken at saving, compared with the database now. The API test (api-snapshots) checks
// the route; these check every rule of the comparison, the cut at the cap above all.
import { describe, expect, it } from 'vitest';
import { baselineOf, diff, type Around, type AroundRel } from '../server/snapshots/changes.js';

const SAVED_AT = '2025-03-01T10:00:00.000Z';
const names: Record<string, string> = { a: 'Russia', b: 'GRU', c: 'Sandworm', d: 'NotPetya', x: 'APT28', y: 'Fancy Bear site' };
const end = (id: string, labels = ['Entity', 'ThreatActor']) => ({ id, name: names[id] ?? id, labels });
const rel = (id: string, from: string, type: string, to: string): AroundRel => ({ id, type, from: end(from), to: end(to) });
const around = (present: string[], rels: AroundRel[]): Around => ({ present, rels });

const NOTHING = { nodes: { added: [], removed: [] }, relationships: { added: [], removed: [] } };

describe('baselineOf', () => {
  it('keeps the time, the nodes present and every relationship when they are within the cap', () => {
    const baseline = baselineOf(around(['a', 'b'], [rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'b', 'USES', 'c')]), SAVED_AT, 2);
    expect(baseline.baselineAt).toBe(SAVED_AT);
    expect(baseline.baselineNodeIds).toEqual(['a', 'b']);
    expect(baseline.baselineRels).toHaveLength(2);
    expect(baseline.baselineTruncated).toBe(false);
  });

  it('cuts the relationships past the cap and says so', () => {
    const baseline = baselineOf(
      around(['a'], [rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'a', 'USES', 'c'), rel('r3', 'a', 'FUNDS', 'd')]),
      SAVED_AT,
      2,
    );
    expect(baseline.baselineRels).toHaveLength(2);
    expect(baseline.baselineTruncated).toBe(true);
  });
});

describe('diff', () => {
  const rels = [rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'b', 'USES', 'c')];

  it('finds nothing when nothing changed', () => {
    const baseline = baselineOf(around(['a', 'b'], rels), SAVED_AT);
    expect(diff(baseline, around(['a', 'b'], rels), ['a', 'b'])).toEqual({ since: SAVED_AT, ...NOTHING, truncated: false });
  });

  it('lists added relationships, and the nodes at their ends that the view does not show, once each, by id', () => {
    const baseline = baselineOf(around(['a', 'b'], rels), SAVED_AT);
    const now = around(
      ['a', 'b'],
      [
        ...rels,
        rel('r3', 'b', 'OPERATES', 'y'),
        rel('r4', 'x', 'PART_OF', 'b'),
        rel('r5', 'x', 'USES', 'y'),
        rel('r6', 'a', 'DIRECTS', 'b'),
      ],
    );
    const changes = diff(baseline, now, ['a', 'b']);
    expect(changes.relationships.added).toEqual([
      { id: 'r3', type: 'OPERATES', from: 'b', to: 'y' },
      { id: 'r4', type: 'PART_OF', from: 'x', to: 'b' },
      { id: 'r5', type: 'USES', from: 'x', to: 'y' },
      { id: 'r6', type: 'DIRECTS', from: 'a', to: 'b' },
    ]);
    expect(changes.nodes.added).toEqual([
      { id: 'x', label: 'ThreatActor', name: 'APT28' },
      { id: 'y', label: 'ThreatActor', name: 'Fancy Bear site' },
    ]);
    expect(changes.relationships.removed).toEqual([]);
    expect(changes.nodes.removed).toEqual([]);
    expect(changes.truncated).toBe(false);
  });

  it('names a new node by its model label, else its first label, else nothing', () => {
    const baseline = baselineOf(around(['a'], []), SAVED_AT);
    const now = around(
      ['a'],
      [
        { id: 'r1', type: 'USES', from: end('a'), to: end('t', ['Entity', 'Tool']) },
        { id: 'r2', type: 'USES', from: end('a'), to: end('u', ['Legacy', 'Other']) },
        { id: 'r3', type: 'USES', from: end('a'), to: end('v', []) },
      ],
    );
    expect(diff(baseline, now, ['a']).nodes.added).toEqual([
      { id: 't', label: 'Tool', name: 't' },
      { id: 'u', label: 'Legacy', name: 'u' },
      { id: 'v', label: '', name: 'v' },
    ]);
  });

  it('lists removed relationships by id and the nodes gone from the database, in order', () => {
    const baseline = baselineOf(
      around(['z', 'a', 'm'], [rel('r2', 'a', 'USES', 'c'), rel('r5', 'z', 'USES', 'm'), rel('r7', 'm', 'USES', 'a')]),
      SAVED_AT,
    );
    const changes = diff(baseline, around(['a'], []), ['z', 'a', 'm']);
    expect(changes.relationships.removed).toEqual(['r2', 'r5', 'r7']);
    expect(changes.nodes.removed).toEqual(['m', 'z']);
    expect(changes.relationships.added).toEqual([]);
    expect(changes.nodes.added).toEqual([]);
  });

  it('takes a relationship id given to a different relationship for a removal and an addition', () => {
    const baseline = baselineOf(around(['a', 'b'], [rel('r1', 'a', 'DIRECTS', 'b')]), SAVED_AT);
    for (const reused of [rel('r1', 'a', 'FUNDS', 'b'), rel('r1', 'b', 'DIRECTS', 'a'), rel('r1', 'a', 'DIRECTS', 'c')]) {
      const changes = diff(baseline, around(['a', 'b'], [reused]), ['a', 'b']);
      expect(changes.relationships.removed).toEqual(['r1']);
      expect(changes.relationships.added).toEqual([{ id: 'r1', type: reused.type, from: reused.from.id, to: reused.to.id }]);
    }
  });

  describe('past the cap', () => {
    const CAP = 2;

    it('reports nothing past the baseline cut, and changes up to it, the cut one included', () => {
      // Saved with r1, r2, r3 (the cut at a cap of 3) and r4 left out.
      const baseline = baselineOf(
        around(
          ['a'],
          [rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'a', 'USES', 'c'), rel('r3', 'a', 'FUNDS', 'd'), rel('r4', 'a', 'USES', 'b')],
        ),
        SAVED_AT,
        3,
      );
      // Now r2 and r3 are gone, r0 is new, and r5 past the cut is new too.
      const now = around(['a'], [rel('r0', 'a', 'USES', 'x'), rel('r1', 'a', 'DIRECTS', 'b'), rel('r5', 'a', 'USES', 'y')]);
      const changes = diff(baseline, now, ['a'], 3);
      expect(changes.relationships.removed).toEqual(['r2', 'r3']);
      expect(changes.relationships.added.map((r) => r.id)).toEqual(['r0']);
      expect(changes.nodes.added.map((n) => n.id)).toEqual(['x']);
      expect(changes.truncated).toBe(true);
    });

    it('reports nothing past the cut of the database now when it comes first', () => {
      // Saved whole: r1, r2.
      const baseline = baselineOf(around(['a'], [rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'a', 'USES', 'c')]), SAVED_AT, CAP);
      expect(baseline.baselineTruncated).toBe(false);
      // Now r0 and r1 fill the cap: r2 (still there, past the cut) must not read as removed.
      const now = around(['a'], [rel('r0', 'a', 'USES', 'x'), rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'a', 'USES', 'c')]);
      const changes = diff(baseline, now, ['a'], CAP);
      expect(changes.relationships.removed).toEqual([]);
      expect(changes.relationships.added.map((r) => r.id)).toEqual(['r0']);
      expect(changes.truncated).toBe(true);
    });

    it('uses the earlier of the two cuts', () => {
      // Saved with r1, r2 (the cut); now r0, r1 fill the cap (cut at r1), and r2 is gone.
      const baseline = baselineOf(
        around(['a'], [rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'a', 'USES', 'c'), rel('r3', 'a', 'FUNDS', 'd')]),
        SAVED_AT,
        CAP,
      );
      const now = around(['a'], [rel('r0', 'a', 'USES', 'x'), rel('r1', 'a', 'DIRECTS', 'b'), rel('r3', 'a', 'FUNDS', 'd')]);
      const changes = diff(baseline, now, ['a'], CAP);
      // r2 is past the cut of now (r1): whether it is gone cannot be told from these rows.
      expect(changes.relationships.removed).toEqual([]);
      expect(changes.relationships.added.map((r) => r.id)).toEqual(['r0']);
      expect(changes.truncated).toBe(true);
    });

    it('is not truncated when both sides hold exactly the cap', () => {
      const both = [rel('r1', 'a', 'DIRECTS', 'b'), rel('r2', 'a', 'USES', 'c')];
      const baseline = baselineOf(around(['a'], both), SAVED_AT, CAP);
      expect(diff(baseline, around(['a'], [both[0]!, rel('r3', 'a', 'USES', 'd')]), ['a'], CAP)).toMatchObject({
        relationships: { added: [{ id: 'r3' }], removed: ['r2'] },
        truncated: false,
      });
    });
  });
});
