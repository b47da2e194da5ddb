// @vitest-environment happy-dom
// The sign-in gate (client/src/features/auth): AUTH=none shows the explorer at once with no
// sign-out; AUTH=local shows the sign-in page on a 401, the explorer after signing in, and the
// sign-in page again after signing out.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthGate } from '../../client/src/features/auth/AuthGate.js';
import { api } from '../../client/src/shared/api.js';
import { UserMenu } from '../../client/src/features/auth/UserMenu.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderGate() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AuthGate>
        {(user) => (
          <div>
            <p>explorer for {user.username}</p>
            <UserMenu user={user} />
          </div>
        )}
      </AuthGate>
    </QueryClientProvider>,
  );
}

describe('the user menu', () => {
  it('offers the admin page to admins only, with AUTH=none (the local admin) too', () => {
    const wrap = (user: Parameters<typeof UserMenu>[0]['user']) =>
      render(
        <QueryClientProvider client={new QueryClient()}>
          <UserMenu user={user} />
        </QueryClientProvider>,
      );
    wrap({ username: 'root', role: 'admin', mode: 'local' });
    expect(screen.getByRole('link', { name: 'Admin' }).getAttribute('href')).toBe('/admin');
    cleanup();
    wrap({ username: 'local', role: 'admin', mode: 'none' });
    expect(screen.getByRole('link', { name: 'Admin' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    cleanup();
    for (const role of ['viewer', 'editor'] as const) {
      wrap({ username: 'ada', role, mode: 'local' });
      expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
      cleanup();
    }
  });
});

describe('the sign-in gate', () => {
  it('with AUTH=none shows the explorer at once, with no sign-in and no sign-out', async () => {
    vi.stubGlobal('fetch', async () => json(200, { username: 'local', role: 'admin', mode: 'none' }));
    renderGate();
    expect(await screen.findByText('explorer for local')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('with AUTH=local signs in, shows who, and signs out back to the sign-in page', async () => {
    let session = false;
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
      calls.push(`${init.method ?? 'GET'} ${url}`);
      if (url === '/api/auth/me')
        return session
          ? json(200, { username: 'ada', role: 'editor', mode: 'local' })
          : json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
      if (url === '/api/auth/login') {
        const body = JSON.parse(String(init.body)) as { username: string; password: string };
        if (body.password !== 'right password')
          return json(401, { error: { code: 'LOGIN_FAILED', message: 'Wrong user name or password, or the account is disabled.' } });
        session = true;
        return json(200, { username: 'ada', role: 'editor', mode: 'local' });
      }
      if (url === '/api/auth/logout') {
        session = false;
        return new Response(null, { status: 204 });
      }
      return json(404, {});
    });
    renderGate();
    const password = await screen.findByLabelText('Password');
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'ada' } });
    fireEvent.change(password, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Wrong user name or password/);
    fireEvent.change(password, { target: { value: 'right password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('explorer for ada')).toBeTruthy();
    expect(screen.getByTitle('Signed in as ada (editor)')).toBeTruthy();
    // The admin page is not offered below the admin role.
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getByLabelText('Password')).toBeTruthy());
    expect(calls).toContain('POST /api/auth/logout');
  });

  it('goes back to the sign-in page when a call finds the session ended', async () => {
    let session = true;
    vi.stubGlobal('fetch', async (url: string) => {
      if (!session) return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
      if (url === '/api/auth/me') return json(200, { username: 'ada', role: 'viewer', mode: 'local' });
      return json(404, {});
    });
    renderGate();
    expect(await screen.findByText('explorer for ada')).toBeTruthy();
    session = false; // ended on the server: idle, disabled, signed out elsewhere
    await api.meta().catch(() => null);
    await waitFor(() => expect(screen.getByLabelText('Password')).toBeTruthy());
    expect(screen.queryByText('explorer for ada')).toBeNull();
  });

  it('with AUTH=oidc offers the identity provider instead of a password, and shows why a sign-in there failed', async () => {
    window.history.replaceState(null, '', '/?login_error=no_role&view=x');
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
      calls.push(`${init.method ?? 'GET'} ${url}`);
      if (url === '/api/auth/me') return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
      if (url === '/api/auth/config')
        return json(200, { mode: 'oidc', provider: { name: 'Newsroom SSO', loginUrl: '/api/auth/oidc/login' } });
      return json(404, {});
    });
    renderGate();
    const button = await screen.findByRole('button', { name: 'Sign in with Newsroom SSO' });
    expect(button.closest('form')!.getAttribute('action')).toBe('/api/auth/oidc/login');
    expect(button.closest('form')!.getAttribute('method')).toBe('get');
    expect(screen.getByRole('alert').textContent).toMatch(/no role in the explorer/);
    expect(screen.queryByLabelText('Password')).toBeNull();
    // The reason is shown once: it leaves the address bar, the rest of the address stays.
    expect(window.location.search).toBe('?view=x');
    expect(calls).not.toContain('POST /api/auth/login');
  });

  it('shows no invented text for an unknown error key', async () => {
    window.history.replaceState(null, '', '/?login_error=%3Cb%3Eyou%20were%20hacked');
    vi.stubGlobal('fetch', async (url: string) => {
      if (url === '/api/auth/me') return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
      if (url === '/api/auth/config')
        return json(200, { mode: 'oidc', provider: { name: 'Newsroom SSO', loginUrl: '/api/auth/oidc/login' } });
      return json(404, {});
    });
    renderGate();
    await screen.findByRole('button', { name: 'Sign in with Newsroom SSO' });
    expect(screen.getByRole('alert').textContent).toBe('The sign-in failed. Please try again.');
  });
});
