// What an expand asks the server (POST /api/expand) and what its answer says about the pages:
// the filters the person has set (relationship types and labels not hidden, minimum confidence,
// time window) go with the request, so a hub pages through what the canvas shows; the next page
// of a node continues where its last one ended while the filters and type stay the same. Pure.
import { API_LIMITS, type ExpandRequest, type ExpandResponse } from '@model/api.js';
import { NODE_LABELS, TRAVERSAL_REL_TYPES, type NodeLabel, type RelType } from '@model/graph-model.js';
import type { Expansion, Filters } from '../../shared/graph-store.js';

/** Page sizes offered; the server's default first among equals. */
export const PAGE_SIZES = [10, 25, 50, API_LIMITS.expandLimitDefault, 250, API_LIMITS.expandLimitMax] as const;
export const DEFAULT_PAGE_SIZE = API_LIMITS.expandLimitDefault;

/** An expand request without the node, the page size and the offset: what the pages share. */
export type ExpandScope = Omit<ExpandRequest, 'ids' | 'limit' | 'skip'>;

/**
 * The request's filters from the Filters panel's. A type asked for by name (the context menu's
 * "USES (12)") is asked for even when the filters hide it; all types otherwise, less the hidden.
 * Throws, saying why, when the filters leave nothing to ask for.
 */
export function expandScope(filters: Filters, relType: string | null = null): ExpandScope {
  const scope: ExpandScope = {};
  if (relType !== null) scope.relTypes = [relType as RelType];
  else if (filters.hiddenTypes.length > 0) {
    const relTypes = TRAVERSAL_REL_TYPES.filter((t) => !filters.hiddenTypes.includes(t));
    if (relTypes.length === 0) throw new Error('The filters hide every relationship type: show one to expand.');
    scope.relTypes = relTypes;
  }
  if (filters.hiddenLabels.length > 0) {
    const labels: NodeLabel[] = NODE_LABELS.filter((l) => !filters.hiddenLabels.includes(l));
    if (labels.length === 0) throw new Error('The filters hide every label: show one to expand.');
    scope.labels = labels;
  }
  if (filters.minConfidence > 0) scope.minConfidence = filters.minConfidence;
  if (filters.dateFrom) scope.from = filters.dateFrom;
  if (filters.dateTo) scope.to = filters.dateTo;
  return scope;
}

/** The scope as a string, to tell whether the next page continues the same pages. */
export function scopeKey(scope: ExpandScope): string {
  return JSON.stringify(scope);
}

/**
 * The request for a node's next page: after the pages loaded so far when `previous` has the same
 * scope, else from the start.
 */
export function pageRequest(
  id: string,
  scope: ExpandScope,
  limit: number,
  previous: Expansion | undefined,
): ExpandRequest & { skip: number; limit: number } {
  const skip = previous && previous.scope === scopeKey(scope) ? previous.loaded : 0;
  return { ids: [id], ...scope, limit, skip };
}

/**
 * How far the node's pages are loaded after an answer to `request` (of `scope`, for `relType`).
 * A page with more after it was full; the last page loads the rest. Asking for the first page
 * again of pages already loaded further (expanding a node twice) keeps the count.
 */
export function expansionAfter(
  asked: { scope: ExpandScope; relType: string | null; skip: number; limit: number },
  response: Pick<ExpandResponse, 'total' | 'hasMore'>,
  previous: Expansion | undefined,
): Expansion {
  const key = scopeKey(asked.scope);
  const reached = response.hasMore ? asked.skip + asked.limit : response.total;
  const loaded = previous && previous.scope === key ? Math.max(previous.loaded, reached) : reached;
  return { loaded: Math.min(loaded, response.total), total: response.total, relType: asked.relType, scope: key };
}
