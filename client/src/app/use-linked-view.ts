// The view a link leads to, and the link kept in step with the canvas: /s/<id> opens that snapshot
// once the data is complete; otherwise the view in the query string (nodes, hidden, pinned,
// layout) is loaded. Then the address follows the canvas: /s/<id> while it still shows the opened
// snapshot as opened or saved, else the view in the query string.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { Snapshot } from '@model/snapshot.js';
import { useAction } from '../shared/actions.js';
import { ApiError, api } from '../shared/api.js';
import type { CanvasState, GraphStore } from '../shared/graph-store.js';
import { snapshotQueries } from '../shared/query-options.js';
import { snapshotIdFromPath, snapshotPath } from '../shared/route.js';
import { flatten } from '../shared/groups.js';
import { readUrlView, writeUrlView } from '../shared/url-state.js';

export function useInitialLink() {
  const initial = useMemo(() => readUrlView(window.location.search), []);
  // A /s/<id> link opens that snapshot instead of the view in the query string.
  const routeSnapshotId = useMemo(() => snapshotIdFromPath(window.location.pathname), []);
  return { initial, routeSnapshotId };
}

const unavailable = (err: unknown) => err instanceof ApiError && err.unavailable;

export function useLinkedView(options: {
  store: GraphStore;
  state: CanvasState;
  health: { ready: boolean; checkedAt: number };
  layout: string;
  link: ReturnType<typeof useInitialLink>;
  opened: { id: string } | null;
  showsOpened: boolean;
  openSnapshot(snapshot: Snapshot): void;
}) {
  const { store, state, health, layout, link, opened, showsOpened, openSnapshot } = options;
  const { initial, routeSnapshotId } = link;

  const routeSnapshot = useQuery({
    ...snapshotQueries.one(routeSnapshotId ?? ''),
    // Only once the data is complete: during start-up the snapshot would be a 503, not the view.
    enabled: routeSnapshotId !== null && health.ready,
    retry: (count, err) => unavailable(err) && count < 2,
  });
  const routeOpened = useRef(false);
  useEffect(() => {
    if (!routeSnapshot.data || routeOpened.current) return;
    routeOpened.current = true;
    openSnapshot(routeSnapshot.data);
  }, [routeSnapshot.data, openSnapshot]);

  // The view in the query string, once the data is complete; again after an outage stopped it.
  const restore = useAction('restore-view', {
    mutationFn: async () => {
      store.addGraph(await api.subgraph(initial.nodes.slice(0, 2000)));
      store.applyGroups(initial.groups ?? []);
      store.hideNodes(initial.hidden);
      for (const id of initial.pinned) store.togglePin(id);
    },
  });
  const restoring = useRef(false);
  const { mutate } = restore;
  useEffect(() => {
    if (!health.ready || routeSnapshotId !== null || initial.nodes.length === 0 || restoring.current) return;
    restoring.current = true;
    // Neo4j went away between the health check and this request: try again when health answers.
    mutate(undefined, {
      onError: (err) => {
        restoring.current = !unavailable(err);
      },
    });
  }, [health.ready, health.checkedAt, initial, routeSnapshotId, mutate]);
  const urlViewSettled = restore.isSuccess || (restore.isError && !unavailable(restore.error));

  const empty = Object.keys(state.nodes).length === 0;
  const awaitingSnapshot = routeSnapshotId !== null && routeSnapshot.data === undefined;
  const awaitingUrlView = routeSnapshotId === null && initial.nodes.length > 0 && !urlViewSettled;
  useEffect(() => {
    // Until the linked snapshot or view is on the canvas (or the person starts a view of their
    // own), keep its link: a reload or a copy during start-up must still lead to it.
    if (empty && ((routeSnapshotId !== null && opened === null) || awaitingUrlView)) return;
    const target =
      opened && showsOpened
        ? snapshotPath(opened.id)
        : `/${writeUrlView({ ...flatten(state.nodes), hidden: [...state.hidden], pinned: [...state.pinned], layout: layout === 'fcose' ? null : layout }, snapshotIdFromPath(window.location.pathname) ? '' : window.location.search)}`;
    if (target !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', target);
  }, [state.nodes, state.hidden, state.pinned, empty, layout, opened, showsOpened, routeSnapshotId, awaitingUrlView]);

  return {
    routeSnapshotId,
    routeSnapshot,
    /** The link's snapshot or view is still to come: no "search to start" hint meanwhile. */
    awaitingLinkedView: awaitingSnapshot || awaitingUrlView,
    waiting:
      routeSnapshotId !== null
        ? 'The snapshot in your link opens as soon as the graph is loaded.'
        : initial.nodes.length > 0
          ? 'The view in your link appears as soon as the graph is loaded.'
          : null,
  };
}
