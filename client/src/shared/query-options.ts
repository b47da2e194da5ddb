// One TanStack Query options factory per API area: the key and the fetch of every read, so a key
// is written once and a feature that changes data invalidates by the area's `all`.
import { queryOptions } from '@tanstack/react-query';
import { api } from './api.js';

export const systemQueries = {
  all: ['system'] as const,
  health: () => queryOptions({ queryKey: [...systemQueries.all, 'health'] as const, queryFn: api.health }),
};

export const graphQueries = {
  all: ['graph'] as const,
  meta: () => queryOptions({ queryKey: [...graphQueries.all, 'meta'] as const, queryFn: api.meta, staleTime: 60_000 }),
  node: (id: string) => queryOptions({ queryKey: [...graphQueries.all, 'node', id] as const, queryFn: () => api.node(id) }),
  search: (q: string, limit = 10) =>
    queryOptions({ queryKey: [...graphQueries.all, 'search', q, limit] as const, queryFn: () => api.search(q, limit), staleTime: 30_000 }),
};

/** Built-in and saved queries (the feature), not TanStack's queries. */
export const savedQueryQueries = {
  all: ['saved-queries'] as const,
  list: () => queryOptions({ queryKey: [...savedQueryQueries.all, 'list'] as const, queryFn: api.queries }),
};

export const snapshotQueries = {
  all: ['snapshots'] as const,
  list: () => queryOptions({ queryKey: [...snapshotQueries.all, 'list'] as const, queryFn: api.snapshots }),
  one: (id: string) => queryOptions({ queryKey: [...snapshotQueries.all, 'one', id] as const, queryFn: () => api.snapshot(id) }),
  changes: (id: string) =>
    queryOptions({ queryKey: [...snapshotQueries.all, 'changes', id] as const, queryFn: () => api.snapshotChanges(id), staleTime: 0 }),
};
