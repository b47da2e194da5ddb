// Views put on the canvas as they were saved: a snapshot (opened from the list or a /s/<id> link)
// or an imported JSON export; which snapshot is on the canvas, and the canvas content it had when
// opened or saved (while the canvas still shows it, the address stays /s/<id>). And the capture of
// the canvas as a view document, for saving and exporting.
import type cytoscape from 'cytoscape';
import { useCallback, useState } from 'react';
import type { Snapshot, SnapshotSummary, ViewDocument } from '@model/snapshot.js';
import { useAction } from '../../shared/actions.js';
import type { CanvasContent, GraphStore } from '../../shared/graph-store.js';
import { captureView, documentToView } from '../../shared/view-document.js';
import type { OpenedSnapshot } from './SnapshotsPanel.js';

/** Whether the canvas still shows exactly what was loaded or saved (same content objects). */
export function sameContent(a: CanvasContent, b: CanvasContent | null): boolean {
  return b !== null && a.nodes === b.nodes && a.edges === b.edges && a.hidden === b.hidden && a.pinned === b.pinned && a.notes === b.notes;
}

export function useOpenedView(store: GraphStore, onLayout: (layout: string) => void) {
  const [opened, setOpened] = useState<OpenedSnapshot | null>(null);
  const [pristine, setPristine] = useState<CanvasContent | null>(null);

  /** Puts a saved or imported view on the canvas exactly as it was. */
  const openView = useAction('open-view', {
    mutationFn: async ({ document, snapshot }: { document: ViewDocument; snapshot: OpenedSnapshot | null }) => {
      store.loadView(documentToView(document));
      onLayout(document.layout);
      setOpened(snapshot);
      setPristine(snapshot ? store.getState() : null);
    },
  });
  const { mutate } = openView;
  const openSnapshot = useCallback(
    (s: Snapshot) => mutate({ document: s.document, snapshot: { id: s.id, title: s.title, caption: s.caption } }),
    [mutate],
  );

  return {
    opened,
    /** Whether the canvas shows the opened snapshot as it was opened or saved. */
    showsOpened: opened !== null && sameContent(store.getState(), pristine),
    openSnapshot,
    importView: (document: ViewDocument) => mutate({ document, snapshot: null }),
    /** A snapshot now holds what the canvas shows. */
    saved: (s: SnapshotSummary) => {
      setOpened({ id: s.id, title: s.title, caption: s.caption });
      setPristine(store.getState());
    },
    /** A snapshot's title or caption changed, or it was deleted (null). */
    changed: (id: string, summary: SnapshotSummary | null) => {
      if (opened?.id !== id) return;
      setOpened(summary && { id, title: summary.title, caption: summary.caption });
    },
  };
}

/** The canvas as a view document (snapshots, exports); throws, naming the problem, if it cannot be. */
export function useCapture(store: GraphStore, cy: () => cytoscape.Core | null | undefined, layout: string) {
  return useCallback(
    (meta: { title: string; caption: string }): ViewDocument => {
      const instance = cy();
      if (!instance) throw new Error('The canvas is not ready yet.');
      return captureView(instance, store.getState(), { ...meta, layout });
    },
    [store, cy, layout],
  );
}
