// Adding the entity picked in the search box to the canvas, centred: the search's outcome, so it
// lives with the search (expanding, which adds neighbours of a node already there, is its own
// feature). An action: shared busy indicator and error line.
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/actions.js';
import type { GraphStore } from '../../shared/graph-store.js';

export function useAddNode(store: GraphStore) {
  const mutation = useAction('add-node', {
    mutationFn: async (id: string) => store.addGraph(await api.subgraph([id]), { focus: id }),
  });
  return (id: string) => mutation.mutate(id);
}
