// Saved queries: the built-ins and researchers' own. Choose one to get a form for its parameters
// and run it; the result goes to onResult (the app draws it) and its rows show here. Saving needs
// the editor role and deleting ownership (or admin): the controls show only to those who may.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { CypherResult, SavedQuery } from '@model/api.js';
import { roleAllows } from '@model/auth.js';
import { canManage, type Caller } from '@model/sharing.js';
import { api } from '../../shared/api.js';
import { savedQueryQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Spinner } from '../../shared/ui/Spinner.js';
import { QueryRunner } from './QueryRunner.js';
import { SaveQueryForm } from './SaveQueryForm.js';

function QueryItem({
  query,
  selected,
  onChoose,
  onDelete,
  deleting,
}: {
  query: SavedQuery;
  selected: boolean;
  onChoose: () => void;
  /** None: the user may not delete it. */
  onDelete: (() => void) | null;
  deleting: boolean;
}) {
  const descriptionId = useId();
  return (
    <li className={selected ? 'query-item selected' : 'query-item'}>
      <button
        type="button"
        className="query-choose"
        aria-pressed={selected}
        aria-describedby={query.description ? descriptionId : undefined}
        onClick={onChoose}
      >
        {query.name}
      </button>
      {query.builtIn ? (
        <span className="query-badge">built-in</span>
      ) : onDelete ? (
        <button type="button" className="query-delete" aria-label={`Delete ${query.name}`} disabled={deleting} onClick={onDelete}>
          Delete
        </button>
      ) : null}
      {query.description && (
        <p id={descriptionId} className="query-description">
          {query.description}
        </p>
      )}
    </li>
  );
}

const LOCAL_USER: Caller = { username: 'local', role: 'admin' };

export function QueriesPanel({
  onResult,
  user = LOCAL_USER,
}: {
  onResult: (result: CypherResult, title: string) => void;
  /** Who uses the explorer; none: the local admin (AUTH=none). */
  user?: Caller;
}) {
  const queryClient = useQueryClient();
  const queries = useQuery(savedQueryQueries.list());
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const remove = useMutation({
    mutationFn: (id: string) => api.deleteQuery(id),
    onSuccess: async (_void, id) => {
      if (selectedId === id) setSelectedId(null);
      await queryClient.invalidateQueries({ queryKey: savedQueryQueries.all });
    },
  });

  function confirmDelete(query: SavedQuery) {
    if (window.confirm(`Delete the saved query "${query.name}"? This cannot be undone.`)) remove.mutate(query.id);
  }

  const list = queries.data?.queries ?? [];
  const selected = list.find((q) => q.id === selectedId);

  return (
    <div className="queries-panel">
      {queries.isPending && <Spinner label="Loading queries…" />}
      {queries.isError && (
        <div className="queries-error">
          <ErrorText error={queries.error} />
          <button type="button" onClick={() => void queries.refetch()}>
            Retry
          </button>
        </div>
      )}
      {queries.isSuccess && list.length === 0 && <p className="form-hint">No queries yet.</p>}
      {list.length > 0 && (
        <ul className="query-list" aria-label="Saved queries">
          {list.map((q) => (
            <QueryItem
              key={q.id}
              query={q}
              selected={q.id === selectedId}
              onChoose={() => setSelectedId(q.id)}
              onDelete={canManage(q, user) ? () => confirmDelete(q) : null}
              deleting={remove.isPending && remove.variables === q.id}
            />
          ))}
        </ul>
      )}
      <ErrorText error={remove.error} />
      {/* Keyed by id so that choosing another query starts from its own defaults. */}
      {selected && <QueryRunner key={selected.id} query={selected} onResult={onResult} />}
      {roleAllows(user.role, 'editor') && <SaveQueryForm onSaved={(q) => setSelectedId(q.id)} />}
    </div>
  );
}
