import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { AdminPage } from './features/admin/AdminPage.js';
import { GuestApp, startGuest } from './app/GuestApp.js';
import { AuthGate } from './features/auth/AuthGate.js';
import { UserMenu } from './features/auth/UserMenu.js';
import { isAdminPath, shareTokenFromLocation } from './shared/route.js';
import './app/styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

const shareToken = shareTokenFromLocation(window.location);
if (shareToken !== null) startGuest(shareToken);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {shareToken === null ? (
        <AuthGate>
          {(user) =>
            isAdminPath(window.location.pathname) ? <AdminPage user={user} /> : <App account={<UserMenu user={user} />} user={user} />
          }
        </AuthGate>
      ) : (
        // A guest link (/share#<token>): the shared snapshot read-only, with no sign-in.
        <GuestApp token={shareToken} />
      )}
    </QueryClientProvider>
  </StrictMode>,
);
