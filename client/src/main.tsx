import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { AdminPage } from './features/admin/AdminPage.js';
import { AuthGate } from './features/auth/AuthGate.js';
import { UserMenu } from './features/auth/UserMenu.js';
import { isAdminPath } from './shared/route.js';
import './app/styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthGate>
        {(user) => (isAdminPath(window.location.pathname) ? <AdminPage user={user} /> : <App account={<UserMenu user={user} />} />)}
      </AuthGate>
    </QueryClientProvider>
  </StrictMode>,
);
