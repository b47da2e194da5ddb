// Who is signed in, and sign-out (AUTH=local only: with AUTH=none there is nobody to sign out).
// Admins also get the link to the admin page (users and the audit trail); nobody else sees it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthUser } from '@model/auth.js';
import { api } from '../../shared/api.js';
import { ADMIN_PATH } from '../../shared/route.js';

export function UserMenu({ user }: { user: AuthUser }) {
  const client = useQueryClient();
  const logout = useMutation({
    mutationFn: api.logout,
    // Drop every cached answer of the account, then ask "who am I" afresh: the sign-in page.
    onSettled: () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      void client.resetQueries({ queryKey: ['auth', 'me'] });
    },
  });
  const admin =
    user.role === 'admin' ? (
      <a className="admin-link" href={ADMIN_PATH}>
        Admin
      </a>
    ) : null;
  if (user.mode === 'none') return <div className="user-menu">{admin}</div>;
  return (
    <div className="user-menu">
      <span className="user-who" title={`Signed in as ${user.username} (${user.role})`}>
        <span className="user-name">{user.username}</span> <span className="user-role">{user.role}</span>
      </span>
      {admin}
      <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Sign out
      </button>
    </div>
  );
}
