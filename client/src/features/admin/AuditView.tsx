// The audit trail: filters (user, action, from, to), the events newest first with older pages on
// demand, and the same filters as a CSV download.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditAction } from '@model/audit.js';
import { api } from '../../shared/api.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { ADMIN_KEY } from './UsersTable.js';

interface Filters {
  user?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

/** A datetime-local field's value (local time, no offset) as an ISO instant; empty: no bound. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditView() {
  const [user, setUser] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const events = useInfiniteQuery({
    queryKey: [...ADMIN_KEY, 'audit', filters],
    queryFn: ({ pageParam }) => api.audit({ ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const f: Filters = {};
    if (user.trim()) f.user = user.trim();
    if (action) f.action = action as AuditAction;
    const start = instant(from);
    const end = instant(to);
    if (start) f.from = start;
    if (end) f.to = end;
    setFilters(f);
  };
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <form className="admin-form" onSubmit={apply} aria-label="Filter the audit trail">
        <label>
          User
          <input value={user} onChange={(e) => setUser(e.target.value)} placeholder="any" />
        </label>
        <label>
          Action
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit">Apply</button>
        <a href={api.auditCsvUrl(filters)} download="audit.csv">
          Download CSV
        </a>
      </form>
      <ErrorText error={events.error} />
      <table className="admin-table" aria-label="Audit events">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>From</th>
            <th>Action</th>
            <th>Targets</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>{e.at.replace('T', ' ').replace('Z', '')}</td>
              <td>
                {e.actor}
                {e.actorRole ? <span className="muted"> ({e.actorRole})</span> : null}
              </td>
              <td>{e.ip ?? ''}</td>
              <td>{e.action}</td>
              <td>{e.targets.join(', ')}</td>
              <td className="admin-summary">{e.before ?? ''}</td>
              <td className="admin-summary">{e.after ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && events.isSuccess ? <p className="muted">No events match.</p> : null}
      {events.hasNextPage ? (
        <button type="button" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          Older events
        </button>
      ) : null}
    </section>
  );
}
