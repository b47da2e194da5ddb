// The sign-in page. AUTH=local: user name and password; every failure says the same thing, as the
// server does. A success reloads "who am I", which lets the explorer show. AUTH=oidc (the server's
// /api/auth/config says so): one button to the identity provider, and the reason a sign-in there
// failed, passed back as ?login_error=<key> (a key, so a crafted link cannot put words here).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { LOGIN_ERROR_PARAM, OIDC_LOGIN_ERRORS } from '@model/auth.js';
import { api } from '../../shared/api.js';

/** The message of a failed provider sign-in, read once and taken out of the address bar. */
function takeLoginError(): string | null {
  const params = new URLSearchParams(window.location.search);
  const key = params.get(LOGIN_ERROR_PARAM);
  if (key === null) return null;
  params.delete(LOGIN_ERROR_PARAM);
  const rest = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
  return Object.hasOwn(OIDC_LOGIN_ERRORS, key)
    ? OIDC_LOGIN_ERRORS[key as keyof typeof OIDC_LOGIN_ERRORS]
    : 'The sign-in failed. Please try again.';
}

export function LoginPage() {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [providerError] = useState(takeLoginError);
  // Until it answers (or if it cannot), the password form: what AUTH=local needs.
  const config = useQuery({ queryKey: ['auth', 'config'], queryFn: api.authConfig, retry: false, staleTime: Infinity });
  const login = useMutation({
    mutationFn: () => api.login(username, password),
    onSuccess: (user) => {
      setPassword('');
      client.setQueryData(['auth', 'me'], user);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const provider = config.data?.mode === 'oidc' ? config.data.provider : undefined;
  if (provider) {
    return (
      <main className="login-page">
        {/* A plain navigation: the provider's page, then back through the callback. */}
        <form className="login-form" method="get" action={provider.loginUrl} aria-labelledby="login-title">
          <h1 id="login-title">Threat-network explorer</h1>
          <p className="muted">Sign in with your newsroom account.</p>
          {providerError ? (
            <p className="error-text" role="alert">
              {providerError}
            </p>
          ) : null}
          <button type="submit">Sign in with {provider.name}</button>
        </form>
      </main>
    );
  }
  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Threat-network explorer</h1>
        <p className="muted">Sign in with the account an administrator gave you.</p>
        <label>
          User name
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {login.error ? (
          <p className="error-text" role="alert">
            {login.error.message}
          </p>
        ) : null}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
