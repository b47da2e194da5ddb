// @vitest-environment happy-dom
// Source links in the details panel (client/src/features/inspect/InspectPanel.tsx) against a
// stubbed fetch: an http(s) URL is a link that opens in a new tab without access to this page; a
// javascript:, data: or relative "URL" from the data is shown as text, never as a link, and
// stays out of the citation.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphEdge, GraphNode, NodeDetails } from '@model/api.js';
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
      summarySources: [],
    };
  }
  if (id === GRU.id) {
    return {
      node: { ...GRU, properties: { summary: 'Russia’s military intelligence.', summarySources: ['source--good', 'source--data'] } },
      degrees: [],
      sources: [],
      summarySources: [
        {
          id: 'source--good',
          title: 'A real report',
          publisher: 'Publisher',
          published: '2024-01-01',
          url: 'https://example.org/report',
          verified: true,
        },
        { id: 'source--data', title: 'An unchecked one', publisher: 'Other', published: '2023-05-06', verified: false },
      ],
    };
  }
  return { node: SOURCES[id]!, degrees: [], sources: [], summarySources: [] };
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

describe('summaries and dates in the details panel', () => {
  it('shows a node’s summary with the sources named for it, marking the unverified one', async () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [GRU], edges: [] });
    store.select({ kind: 'node', id: GRU.id });
    renderPanel(store);
    const panel = await screen.findByRole('article', { name: 'Details of GRU' });
    const summary = within(panel).getByRole('region', { name: 'Summary' });
    expect(summary.querySelector('.summary')?.textContent).toBe('Russia’s military intelligence.');
    expect(within(summary).getByRole('heading').textContent).toBe('Sources for this summary (2)');
    const items = within(summary).getAllByRole('listitem');
    expect(items[0]!.textContent).toBe('A real report Publisher, 2024-01-01');
    expect(items[1]!.textContent).toMatch(/^An unchecked one unverified ?Other, 2023-05-06$/);
    expect(items.map((li) => li.querySelector('.unverified') !== null)).toEqual([false, true]);
    // Shown once, under the summary, not again as raw properties.
    expect([...panel.querySelectorAll('dt')].map((dt) => dt.textContent)).not.toContain('summarySources');
  });

  it('says when a summary names no source', async () => {
    const store = new GraphStore();
    store.addGraph({ nodes: [{ ...RUSSIA, properties: { summary: 'A state.' } }], edges: [] });
    store.select({ kind: 'node', id: RUSSIA.id });
    vi.stubGlobal('fetch', async () => {
      const body: NodeDetails = { node: { ...RUSSIA, properties: { summary: 'A state.' } }, degrees: [], sources: [], summarySources: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    renderPanel(store);
    const panel = await screen.findByRole('article', { name: 'Details of Russia' });
    expect(within(panel).getByRole('region', { name: 'Summary' }).textContent).toContain('No source is named for this summary.');
  });

  it('tells an edge’s event dates from the date it was first reported', async () => {
    const store = new GraphStore();
    const edge = (id: string, evidence: Partial<GraphEdge['evidence']>): GraphEdge => ({
      id,
      type: 'DIRECTS',
      from: RUSSIA.id,
      to: GRU.id,
      evidence: { sources: [], confidence: 90, ...evidence },
      properties: {},
    });
    store.addGraph({
      nodes: [RUSSIA, GRU],
      edges: [
        edge('dated', { firstSeen: '2019', lastSeen: '2024-05', reportedAt: '2024-06-01' }),
        edge('undated', { reportedAt: '2023-02-03' }),
      ],
    });
    const shown = async (id: string) => {
      store.select({ kind: 'edge', id });
      const view = renderPanel(store);
      const panel = await screen.findByRole('article', { name: 'Evidence for DIRECTS' });
      const rows = Object.fromEntries(
        [...panel.querySelectorAll('.property')].map((p) => [p.querySelector('dt')!.textContent, p.querySelector('dd')!.textContent]),
      );
      view.unmount();
      return rows;
    };
    const dated = await shown('dated');
    expect(dated['event dates']).toBe('2019 → 2024-05');
    expect(dated.reported).toMatch(/^2024-06-01 \(earliest publication date of its sources/);
    const undated = await shown('undated');
    expect(undated['event dates']).toBe('no event date');
    expect(undated.reported).toMatch(/^2023-02-03 /);
  });
});
