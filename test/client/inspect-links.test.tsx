// @vitest-environment happy-dom
// Source links in the details panel (client/src/features/inspect/InspectPanel.tsx) against a
// stubbed fetch: an http(s) URL is a link that opens in a new tab without access to this page; a
// javascript:, data: or relative "URL" from the data is shown as text, never as a link, and
// stays out of the citation.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphNode, NodeDetails } from '@model/api.js';
import { InspectPanel } from '../../client/src/features/inspect/InspectPanel.js';
import { GraphStore } from '../../client/src/shared/graph-store.js';

const RUSSIA: GraphNode = { id: 'state--russia', label: 'State', name: 'Russia', properties: {} };
const GRU: GraphNode = { id: 'threat-actor--gru', label: 'ThreatActor', name: 'GRU', properties: {} };

const source = (id: string, title: string, url: string, verified = true): GraphNode => ({
  id,
  label: 'Source',
  name: title,
  properties: { title, url, publisher: 'Publisher', published: '2024-01-01', sourceType: 'report', verified },
});
const SOURCES: Record<string, GraphNode> = {
  'source--good': source('source--good', 'A real report', 'https://example.org/report'),
  'source--script': source('source--script', 'A trap', 'javascript:alert(document.cookie)'),
  'source--data': source('source--data', 'Another trap', ' data:text/html,<script>alert(1)</script>', false),
};

function details(id: string): NodeDetails {
  if (id === RUSSIA.id) {
    return {
      node: RUSSIA,
      degrees: [],
      sources: [
        { id: 'source--good', title: 'A real report', url: 'https://example.org/report', verified: true },
        { id: 'source--script', title: 'A trap', url: 'javascript:alert(document.cookie)' },
        { id: 'source--relative', title: 'A relative one', url: '/api/snapshots' },
        { id: 'source--none', title: 'No URL', verified: false },
      ],
    };
  }
  return { node: SOURCES[id]!, degrees: [], sources: [] };
}

beforeEach(() => {
  vi.stubGlobal('fetch', async (path: string) => {
    const id = decodeURIComponent(path.replace('/api/nodes/', ''));
    return new Response(JSON.stringify(details(id)), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPanel(store: GraphStore) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <InspectPanel store={store} />
    </QueryClientProvider>,
  );
}

describe('source links in the details panel', () => {
  it('links only the web URLs of the sources that mention a node', async () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [RUSSIA], edges: [] });
    store.select({ kind: 'node', id: RUSSIA.id });
    renderPanel(store);
    const panel = await screen.findByRole('article', { name: 'Details of Russia' });
    const links = within(panel).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual([
      ['A real report', 'https://example.org/report', '_blank', 'noopener noreferrer'],
    ]);
    const text = panel.textContent ?? '';
    expect(text).toContain('A trap javascript:alert(document.cookie) (not a web link)');
    expect(text).toContain('A relative one /api/snapshots (not a web link)');
    expect(text).toContain('No URL');
    expect(text).not.toContain('No URL (not a web link)');
    expect(panel.querySelector('a[href^="javascript"], a[href^="/"]')).toBeNull();
    // Only the reference recorded as unverified is marked; one without the flag is not.
    const marked = [...panel.querySelectorAll('.unverified')].map((m) => m.closest('li')?.textContent);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain('No URL');
  });

  it('links only the web URLs of an edge’s evidence, and cites only those', async () => {
    const store = new GraphStore();
    store.addGraph({
      nodes: [RUSSIA, GRU],
      edges: [
        {
          id: 'r1',
          type: 'DIRECTS',
          from: RUSSIA.id,
          to: GRU.id,
          evidence: { sources: Object.keys(SOURCES), confidence: 90 },
          properties: {},
        },
      ],
    });
    store.select({ kind: 'edge', id: 'r1' });
    renderPanel(store);
    const panel = await screen.findByRole('article', { name: 'Evidence for DIRECTS' });
    await waitFor(() => expect(within(panel).getAllByRole('button', { name: 'Copy citation' })).toHaveLength(3));
    const links = within(panel).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')])).toEqual([
      ['A real report', 'https://example.org/report', 'noopener noreferrer'],
    ]);
    const items = within(panel).getAllByRole('listitem');
    expect(items[1]!.textContent).toContain('javascript:alert(document.cookie) (not a web link)');
    expect(items[2]!.textContent).toContain('(not a web link)');
    expect(items.map((li) => li.querySelector('.unverified') !== null)).toEqual([false, false, true]);

    const written: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: async (t: string) => void written.push(t) } });
    const buttons = within(panel).getAllByRole('button', { name: 'Copy citation' });
    fireEvent.click(buttons[0]!);
    fireEvent.click(buttons[1]!);
    await waitFor(() => expect(written).toHaveLength(2));
    expect(written[0]).toContain('https://example.org/report');
    expect(written[1]).not.toContain('javascript:');
  });
});
