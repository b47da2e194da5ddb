// Placeholder page until the explorer UI lands: shows whether the API and Neo4j are up.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

interface Health {
  status: 'ok' | 'unavailable';
  neo4j: { reachable: boolean; version?: string; nodes?: number; relationships?: number };
  message?: string;
}

function Status() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async (): Promise<Health> => (await fetch('/api/health')).json() as Promise<Health>,
    refetchInterval: 10_000,
  });
  if (health.isPending) return <p>Checking the database…</p>;
  if (health.isError) return <p role="alert">The API is unreachable.</p>;
  const { neo4j, message } = health.data;
  return neo4j.reachable ? (
    <p>
      Neo4j {neo4j.version}: {neo4j.nodes} nodes, {neo4j.relationships} relationships.
    </p>
  ) : (
    <p role="alert">{message}</p>
  );
}

const queryClient = new QueryClient();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <main style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
        <h1>Threat-network explorer</h1>
        <Status />
      </main>
    </QueryClientProvider>
  </StrictMode>,
);
