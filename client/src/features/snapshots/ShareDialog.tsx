// The share dialog of a snapshot (its owner or an admin): create a guest link, with an optional
// expiry, copy it (the token is shown only now: the server keeps its hash), and list and revoke the
// snapshot's live links. A guest opens the link without an account and sees the snapshot read-only.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { CreatedShareLink } from '@model/sharing.js';
import { api } from '../../shared/api.js';
import { snapshotQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Spinner } from '../../shared/ui/Spinner.js';
import { useCopy } from './use-copy.js';

export function ShareDialog({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const expiryId = useId();
  const [expiry, setExpiry] = useState('');
  const [createdLink, setCreatedLink] = useState<CreatedShareLink | null>(null);
  const copy = useCopy();
  const dialog = useRef<HTMLDivElement>(null);
  const linksKey = [...snapshotQueries.all, 'share-links', id] as const;
  const links = useQuery({ queryKey: linksKey, queryFn: () => api.shareLinks(id), staleTime: 0 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: linksKey });

  const create = useMutation({
    // datetime-local is the person's local time; the API takes an instant.
    mutationFn: () => api.createShareLink(id, expiry === '' ? undefined : new Date(expiry).toISOString()),
    onSuccess: (link) => {
      setCreatedLink(link);
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (shareId: string) => api.revokeShareLink(id, shareId), onSuccess: () => void refresh() });

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="dialog share-dialog" role="dialog" aria-modal="true" aria-labelledby={headingId}>
        <header className="dialog-header">
          <h2 id={headingId}>Share “{name}”</h2>
          <button type="button" onClick={onClose} aria-label="Close the share dialog">
            ×
          </button>
        </header>
        <p className="muted">
          Anyone with a guest link sees this snapshot read-only, without an account, until the link expires or is revoked.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <div className="form-row">
            <label htmlFor={expiryId}>Expires (optional)</label>
            <input id={expiryId} type="datetime-local" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
          </div>
          <div className="button-row">
            <button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create guest link'}
            </button>
          </div>
          <ErrorText error={create.error} />
        </form>
        {createdLink && (
          <div className="share-created" role="status">
            <label className="form-row">
              Guest link (shown once)
              <input readOnly value={createdLink.url} data-testid="share-link-url" onFocus={(e) => e.target.select()} />
            </label>
            <button type="button" onClick={() => copy.copy(createdLink.id, createdLink.url)}>
              {copy.copied === createdLink.id ? 'Copied' : 'Copy link'}
            </button>
            {copy.fallback === createdLink.id && <span className="muted"> The browser refused: select the link to copy it.</span>}
          </div>
        )}
        <h3 className="section-heading">Live links</h3>
        {links.isPending && <Spinner label="Loading links…" />}
        <ErrorText error={links.error ?? revoke.error} />
        {links.data?.links.length === 0 && <p className="muted">No live links.</p>}
        <ul className="share-links" aria-label="Live guest links">
          {links.data?.links.map((l) => (
            <li key={l.id}>
              <span>
                Created {formatDate(l.createdAt)} by {l.createdBy} · {l.expiresAt ? `expires ${formatDate(l.expiresAt)}` : 'no expiry'}
              </span>{' '}
              <button
                type="button"
                className="danger"
                disabled={revoke.isPending && revoke.variables === l.id}
                onClick={() => revoke.mutate(l.id)}
                aria-label={`Revoke the link created ${formatDate(l.createdAt)}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
