// Snapshots: save the current view with a title, caption and visibility, list the saved ones the
// user may see, and open, rename, duplicate, delete or share each (/s/<id>, or a guest link). The
// opened snapshot can be updated in place and tells, on request, what changed in the database
// since it was saved. Controls the user's role or ownership does not allow are not shown.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { roleAllows } from '@model/auth.js';
import { VISIBILITIES, canManage, type Caller, type Visibility } from '@model/sharing.js';
import { SNAPSHOT_LIMITS, type Snapshot, type SnapshotSummary, type ViewDocument } from '@model/snapshot.js';
import { api } from '../../shared/api.js';
import { snapshotQueries } from '../../shared/query-options.js';
import type { GraphStore } from '../../shared/graph-store.js';
import { snapshotLink } from '../../shared/route.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Spinner } from '../../shared/ui/Spinner.js';
import { ShareDialog } from './ShareDialog.js';
import { SnapshotChangesView } from './SnapshotChanges.js';
import { useCopy } from './use-copy.js';

export interface OpenedSnapshot {
  id: string;
  title: string;
  caption: string;
}

export interface SnapshotsPanelProps {
  store: GraphStore;
  /** The snapshot on the canvas (opened, or last saved), if any. */
  opened: OpenedSnapshot | null;
  canvasEmpty: boolean;
  /** The view on the canvas as a document with this title and caption; throws if it cannot be. */
  capture(meta: { title: string; caption: string }): ViewDocument;
  /** Puts a snapshot on the canvas exactly as saved. */
  onOpen(snapshot: Snapshot): void;
  /** A snapshot now holds what the canvas shows (saved new, or updated). */
  onSaved(snapshot: SnapshotSummary): void;
  /** A snapshot's title or caption changed, or it was deleted (null). */
  onChanged(id: string, summary: SnapshotSummary | null): void;
  /** Who uses the explorer: what they may do decides which controls show. None: the local admin (AUTH=none). */
  user?: Caller;
}

const LOCAL_USER: Caller = { username: 'local', role: 'admin' };

export const VISIBILITY_NAMES: Record<Visibility, string> = {
  private: 'Private (only me)',
  team: 'Team (all signed-in users)',
  link: 'Anyone signed in with its link',
};

export function SnapshotsPanel({
  store,
  opened,
  canvasEmpty,
  capture,
  onOpen,
  onSaved,
  onChanged,
  user = LOCAL_USER,
}: SnapshotsPanelProps) {
  const queryClient = useQueryClient();
  const list = useQuery(snapshotQueries.list());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: snapshotQueries.all });

  const open = useMutation({
    mutationFn: (id: string) => queryClient.fetchQuery({ ...snapshotQueries.one(id), staleTime: 0 }),
    onSuccess: (snapshot) => onOpen(snapshot),
  });

  const editor = roleAllows(user.role, 'editor');
  // Update in place: only a snapshot the user may change (its owner, or an admin).
  const openedSummary = opened ? list.data?.snapshots.find((s) => s.id === opened.id) : undefined;
  return (
    <div className="snapshots-panel">
      {editor && (
        <SaveForm
          opened={opened}
          canUpdate={openedSummary !== undefined && canManage(openedSummary, user)}
          canvasEmpty={canvasEmpty}
          capture={capture}
          onSaved={(s) => {
            onSaved(s);
            void invalidate();
          }}
        />
      )}
      {/* Keyed: another snapshot starts with its changes folded. */}
      {opened && <OpenedSection key={opened.id} store={store} opened={opened} />}
      <section aria-labelledby="snapshot-list-heading">
        <h3 id="snapshot-list-heading" className="section-heading">
          Saved snapshots {list.data && <span className="muted">({list.data.snapshots.length})</span>}
        </h3>
        {list.isPending && <Spinner label="Loading snapshots…" />}
        {list.isError && (
          <div>
            <ErrorText error={list.error} />
            <button type="button" onClick={() => void list.refetch()}>
              Retry
            </button>
          </div>
        )}
        {list.data?.snapshots.length === 0 && (
          <p className="muted">{editor ? 'No snapshots yet. Save the current view above.' : 'No snapshots shared with you yet.'}</p>
        )}
        <ErrorText error={open.error} />
        <ul className="snapshot-list" aria-label="Saved snapshots">
          {list.data?.snapshots.map((s) => (
            <SnapshotItem
              key={s.id}
              snapshot={s}
              current={opened?.id === s.id}
              opening={open.isPending && open.variables === s.id}
              user={user}
              onOpen={() => open.mutate(s.id)}
              onChanged={(summary) => {
                onChanged(s.id, summary);
                void invalidate();
              }}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}

function SaveForm({
  opened,
  canUpdate,
  canvasEmpty,
  capture,
  onSaved,
}: {
  opened: OpenedSnapshot | null;
  canUpdate: boolean;
  canvasEmpty: boolean;
  capture: SnapshotsPanelProps['capture'];
  onSaved(s: SnapshotSummary): void;
}) {
  const [title, setTitle] = useState(opened?.title ?? '');
  const [caption, setCaption] = useState(opened?.caption ?? '');
  const [visibility, setVisibility] = useState<Visibility>('private');
  const titleId = useId();
  const captionId = useId();
  const visibilityId = useId();
  // Opening another snapshot brings its title and caption here, ready to save a variant (set while
  // rendering, React's way of adjusting state to a changed prop).
  const openedKey = opened ? [opened.id, opened.title, opened.caption] : null;
  const [shownFor, setShownFor] = useState(openedKey);
  if (JSON.stringify(shownFor) !== JSON.stringify(openedKey)) {
    setShownFor(openedKey);
    setTitle(opened?.title ?? '');
    setCaption(opened?.caption ?? '');
  }

  const save = useMutation({
    mutationFn: async (mode: 'new' | 'update') => {
      const document = capture({ title, caption });
      return mode === 'update' && opened ? api.replaceSnapshot(opened.id, document) : api.createSnapshot(document, visibility);
    },
    onSuccess: (snapshot) => onSaved(snapshot),
  });
  const copy = useCopy();
  const saved = save.data;

  return (
    <form
      className="snapshot-save"
      aria-label="Save the current view"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate('new');
      }}
    >
      <h3 className="section-heading">Save the current view</h3>
      <div className="form-row">
        <label htmlFor={titleId}>Title</label>
        <input
          id={titleId}
          value={title}
          required
          maxLength={SNAPSHOT_LIMITS.titleMax}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Who works with the GRU"
        />
      </div>
      <div className="form-row">
        <label htmlFor={captionId}>Caption</label>
        <textarea
          id={captionId}
          value={caption}
          rows={3}
          maxLength={SNAPSHOT_LIMITS.captionMax}
          onChange={(e) => setCaption(e.target.value)}
          placeholder="What the audience should see"
        />
      </div>
      <div className="form-row">
        <label htmlFor={visibilityId}>Who sees it</label>
        <select id={visibilityId} value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {VISIBILITY_NAMES[v]}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="submit" disabled={save.isPending || canvasEmpty || title.trim() === ''}>
          {save.isPending && save.variables === 'new' ? 'Saving…' : 'Save snapshot'}
        </button>
        {opened && canUpdate && (
          <button
            type="button"
            disabled={save.isPending || canvasEmpty || title.trim() === ''}
            onClick={() => save.mutate('update')}
            aria-label={`Update snapshot ${opened.title || opened.id} with the current view`}
          >
            {save.isPending && save.variables === 'update' ? 'Updating…' : 'Update opened'}
          </button>
        )}
      </div>
      {canvasEmpty && <p className="muted">Put something on the canvas first.</p>}
      <ErrorText error={save.error} />
      {saved && !save.isPending && !save.error && (
        <p className="snapshot-saved" role="status">
          Saved “{saved.title}”:{' '}
          <a href={snapshotLink(saved.id, window.location.origin)} data-testid="saved-snapshot-link">
            {snapshotLink(saved.id, window.location.origin)}
          </a>{' '}
          <button type="button" onClick={() => copy.copy(saved.id, snapshotLink(saved.id, window.location.origin))}>
            {copy.copied === saved.id ? 'Copied' : 'Copy link'}
          </button>
          {copy.fallback === saved.id && <span className="muted"> The browser refused: select the link to copy it.</span>}
        </p>
      )}
    </form>
  );
}

function OpenedSection({ store, opened }: { store: GraphStore; opened: OpenedSnapshot }) {
  const [showChanges, setShowChanges] = useState(false);
  return (
    <section className="snapshot-opened" aria-label="Opened snapshot">
      <h3 className="section-heading">Opened: {opened.title || opened.id}</h3>
      {opened.caption && <p className="snapshot-caption">{opened.caption}</p>}
      <button type="button" aria-expanded={showChanges} onClick={() => setShowChanges(!showChanges)}>
        What changed since?
      </button>
      {showChanges && <SnapshotChangesView id={opened.id} store={store} />}
    </section>
  );
}

function SnapshotItem({
  snapshot,
  current,
  opening,
  user,
  onOpen,
  onChanged,
}: {
  snapshot: SnapshotSummary;
  current: boolean;
  opening: boolean;
  user: Caller;
  onOpen(): void;
  onChanged(summary: SnapshotSummary | null): void;
}) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'confirm-delete' | 'share'>('idle');
  const owns = canManage(snapshot, user);
  const closeShare = useCallback(() => setMode('idle'), []);
  const editor = roleAllows(user.role, 'editor');
  const [title, setTitle] = useState(snapshot.title);
  const copy = useCopy();
  const name = snapshot.title || snapshot.id;
  const link = snapshotLink(snapshot.id, window.location.origin);

  const rename = useMutation({
    mutationFn: (newTitle: string) => api.patchSnapshot(snapshot.id, { title: newTitle }),
    onSuccess: (summary) => {
      setMode('idle');
      onChanged(summary);
    },
  });
  const duplicate = useMutation({ mutationFn: () => api.duplicateSnapshot(snapshot.id), onSuccess: () => onChanged(snapshot) });
  const remove = useMutation({ mutationFn: () => api.deleteSnapshot(snapshot.id), onSuccess: () => onChanged(null) });
  const changeVisibility = useMutation({
    mutationFn: (visibility: Visibility) => api.patchSnapshot(snapshot.id, { visibility }),
    onSuccess: (summary) => onChanged(summary),
  });

  return (
    <li className={current ? 'snapshot-item current' : 'snapshot-item'} aria-label={name} aria-current={current ? 'true' : undefined}>
      {mode === 'rename' ? (
        <form
          className="snapshot-rename"
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate(title);
          }}
        >
          <label>
            <span className="visually-hidden">New title for {name}</span>
            <input
              value={title}
              aria-label={`New title for ${name}`}
              maxLength={SNAPSHOT_LIMITS.titleMax}
              required
              autoFocus
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <button type="submit" disabled={rename.isPending || title.trim() === ''}>
            {rename.isPending ? 'Saving…' : 'Save title'}
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="snapshot-title">
          <strong>{name}</strong>
          {current && <span className="badge">on canvas</span>}
        </div>
      )}
      {snapshot.caption && <p className="snapshot-caption muted">{snapshot.caption}</p>}
      <p className="snapshot-meta muted">
        {snapshot.nodeCount} nodes, {snapshot.edgeCount} relationships · {formatDate(snapshot.updatedAt)}
        {snapshot.owner !== user.username && ` · by ${snapshot.owner ?? 'the team'}`}
      </p>
      {owns ? (
        <label className="snapshot-visibility">
          Who sees it{' '}
          <select
            value={snapshot.visibility}
            disabled={changeVisibility.isPending}
            aria-label={`Who sees ${name}`}
            onChange={(e) => changeVisibility.mutate(e.target.value as Visibility)}
          >
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {VISIBILITY_NAMES[v]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={onOpen} disabled={opening} aria-label={`Open ${name}`}>
          {opening ? 'Opening…' : 'Open'}
        </button>
        {owns && (
          <button
            type="button"
            onClick={() => {
              setTitle(snapshot.title);
              setMode('rename');
            }}
            aria-label={`Rename ${name}`}
          >
            Rename
          </button>
        )}
        {editor && (
          <button type="button" onClick={() => duplicate.mutate()} disabled={duplicate.isPending} aria-label={`Duplicate ${name}`}>
            {duplicate.isPending ? 'Duplicating…' : 'Duplicate'}
          </button>
        )}
        <button type="button" onClick={() => copy.copy(snapshot.id, link)} aria-label={`Copy link to ${name}`}>
          {copy.copied === snapshot.id ? 'Copied' : 'Copy link'}
        </button>
        {owns && (
          <button type="button" onClick={() => setMode('share')} aria-label={`Share ${name}`}>
            Share
          </button>
        )}
        {owns && (
          <button type="button" onClick={() => setMode('confirm-delete')} aria-label={`Delete ${name}`}>
            Delete
          </button>
        )}
      </div>
      {mode === 'share' && <ShareDialog id={snapshot.id} name={name} onClose={closeShare} />}
      {mode === 'confirm-delete' && (
        <div className="confirm" role="alertdialog" aria-label={`Delete ${name}?`}>
          <span>Delete “{name}”? Its link stops working.</span>
          <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending} autoFocus>
            {remove.isPending ? 'Deleting…' : 'Delete for good'}
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Keep it
          </button>
        </div>
      )}
      <ErrorText error={rename.error ?? duplicate.error ?? remove.error ?? changeVisibility.error} />
      {copy.fallback === snapshot.id && (
        <label className="form-row">
          Copy this link
          <input readOnly value={link} onFocus={(e) => e.target.select()} autoFocus />
        </label>
      )}
    </li>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
