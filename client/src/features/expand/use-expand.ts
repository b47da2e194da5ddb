// Expanding a node: a page of its neighbours under the filters set, placed around it; and the next
// page on demand ("+N more"). An action (shared busy and error); the pages loaded per node are in
// the graph store (`expansions`), so the inspector and the context menu can offer the rest.
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/actions.js';
import type { GraphStore } from '../../shared/graph-store.js';
import { GROUP_THRESHOLD } from '../../shared/groups.js';
import { DEFAULT_PAGE_SIZE, expandScope, expansionAfter, pageRequest } from './expand-request.js';

export interface ExpandVariables {
  id: string;
  /** One relationship type, or all that the filters show. */
  relType?: string | null;
  /** The next page of the node's last expand (its type, the filters as they are now). */
  more?: boolean;
}

export function useExpand(store: GraphStore) {
  const [pageSize, setPageSize] = useState<number>(DEFAULT_PAGE_SIZE);
  const mutation = useAction('expand', {
    mutationFn: async ({ id, relType = null, more = false }: ExpandVariables) => {
      const previous = store.getState().expansions[id];
      const type = more ? (previous?.relType ?? null) : relType;
      const scope = expandScope(store.getState().filters, type);
      const request = pageRequest(id, scope, pageSize, more ? previous : undefined);
      const response = await api.expand(request);
      const value = expansionAfter(
        { scope, relType: type, skip: request.skip, limit: request.limit },
        response,
        store.getState().expansions[id],
      );
      // Many neighbours of one label and type come as one group node ("32 Person · EMPLOYS").
      return store.addGraph(response, { anchor: id, expansion: { id, value }, group: GROUP_THRESHOLD });
    },
  });
  return {
    expand: (id: string, relType?: string) => mutation.mutate({ id, relType: relType ?? null }),
    more: (id: string) => mutation.mutate({ id, more: true }),
    pageSize,
    setPageSize,
  };
}
