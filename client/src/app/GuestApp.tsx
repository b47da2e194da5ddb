// What a guest sees on a share link (/share#<token>), with no account: the shared snapshot on the
// canvas, read-only, its title and caption, the inspector for its nodes and relationships, and its
// exports. The token stays in the fragment (never sent to the server in a URL) and goes with each
// API call as the X-Share-Token header; the guest endpoints open this snapshot only.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EXPORT_FORMATS, exportFileName, type ExportFormat } from '@model/snapshot.js';
import { GraphCanvas, type CanvasHandle } from '../features/canvas/GraphCanvas.js';
import { isLayoutId, type LayoutId } from '../features/canvas/layouts.js';
import { download } from '../features/export/export-file.js';
import { InspectPanel } from '../features/inspect/InspectPanel.js';
import { ApiError, api, setGuest } from '../shared/api.js';
import { useExplorerHandle } from './use-explorer-handle.js';
import { GraphStore } from '../shared/graph-store.js';
import { ErrorText } from '../shared/ui/ErrorText.js';
import { documentToView } from '../shared/view-document.js';

/** Called before the first render: every API call of the page carries the token. */
export function startGuest(token: string): void {
  setGuest(token);
}

const EXPORT_NAMES: Record<ExportFormat, string> = {
  png: 'PNG',
  svg: 'SVG',
  json: 'JSON',
  graphml: 'GraphML',
  csv: 'CSV (zip)',
  html: 'HTML',
  stix: 'STIX 2.1',
};

export function GuestApp({ token }: { token: string }) {
  const store = useMemo(() => new GraphStore(), []);
  const canvas = useRef<CanvasHandle>(null);
  const cy = useCallback(() => canvas.current?.cy(), []);
  const [exportError, setExportError] = useState<unknown>(null);

  const snapshot = useQuery({
    queryKey: ['guest', 'snapshot'],
    queryFn: api.guestSnapshot,
    // While the explorer starts (503), ask again; a refused token (401) is final.
    retry: (count, err) => err instanceof ApiError && err.unavailable && count < 60,
    retryDelay: 2_000,
  });

  useEffect(() => {
    const shared = snapshot.data;
    if (!shared) return;
    setGuest(token, shared.id);
    store.loadView(documentToView(shared.document));
    document.title = `${shared.title || 'Shared view'} · Threat-network explorer`;
  }, [snapshot.data, store, token]);

  useExplorerHandle(store, cy);

  async function exportAs(format: ExportFormat) {
    const shared = snapshot.data;
    if (!shared) return;
    setExportError(null);
    try {
      download(await api.guestExport(shared.id, format), exportFileName(shared.title, format));
    } catch (err) {
      setExportError(err);
    }
  }

  if (snapshot.error && !(snapshot.error instanceof ApiError && snapshot.error.unavailable)) {
    return (
      <main className="login-page">
        <p role="alert">
          {snapshot.error instanceof ApiError && snapshot.error.status === 401
            ? 'This share link is unknown, revoked or expired. Ask whoever shared it for a new one.'
            : snapshot.error.message}
        </p>
      </main>
    );
  }

  const shared = snapshot.data;
  const layout: LayoutId = shared && isLayoutId(shared.document.layout) ? shared.document.layout : 'fcose';
  return (
    <div className="app guest">
      <header className="topbar">
        <h1>{shared ? shared.title || 'Shared view' : 'Opening the shared view…'}</h1>
        <span className="badge" title="A guest link: this view cannot be changed here">
          Read-only shared view
        </span>
      </header>
      <div className="workspace">
        <aside className="sidebar left" aria-label="About this view">
          {shared?.caption && <p className="snapshot-caption">{shared.caption}</p>}
          {shared && (
            <section aria-labelledby="guest-export-heading">
              <h3 id="guest-export-heading" className="section-heading">
                Export this view
              </h3>
              <div className="button-row">
                {EXPORT_FORMATS.map((format) => (
                  <button key={format} type="button" onClick={() => void exportAs(format)}>
                    {EXPORT_NAMES[format]}
                  </button>
                ))}
              </div>
              <ErrorText error={exportError} />
            </section>
          )}
          {snapshot.isPending && <p role="status">{snapshot.error ? 'The explorer is starting…' : 'Loading…'}</p>}
        </aside>
        <main className="canvas-area">
          {/* Read-only: no expanding, no context menu. */}
          <GraphCanvas ref={canvas} store={store} layout={layout} onExpand={() => {}} onContextMenu={() => {}} />
        </main>
        <aside className="sidebar right" aria-label="Details">
          <InspectPanel store={store} readOnly />
        </aside>
      </div>
    </div>
  );
}
