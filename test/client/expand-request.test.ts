// What an expand asks the server and how far a node's pages are loaded: the Filters panel's
// filters go with the request, the next page continues the last while the scope is the same, and
// "+N more" is the total less what the pages loaded.
import { describe, expect, it } from 'vitest';
import { NODE_LABELS, TRAVERSAL_REL_TYPES } from '@model/graph-model.js';
import {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  expandScope,
  expansionAfter,
  pageRequest,
  scopeKey,
} from '../../client/src/features/expand/expand-request.js';
import { NO_FILTERS, remaining, type Expansion } from '../../client/src/shared/graph-store.js';

describe('expandScope', () => {
  it('asks for everything when no filter is set', () => {
    expect(expandScope(NO_FILTERS)).toEqual({});
  });

  it('sends the filters set: types and labels not hidden, minimum confidence, time window', () => {
    const scope = expandScope({
      ...NO_FILTERS,
      hiddenTypes: ['USES'],
      hiddenLabels: ['Tool', 'Domain'],
      minConfidence: 70,
      dateFrom: '2020-01-01',
      dateTo: '2023-06-31',
    });
    expect(scope.relTypes).toEqual(TRAVERSAL_REL_TYPES.filter((t) => t !== 'USES'));
    expect(scope.labels).toEqual(NODE_LABELS.filter((l) => l !== 'Tool' && l !== 'Domain'));
    expect(scope).toMatchObject({ minConfidence: 70, from: '2020-01-01', to: '2023-06-31' });
  });

  it('asks for a type by name even when the filters hide it, and for that type only', () => {
    expect(expandScope({ ...NO_FILTERS, hiddenTypes: ['USES'] }, 'USES')).toEqual({ relTypes: ['USES'] });
    expect(expandScope(NO_FILTERS, 'REPORTED_IN')).toEqual({ relTypes: ['REPORTED_IN'] });
  });

  it('refuses, saying why, when the filters hide every type or every label', () => {
    expect(() => expandScope({ ...NO_FILTERS, hiddenTypes: [...TRAVERSAL_REL_TYPES] })).toThrow(
      'The filters hide every relationship type: show one to expand.',
    );
    expect(() => expandScope({ ...NO_FILTERS, hiddenLabels: [...NODE_LABELS] })).toThrow(
      'The filters hide every label: show one to expand.',
    );
  });

  it('leaves the open ends of a window out and sends no minimum at 0', () => {
    expect(expandScope({ ...NO_FILTERS, dateFrom: '2021-03-01' })).toEqual({ from: '2021-03-01' });
    expect(expandScope({ ...NO_FILTERS, dateTo: '2021-03-31' })).toEqual({ to: '2021-03-31' });
    expect(expandScope({ ...NO_FILTERS, minConfidence: 5 })).toEqual({ minConfidence: 5 });
  });
});

describe('pages of a node', () => {
  const scope = expandScope({ ...NO_FILTERS, minConfidence: 50 });
  const loaded = (n: number, total = 41, s = scope, relType: string | null = null): Expansion => ({
    loaded: n,
    total,
    relType,
    scope: scopeKey(s),
  });

  it('offers the server default page size among a few', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(100);
    expect(PAGE_SIZES).toContain(DEFAULT_PAGE_SIZE);
    expect([...PAGE_SIZES].sort((a, b) => a - b)).toEqual([...PAGE_SIZES]);
  });

  it('starts at the first page, and continues after the pages loaded with the same scope', () => {
    expect(pageRequest('state--russia', scope, 10, undefined)).toEqual({ ids: ['state--russia'], minConfidence: 50, limit: 10, skip: 0 });
    expect(pageRequest('state--russia', scope, 10, loaded(20))).toEqual({ ids: ['state--russia'], minConfidence: 50, limit: 10, skip: 20 });
  });

  it('starts again when the filters or the type changed since the last page', () => {
    expect(pageRequest('state--russia', {}, 10, loaded(20)).skip).toBe(0);
    expect(pageRequest('state--russia', { ...scope, relTypes: ['USES'] }, 10, loaded(20)).skip).toBe(0);
  });

  it('counts a full page with more after it, and the rest on the last page', () => {
    const first = expansionAfter({ scope, relType: null, skip: 0, limit: 10 }, { total: 41, hasMore: true }, undefined);
    expect(first).toEqual(loaded(10));
    expect(remaining(first)).toBe(31);
    const second = expansionAfter({ scope, relType: null, skip: 10, limit: 10 }, { total: 41, hasMore: true }, first);
    expect(second).toEqual(loaded(20));
    const last = expansionAfter({ scope, relType: null, skip: 40, limit: 10 }, { total: 41, hasMore: false }, loaded(40));
    expect(last).toEqual(loaded(41));
    expect(remaining(last)).toBe(0);
  });

  it('keeps the count when the first page is asked again (expanding twice), and never counts past the total', () => {
    expect(expansionAfter({ scope, relType: null, skip: 0, limit: 10 }, { total: 41, hasMore: true }, loaded(30))).toEqual(loaded(30));
    expect(expansionAfter({ scope, relType: null, skip: 0, limit: 10 }, { total: 41, hasMore: true }, loaded(30, 41, {}))).toEqual(
      loaded(10),
    );
    expect(expansionAfter({ scope, relType: null, skip: 0, limit: 100 }, { total: 8, hasMore: false }, undefined)).toEqual(loaded(8, 8));
    expect(expansionAfter({ scope, relType: null, skip: 0, limit: 10 }, { total: 25, hasMore: true }, loaded(40, 41))).toEqual(
      loaded(25, 25),
    );
  });

  it('remembers the type asked for, so the next page asks for it again', () => {
    const uses = expandScope(NO_FILTERS, 'USES');
    expect(expansionAfter({ scope: uses, relType: 'USES', skip: 0, limit: 10 }, { total: 12, hasMore: true }, undefined)).toEqual(
      loaded(10, 12, uses, 'USES'),
    );
  });

  it('has nothing more for a node not expanded', () => {
    expect(remaining(undefined)).toBe(0);
    expect(remaining(loaded(50, 41))).toBe(0);
  });
});
