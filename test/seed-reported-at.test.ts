// The loader's reportedAt (seed/dataset.ts): the day a relationship was first reported, the
// earliest publication day among the sources it cites. Pure; test/seed-load.test.ts checks it in
// the database after a real load.
import { describe, expect, it } from 'vitest';
import { publishedDates, reportedAt, withReportedAt, type SeedNode } from '../seed/dataset.js';

const source = (id: string, published: string): SeedNode => ({ label: 'Source', props: { id, published } });
const nodes: SeedNode[] = [
  source('source--late', '2024-11-30'),
  source('source--early', '2019-02-01'),
  source('source--mid', '2023-12-31'),
  // Not a Source: its date is never a publication date.
  { label: 'Campaign', props: { id: 'campaign--x', published: '2001-01-01' } },
];

describe('reportedAt', () => {
  it('is the earliest published day of the cited sources, whatever their order', () => {
    const published = publishedDates(nodes);
    expect([...published.keys()]).toEqual(['source--late', 'source--early', 'source--mid']);
    expect(reportedAt(['source--late', 'source--early', 'source--mid'], published)).toBe('2019-02-01');
    expect(reportedAt(['source--mid', 'source--late'], published)).toBe('2023-12-31');
    expect(reportedAt(['source--late'], published)).toBe('2024-11-30');
  });

  it('ignores ids that are not Sources, and is undefined when none has a date', () => {
    const published = publishedDates(nodes);
    expect(reportedAt(['campaign--x', 'source--mid'], published)).toBe('2023-12-31');
    expect(reportedAt(['campaign--x', 'source--nowhere'], published)).toBeUndefined();
    expect(reportedAt([], published)).toBeUndefined();
  });

  it('is added to each relationship, leaving the rest of it and the input as they were', () => {
    const relationships = [
      { id: 'r1', sources: ['source--late', 'source--mid'], firstSeen: '2010' },
      { id: 'r2', sources: ['source--nowhere'] },
    ];
    const dated = withReportedAt(relationships, nodes);
    expect(dated).toEqual([
      { id: 'r1', sources: ['source--late', 'source--mid'], firstSeen: '2010', reportedAt: '2023-12-31' },
      { id: 'r2', sources: ['source--nowhere'] },
    ]);
    expect(relationships[0]).not.toHaveProperty('reportedAt');
  });
});
