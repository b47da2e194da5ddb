// The admin page (/admin, admins only): the accounts and the audit trail. Reached from the user
// menu, which shows its link to admins alone; the server refuses every call here to anyone else.
import type { AuthUser } from '@model/auth.js';
import { AuditView } from './AuditView.js';
import { UsersTable } from './UsersTable.js';

export function AdminPage({ user }: { user: AuthUser }) {
  if (user.role !== 'admin')
    return (
      <main className="admin-page">
        <p role="alert">This page is for administrators.</p>
        <a href="/">Back to the explorer</a>
      </main>
    );
  return (
    <main className="admin-page">
      <header className="admin-header">
        <h1>Administration</h1>
        <span className="muted">
          Signed in as {user.username}
          {user.mode === 'none' ? ' (AUTH=none: accounts apply once AUTH=local is set)' : ''}
        </span>
        <a href="/">Back to the explorer</a>
      </header>
      <UsersTable self={user.username} />
      <AuditView />
    </main>
  );
}
