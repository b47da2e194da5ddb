// @vitest-environment happy-dom
// The actions' shared busy and error state, and the expand feature on it, against a stubbed fetch
// that answers like the API: a hub's first page, "+N more" in the inspector and the context menu,
// the next page on demand with the filters set, and an action's failure on the one error line.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExpandRequest, GraphEdge, GraphNode } from '@model/api.js';
import { NODE_LABELS } from '@model/graph-model.js';
import { ContextMenu, type NodeMenuActions } from '../../client/src/features/canvas/ContextMenu.js';
import { useExpand } from '../../client/src/features/expand/use-expand.js';
import { InspectPanel } from '../../client/src/features/inspect/InspectPanel.js';
import { lastActionError, useAction, useActionStatus } from '../../client/src/shared/actions.js';
import { GraphStore, remaining } from '../../client/src/shared/graph-store.js';

const HUB: GraphNode = { id: 'state--hub', label: 'State', name: 'Hub', properties: {} };
const NEIGHBOURS: GraphNode[] = Array.from({ length: 23 }, (_, i) => ({
  id: `tool--t${String(i).padStart(2, '0')}`,
  label: 'Tool',
  name: `T${i}`,
  properties: {},
}));
const edgeTo = (n: GraphNode): GraphEdge => ({
  id: `r-${n.id}`,
  type: 'USES',
  from: HUB.id,
  to: n.id,
  evidence: { sources: [], confidence: 80 },
  properties: {},
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function stubApi(options: { failExpand?: { status: number; code: string; message: string } } = {}) {
  const expands: ExpandRequest[] = [];
  const calls: string[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input);
      calls.push(path);
      if (path === '/api/expand') {
        const body = JSON.parse(String(init?.body)) as ExpandRequest & { skip: number; limit: number };
        expands.push(body);
        if (hold) {
          hold = false;
          await new Promise<void>((resolve) => (release = resolve));
        }
        if (options.failExpand) return json(options.failExpand.status, { error: options.failExpand });
        const page = NEIGHBOURS.slice(body.skip, body.skip + body.limit);
        return json(200, {
          nodes: [HUB, ...page],
          edges: page.map(edgeTo),
          totals: [{ type: 'USES', count: NEIGHBOURS.length }],
          total: NEIGHBOURS.length,
          hasMore: body.skip + page.length < NEIGHBOURS.length,
        });
      }
      if (path === `/api/nodes/${HUB.id}`)
        return json(200, { node: HUB, degrees: [{ type: 'USES', direction: 'out', count: NEIGHBOURS.length }], sources: [] });
      if (path.startsWith('/api/health')) return json(200, { status: 'ok' });
      return json(404, { error: { code: 'NOT_FOUND', message: `No route ${path}` } });
    }),
  );
  return {
    expands,
    calls,
    /** Holds the next expand until release(). */
    holdExpands: () => {
      hold = true;
    },
    release: () => release?.(),
  };
}

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const store = new GraphStore();
  store.addGraph({ nodes: [HUB], edges: [] });
  return { client, wrapper, store };
}

beforeEach(() => vi.unstubAllGlobals());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('lastActionError', () => {
  it('is the latest action’s error, and none once a later action started or succeeded', () => {
    const failed = { status: 'error' as const, error: new Error('no'), submittedAt: 10 };
    expect(lastActionError([])).toBeNull();
    expect(lastActionError([failed])).toBe(failed.error);
    expect(lastActionError([failed, { status: 'pending', error: null, submittedAt: 11 }])).toBeNull();
    expect(lastActionError([{ status: 'success', error: null, submittedAt: 9 }, failed])).toBe(failed.error);
    expect(lastActionError([failed, { status: 'success', error: null, submittedAt: 12 }])).toBeNull();
  });
});

describe('useExpand', () => {
  it('loads a page of the hub, then the next pages on demand, with the filters set, and is busy meanwhile', async () => {
    const api = stubApi();
    const { wrapper, store } = setup();
    store.setFilters({ minConfidence: 60, hiddenLabels: ['Domain'], dateFrom: '2020-01-01' });
    const { result } = renderHook(() => ({ expand: useExpand(store), status: useActionStatus() }), { wrapper });
    act(() => result.current.expand.setPageSize(10));
    api.holdExpands();
    act(() => result.current.expand.expand(HUB.id));
    await waitFor(() => expect(result.current.status.busy).toBe(true));
    await waitFor(() => expect(api.expands).toHaveLength(1));
    act(() => api.release());
    await waitFor(() => expect(result.current.status.busy).toBe(false));
    expect(api.expands[0]).toMatchObject({ ids: [HUB.id], limit: 10, skip: 0, minConfidence: 60, from: '2020-01-01' });
    expect(api.expands[0]!.labels).not.toContain('Domain');
    expect(store.getState().expansions[HUB.id]).toMatchObject({ loaded: 10, total: 23, relType: null });
    expect(Object.keys(store.getState().nodes)).toHaveLength(11);

    act(() => result.current.expand.more(HUB.id));
    await waitFor(() => expect(store.getState().expansions[HUB.id]?.loaded).toBe(20));
    expect(api.expands[1]).toMatchObject({ skip: 10, limit: 10, minConfidence: 60 });
    act(() => result.current.expand.more(HUB.id));
    await waitFor(() => expect(remaining(store.getState().expansions[HUB.id])).toBe(0));
    expect(api.expands[2]).toMatchObject({ skip: 20 });
    expect(Object.keys(store.getState().nodes)).toHaveLength(24);
    expect(result.current.status.error).toBeNull();
  });

  it('pages one relationship type when one was asked for, and starts again when the filters change', async () => {
    const api = stubApi();
    const { wrapper, store } = setup();
    const { result } = renderHook(() => useExpand(store), { wrapper });
    act(() => result.current.setPageSize(10));
    act(() => result.current.expand(HUB.id, 'USES'));
    await waitFor(() => expect(store.getState().expansions[HUB.id]?.relType).toBe('USES'));
    act(() => result.current.more(HUB.id));
    await waitFor(() => expect(api.expands).toHaveLength(2));
    expect(api.expands[1]).toEqual({ ids: [HUB.id], relTypes: ['USES'], limit: 10, skip: 10 });
    await waitFor(() => expect(store.getState().expansions[HUB.id]?.loaded).toBe(20));
    act(() => store.setFilters({ minConfidence: 90 }));
    act(() => result.current.more(HUB.id));
    await waitFor(() => expect(api.expands).toHaveLength(3));
    expect(api.expands[2]).toEqual({ ids: [HUB.id], relTypes: ['USES'], minConfidence: 90, limit: 10, skip: 0 });
  });

  it('puts a failure on the shared error line, which a later action clears, and dismiss forgets', async () => {
    const api = stubApi({ failExpand: { status: 404, code: 'NOT_FOUND', message: 'No node with id "state--hub"' } });
    const { wrapper, store } = setup();
    const { result } = renderHook(
      () => ({ expand: useExpand(store), status: useActionStatus(), other: useAction('other', { mutationFn: async () => 1 }) }),
      { wrapper },
    );
    act(() => result.current.expand.expand(HUB.id));
    await waitFor(() => expect(result.current.status.error).toBeInstanceOf(Error));
    expect((result.current.status.error as Error).message).toBe('No node with id "state--hub"');
    expect(api.expands).toHaveLength(1);
    act(() => result.current.other.mutate());
    await waitFor(() => expect(result.current.status.error).toBeNull());
    act(() => result.current.expand.expand(HUB.id));
    await waitFor(() => expect(result.current.status.error).not.toBeNull());
    act(() => result.current.status.dismiss());
    await waitFor(() => expect(result.current.status.error).toBeNull());
  });

  it('asks for health at once when the explorer is out of reach, and refuses filters that hide everything', async () => {
    const api = stubApi({ failExpand: { status: 503, code: 'NEO4J_UNAVAILABLE', message: 'Neo4j is unreachable.' } });
    const { wrapper, store, client } = setup();
    const health = vi.fn(async () => ({ status: 'ok' }));
    const { result } = renderHook(() => ({ expand: useExpand(store), status: useActionStatus() }), { wrapper });
    // Health answered once, as in the app.
    await act(() => client.fetchQuery({ queryKey: ['system', 'health'], queryFn: health }));
    act(() => result.current.expand.expand(HUB.id));
    await waitFor(() => expect(result.current.status.error).not.toBeNull());
    expect(api.expands).toHaveLength(1);
    await waitFor(() => expect(health.mock.calls.length).toBeGreaterThanOrEqual(2));

    act(() =>
      store.setFilters({
        hiddenLabels: [...NODE_LABELS],
      }),
    );
    act(() => result.current.expand.expand(HUB.id));
    await waitFor(() =>
      expect((result.current.status.error as Error | null)?.message).toBe('The filters hide every label: show one to expand.'),
    );
    expect(api.expands).toHaveLength(1);
  });
});

describe('"+N more" where a person sees it', () => {
  it('shows in the inspector for the selected expanded node, and loads the next page from there', async () => {
    stubApi();
    const { wrapper, store } = setup();
    const onMore = vi.fn();
    render(<InspectPanel store={store} onMore={onMore} />, { wrapper });
    act(() => {
      store.addGraph(
        { nodes: NEIGHBOURS.slice(0, 10), edges: [] },
        { expansion: { id: HUB.id, value: { loaded: 10, total: 23, relType: null, scope: '{}' } } },
      );
      store.select({ kind: 'node', id: HUB.id });
    });
    const button = await screen.findByRole('button', { name: 'Load more neighbours of Hub (+13 more)' });
    expect(button.textContent).toBe('+13 more');
    expect(screen.getByText('Loaded 10 of 23 relationships')).toBeTruthy();
    fireEvent.click(button);
    expect(onMore).toHaveBeenCalledWith(HUB.id);
  });

  it('says nothing more for a node loaded in full, or without a way to load more', async () => {
    stubApi();
    const { wrapper, store } = setup();
    const { rerender } = render(<InspectPanel store={store} onMore={() => {}} />, { wrapper });
    act(() => {
      store.addGraph(
        { nodes: NEIGHBOURS, edges: [] },
        { expansion: { id: HUB.id, value: { loaded: 23, total: 23, relType: null, scope: '{}' } } },
      );
      store.select({ kind: 'node', id: HUB.id });
    });
    await screen.findByRole('article', { name: 'Details of Hub' });
    expect(screen.queryByText(/more$/)).toBeNull();
    act(() => {
      store.addGraph({ nodes: [], edges: [] }, { expansion: { id: HUB.id, value: { loaded: 10, total: 23, relType: null, scope: '{}' } } });
    });
    rerender(<InspectPanel store={store} />);
    await screen.findByRole('article', { name: 'Details of Hub' });
    expect(screen.queryByRole('button', { name: /Load more neighbours/ })).toBeNull();
  });

  it('shows in the context menu, with the type of the last expand, and loads the next page', async () => {
    stubApi();
    const { wrapper } = setup();
    const actions = Object.fromEntries(
      ['expand', 'more', 'hide', 'togglePin', 'remove', 'selectNeighbours', 'findPathFrom', 'editNote'].map((k) => [k, vi.fn()]),
    ) as unknown as NodeMenuActions;
    const onClose = vi.fn();
    const { rerender } = render(
      <ContextMenu
        id={HUB.id}
        x={10}
        y={10}
        pinned={false}
        noted={false}
        more={{ count: 13, relType: 'USES' }}
        actions={actions}
        onClose={onClose}
      />,
      { wrapper },
    );
    const item = screen.getByRole('menuitem', { name: 'Load more +13 more USES' });
    fireEvent.click(item);
    expect(actions.more).toHaveBeenCalledWith(HUB.id);
    expect(onClose).toHaveBeenCalled();
    rerender(
      <ContextMenu
        id={HUB.id}
        x={10}
        y={10}
        pinned={false}
        noted={false}
        more={{ count: 0, relType: null }}
        actions={actions}
        onClose={onClose}
      />,
    );
    expect(screen.queryByRole('menuitem', { name: /Load more/ })).toBeNull();
  });
});
