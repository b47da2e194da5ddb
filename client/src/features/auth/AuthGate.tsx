// The sign-in gate: asks the API who is calling (GET /api/auth/me). With AUTH=none the answer is
// the local admin and the explorer shows at once, with no sign-in and no sign-out. With AUTH=local
// a 401 shows the sign-in page; any later 401 (the session ended) brings it back.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import type { AuthUser } from '@model/auth.js';
import { ApiError, SIGNED_OUT_EVENT, api } from '../../shared/api.js';
import { LoginPage } from './LoginPage.js';

export const ME_KEY = ['auth', 'me'] as const;

export function AuthGate({ children }: { children: (user: AuthUser) => ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: api.me,
    retry: false,
    // While the explorer starts, /me answers 503: ask again until it can say.
    refetchInterval: (query) => (query.state.error instanceof ApiError && query.state.error.unavailable ? 2_000 : false),
  });
  useEffect(() => {
    // Only while signed in: on the sign-in page a 401 (a wrong password, "who am I" itself) leaves
    // things as they are.
    const signedOut = () => {
      const state = client.getQueryState(ME_KEY);
      if (state?.status === 'success' && state.fetchStatus === 'idle') void client.invalidateQueries({ queryKey: ME_KEY });
    };
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, [client]);

  // A 401 first: a session that ended keeps the last answer's data beside the error.
  if (me.error instanceof ApiError && me.error.status === 401) return <LoginPage />;
  if (me.data) return <>{children(me.data)}</>;
  if (me.error) {
    const starting = me.error instanceof ApiError && me.error.unavailable;
    return (
      <main className="login-page">
        <p role="status">{starting ? 'The explorer is starting…' : me.error.message}</p>
      </main>
    );
  }
  return null;
}
