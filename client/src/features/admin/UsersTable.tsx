// Accounts: create one (name, role, initial password), change a role, disable or enable, set a new
// password. Your own role and disabling yourself are not offered (the server refuses them too).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ACCOUNT_ROLES, type AccountRole } from '@model/auth.js';
import { api } from '../../shared/api.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';

export const ADMIN_KEY = ['admin'] as const;
const USERS_KEY = [...ADMIN_KEY, 'users'] as const;

export function UsersTable({ self }: { self: string }) {
  const client = useQueryClient();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: api.users });
  // Every change is an audit event: the audit view reloads with the list.
  const changed = () => void client.invalidateQueries({ queryKey: ADMIN_KEY });
  const act = useMutation({ mutationFn: (run: () => Promise<unknown>) => run(), onSuccess: changed });
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');

  const submitReset = (e: FormEvent, username: string) => {
    e.preventDefault();
    act.mutate(() => api.resetPassword(username, newPassword), {
      onSuccess: () => {
        setResetting(null);
        setNewPassword('');
      },
    });
  };

  return (
    <section className="admin-section" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <CreateUserForm onCreated={changed} />
      <ErrorText error={users.error ?? act.error} />
      <table className="admin-table" aria-label="Users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th>Sessions</th>
            <th>Created</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {(users.data?.users ?? []).map((u) => (
            <tr key={u.username}>
              <td>{u.username}</td>
              <td>
                {u.username === self ? (
                  u.role
                ) : (
                  <select
                    aria-label={`Role of ${u.username}`}
                    value={u.role}
                    disabled={act.isPending}
                    onChange={(e) => act.mutate(() => api.setUserRole(u.username, e.target.value as AccountRole))}
                  >
                    {ACCOUNT_ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                )}
              </td>
              <td>{u.disabled ? 'disabled' : 'active'}</td>
              <td>{u.sessions}</td>
              <td>{u.createdAt.slice(0, 16).replace('T', ' ')}</td>
              <td className="admin-actions">
                {u.username === self ? null : u.disabled ? (
                  <button type="button" disabled={act.isPending} onClick={() => act.mutate(() => api.enableUser(u.username))}>
                    Enable
                  </button>
                ) : (
                  <button type="button" disabled={act.isPending} onClick={() => act.mutate(() => api.disableUser(u.username))}>
                    Disable
                  </button>
                )}
                {resetting === u.username ? (
                  <form onSubmit={(e) => submitReset(e, u.username)}>
                    <input
                      type="password"
                      autoComplete="new-password"
                      aria-label={`New password for ${u.username}`}
                      value={newPassword}
                      onChange={(e) => setNewPassword(e.target.value)}
                      required
                    />
                    <button type="submit" disabled={act.isPending}>
                      Set
                    </button>
                    <button type="button" onClick={() => setResetting(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <button type="button" onClick={() => setResetting(u.username)}>
                    Reset password
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<AccountRole>('viewer');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => api.createUser({ username, role, password }),
    onSuccess: () => {
      setUsername('');
      setPassword('');
      onCreated();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label="Create a user">
      <label>
        New user name
        <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as AccountRole)}>
          {ACCOUNT_ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Initial password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
      </label>
      <button type="submit" disabled={create.isPending}>
        Create user
      </button>
      <ErrorText error={create.error} />
    </form>
  );
}
