// What the screen says about itself: under the top bar, the banner while the explorer or Neo4j is
// out of reach and the actions' error line; over the canvas: a linked snapshot opening or not found, the opened
// snapshot's title and caption, start-up progress, the hint on an empty canvas, and "Loading…"
// while an action runs.
import { useQueryClient } from '@tanstack/react-query';
import type { Health } from '@model/api.js';
import type { OpenedSnapshot } from '../features/snapshots/SnapshotsPanel.js';
import type { ActionStatus } from '../shared/actions.js';
import { Banner } from '../shared/ui/Banner.js';
import { ErrorText } from '../shared/ui/ErrorText.js';
import { StartupPanel } from './StartupPanel.js';
import type { useLinkedView } from './use-linked-view.js';

export function CanvasNotices({
  linked,
  starting,
  opened,
  empty,
  busy,
}: {
  linked: ReturnType<typeof useLinkedView>;
  starting: Health | null;
  opened: OpenedSnapshot | null;
  empty: boolean;
  busy: boolean;
}) {
  return (
    <>
      {linked.routeSnapshot.isPending && linked.routeSnapshotId !== null && !starting && (
        <div className="busy" role="status">
          Opening the snapshot…
        </div>
      )}
      {linked.routeSnapshot.isError && empty && (
        <div className="route-error" role="alert">
          <h2>This snapshot could not be opened</h2>
          <ErrorText error={linked.routeSnapshot.error} />
          <p>
            The link may be mistyped, or the snapshot deleted. <a href="/">Start a new view</a>
          </p>
        </div>
      )}
      {opened && (
        <div className="view-title" aria-label="Opened snapshot">
          <strong>{opened.title || 'Untitled snapshot'}</strong>
          {opened.caption && <span className="view-caption">{opened.caption}</span>}
        </div>
      )}
      {starting && <StartupPanel health={starting} waiting={linked.waiting} />}
      {empty && !busy && !starting && !linked.awaitingLinkedView && (
        <p className="empty-hint">
          Search for an actor, a gang or a tool above (press /), then double-click a node to expand it, right-click for more.
        </p>
      )}
      {busy && (
        <div className="busy" role="status">
          Loading…
        </div>
      )}
    </>
  );
}

export function StatusLine({ down, action }: { down: string | null; action: ActionStatus }) {
  const queryClient = useQueryClient();
  if (down) {
    return (
      <Banner onRetry={() => void queryClient.invalidateQueries()}>
        {down} The canvas keeps what it shows; actions will work again when the database is back.
      </Banner>
    );
  }
  if (action.error === null) return null;
  return (
    <div className="action-error">
      <ErrorText error={action.error} />
      <button type="button" onClick={action.dismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
