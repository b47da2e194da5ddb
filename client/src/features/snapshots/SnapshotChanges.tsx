// What changed in the database since a snapshot was saved, around what it shows: nodes and
// relationships added or removed. The added ones can be put on the canvas; the removed ones
// marked on it (red, dashed), since the snapshot keeps showing them.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { API_LIMITS } from '@model/api.js';
import type { SnapshotChanges } from '@model/snapshot.js';
import { api } from '../../shared/api.js';
import { snapshotQueries } from '../../shared/query-options.js';
import type { GraphStore } from '../../shared/graph-store.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Spinner } from '../../shared/ui/Spinner.js';

/** The ids to ask the subgraph for: the added nodes and both ends of every added relationship. */
export function idsToAdd(changes: SnapshotChanges): string[] {
  const ids = new Set(changes.nodes.added.map((n) => n.id));
  for (const rel of changes.relationships.added) {
    ids.add(rel.from);
    ids.add(rel.to);
  }
  return [...ids].slice(0, API_LIMITS.subgraphIdsMax);
}

export function SnapshotChangesView({ id, store }: { id: string; store: GraphStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const changes = useQuery(snapshotQueries.changes(id));
  const add = useMutation({
    mutationFn: async (c: SnapshotChanges) => store.addGraph(await api.subgraph(idsToAdd(c))),
  });

  if (changes.isPending) return <Spinner label="Comparing with the database…" />;
  if (changes.isError) return <ErrorText error={changes.error} />;
  const c = changes.data;
  const name = (nodeId: string) => state.nodes[nodeId]?.name ?? c.nodes.added.find((n) => n.id === nodeId)?.name ?? nodeId;
  const addedCount = c.nodes.added.length + c.relationships.added.length;
  const removedCount = c.nodes.removed.length + c.relationships.removed.length;
  const marked = state.marked.nodes.length + state.marked.edges.length > 0;

  return (
    <div className="snapshot-changes" aria-label="Changes since the snapshot" data-testid="snapshot-changes">
      <p className="muted">
        Since {new Date(c.since).toLocaleString()}:{' '}
        {addedCount === 0 && removedCount === 0 ? 'nothing changed around this view.' : `${addedCount} added, ${removedCount} removed.`}
      </p>
      {c.truncated && <p className="muted">The snapshot touched more relationships than are tracked; some changes may be missing.</p>}

      {addedCount > 0 && (
        <section aria-label="Added since">
          <h4>Added</h4>
          <ul className="change-list" aria-label="Nodes added">
            {c.nodes.added.map((n) => (
              <li key={n.id}>
                <span className="change-label">{n.label}</span> {n.name}
              </li>
            ))}
          </ul>
          <ul className="change-list" aria-label="Relationships added">
            {c.relationships.added.map((r) => (
              <li key={r.id}>
                {name(r.from)} <span className="rel-type">{r.type}</span> {name(r.to)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => add.mutate(c)} disabled={add.isPending}>
            {add.isPending ? 'Adding…' : `Add the ${addedCount} added to the canvas`}
          </button>
          {add.isSuccess && <span role="status"> Added.</span>}
          <ErrorText error={add.error} />
        </section>
      )}

      {removedCount > 0 && (
        <section aria-label="Removed since">
          <h4>Removed</h4>
          <ul className="change-list" aria-label="Nodes removed">
            {c.nodes.removed.map((nodeId) => (
              <li key={nodeId}>{name(nodeId)}</li>
            ))}
          </ul>
          <ul className="change-list" aria-label="Relationships removed">
            {c.relationships.removed.map((relId) => {
              const edge = state.edges[relId];
              return (
                <li key={relId}>
                  {edge ? (
                    <>
                      {name(edge.from)} <span className="rel-type">{edge.type}</span> {name(edge.to)}
                    </>
                  ) : (
                    relId
                  )}
                </li>
              );
            })}
          </ul>
          <button type="button" onClick={() => store.setMarked({ nodes: c.nodes.removed, edges: c.relationships.removed })}>
            Mark the {removedCount} removed on the canvas
          </button>{' '}
          {marked && (
            <button type="button" onClick={() => store.setMarked({ nodes: [], edges: [] })}>
              Clear marks
            </button>
          )}
        </section>
      )}
    </div>
  );
}
