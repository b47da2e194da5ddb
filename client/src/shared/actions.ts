// The explorer's actions (expand, add a node, open a view, restore a link, ...) are TanStack
// mutations in one key scope, ['action', <name>], so the app shows one busy indicator and one
// error line for all of them, wherever a feature started them: `useAction` makes one,
// `useActionStatus` reads the scope through useIsMutating and useMutationState.
import { useIsMutating, useMutation, useMutationState, useQueryClient, type MutationState } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from './api.js';
import { systemQueries } from './query-options.js';

export const ACTIONS = ['action'] as const;

export interface ActionOptions<TData, TVariables> {
  mutationFn(variables: TVariables): Promise<TData>;
  onSuccess?(data: TData, variables: TVariables): void;
  /** Pending without the busy indicator (a quick look-up that changes nothing on the canvas). */
  quiet?: boolean;
}

/**
 * An action: a mutation in the shared scope. A failure because the explorer or Neo4j is out of
 * reach asks for health at once, so the banner shows instead of the error.
 */
export function useAction<TData = unknown, TVariables = void>(name: string, options: ActionOptions<TData, TVariables>) {
  const queryClient = useQueryClient();
  const { mutationFn, onSuccess, quiet = false } = options;
  return useMutation<TData, Error, TVariables>({
    mutationKey: [...ACTIONS, name],
    mutationFn,
    meta: { quiet },
    ...(onSuccess ? { onSuccess: (data: TData, variables: TVariables) => onSuccess(data, variables) } : {}),
    onError: (err) => {
      if (err instanceof ApiError && err.unavailable) void queryClient.refetchQueries({ queryKey: systemQueries.health().queryKey });
    },
  });
}

type ActionState = Pick<MutationState, 'status' | 'error' | 'submittedAt'>;

/** The error to show: the latest action's, if it failed (a later action clears it by starting). */
export function lastActionError(states: readonly ActionState[]): unknown {
  let latest: ActionState | null = null;
  for (const s of states) if (!latest || s.submittedAt >= latest.submittedAt) latest = s;
  return latest?.status === 'error' ? latest.error : null;
}

export interface ActionStatus {
  /** Some action (not a quiet one) is running. */
  busy: boolean;
  /** The latest action's error, or null. */
  error: unknown;
  /** Forgets the failed actions, so the error line goes. */
  dismiss(): void;
}

export function useActionStatus(): ActionStatus {
  const queryClient = useQueryClient();
  const busy = useIsMutating({ mutationKey: ACTIONS, predicate: (m) => m.meta?.quiet !== true }) > 0;
  const states = useMutationState({
    filters: { mutationKey: ACTIONS },
    select: (m) => ({ status: m.state.status, error: m.state.error, submittedAt: m.state.submittedAt }),
  });
  const dismiss = useCallback(() => {
    const cache = queryClient.getMutationCache();
    for (const m of cache.findAll({ mutationKey: ACTIONS, status: 'error' })) cache.remove(m);
  }, [queryClient]);
  return { busy, error: lastActionError(states), dismiss };
}
