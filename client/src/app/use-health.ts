// Where the explorer is (starting, ready, Neo4j or the server out of reach), polled: every second
// while it starts, so the progress moves and a linked view appears as soon as the data is complete.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { systemQueries } from '../shared/query-options.js';

export function useHealth() {
  const queryClient = useQueryClient();
  const health = useQuery({
    ...systemQueries.health(),
    refetchInterval: (query) => (query.state.data?.status === 'starting' && query.state.status !== 'error' ? 1_000 : 15_000),
    retry: false,
  });
  // A failed refetch keeps the last answer in `data`: the error wins.
  const status = health.isError ? 'unreachable' : (health.data?.status ?? null);

  // Back to ready after starting or an outage: fetch again what failed meanwhile (a panel opened
  // during start-up got a 503) and refresh the rest.
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    if (status === null) return;
    const before = lastStatus.current;
    lastStatus.current = status;
    if (status === 'ok' && before !== null && before !== 'ok')
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== systemQueries.all[0] });
  }, [status, queryClient]);

  return {
    ready: status === 'ok',
    starting: status === 'starting' ? (health.data ?? null) : null,
    /** Why nothing works now, for the banner; null when the explorer answers. */
    down:
      status === 'unreachable'
        ? 'The explorer server is unreachable.'
        : status === 'unavailable'
          ? (health.data?.message ?? 'Neo4j is unreachable.')
          : null,
    /** When health last answered: a retry waits for the next answer. */
    checkedAt: Math.max(health.dataUpdatedAt, health.errorUpdatedAt),
  };
}
