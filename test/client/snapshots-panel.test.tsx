// @vitest-environment happy-dom
// The snapshots panel against a stubbed fetch that answers like the API: save sends the captured
// document, the list and its actions call the right endpoints, the API's refusals are shown, and
// the changes since a snapshot can be marked on the canvas.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Snapshot, type SnapshotChanges, type SnapshotSummary, type ViewDocument } from '@model/snapshot.js';
import type { ShareLink } from '@model/sharing.js';
import { SnapshotsPanel, type SnapshotsPanelProps } from '../../client/src/features/snapshots/SnapshotsPanel.js';
import { GraphStore } from '../../client/src/shared/graph-store.js';
import { viewDocument } from '../support/view-document.js';

const RUSSIA = { id: 'state--russia', label: 'State', name: 'Russia', properties: {} };
const documentOf = (title: string, caption: string): ViewDocument => viewDocument({ nodes: [RUSSIA], edges: [] }, { title, caption });

const summary = (id: string, title: string): SnapshotSummary => ({
  id,
  title,
  caption: '',
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-02T10:00:00Z',
  nodeCount: 1,
  edgeCount: 0,
  owner: 'local',
  visibility: 'team',
});

const CHANGES: SnapshotChanges = {
  since: '2026-01-01T10:00:00Z',
  nodes: { added: [{ id: 'proxy-gang--new', label: 'ProxyGang', name: 'New Gang' }], removed: ['state--russia'] },
  relationships: { added: [{ id: 'r-new', type: 'SPONSORS', from: 'state--russia', to: 'proxy-gang--new' }], removed: ['r-old'] },
  truncated: false,
};

interface Call {
  method: string;
  path: string;
  body: unknown;
}

function stubApi() {
  const calls: Call[] = [];
  let snapshots: SnapshotSummary[] = [summary('snap-one', 'First view')];
  let links: ShareLink[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input);
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      calls.push({ method, path, body });
      if (path === '/api/snapshots' && method === 'GET') return json(200, { snapshots });
      if (path === '/api/snapshots' && method === 'POST') {
        const doc = (body as { document: ViewDocument }).document;
        if (doc.title === 'too big')
          return json(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The snapshot is larger than 16 MB.' } });
        const saved: Snapshot = { ...summary('snap-new', doc.title), document: doc };
        snapshots = [...snapshots, saved];
        return json(201, saved);
      }
      const one = /^\/api\/snapshots\/([^/]+)$/.exec(path);
      if (one && method === 'PATCH') {
        const s = snapshots.find((x) => x.id === one[1])!;
        Object.assign(s, body);
        return json(200, s);
      }
      if (one && method === 'DELETE') {
        snapshots = snapshots.filter((x) => x.id !== one[1]);
        return new Response(null, { status: 204 });
      }
      if (one && method === 'GET') return json(200, { ...snapshots.find((x) => x.id === one[1])!, document: documentOf('First view', '') });
      if (path.endsWith('/duplicate')) {
        snapshots = [...snapshots, summary('snap-copy', 'Copy of First view')];
        return json(201, snapshots.at(-1));
      }
      if (path.endsWith('/changes')) return json(200, CHANGES);
      const share = /^\/api\/snapshots\/([^/]+)\/share(?:\/([^/]+))?$/.exec(path);
      if (share && method === 'GET') return json(200, { links });
      if (share && method === 'POST') {
        const link = {
          id: `link-${links.length + 1}`,
          snapshotId: share[1]!,
          createdBy: 'local',
          createdAt: '2026-01-03T10:00:00Z',
          expiresAt: (body as { expiresAt?: string }).expiresAt ?? null,
        };
        links = [...links, link];
        return json(201, { ...link, url: `http://explorer.test/share#token-${link.id}`, token: `token-${link.id}` });
      }
      if (share && method === 'DELETE') {
        links = links.filter((l) => l.id !== share[2]);
        return new Response(null, { status: 204 });
      }
      return json(404, { error: { code: 'NOT_FOUND', message: `No route ${method} ${path}` } });
    }),
  );
  return { calls };
}

function renderPanel(props: Partial<SnapshotsPanelProps> = {}) {
  const store = new GraphStore();
  store.addGraph({ nodes: [RUSSIA], edges: [] });
  const handlers = {
    onOpen: vi.fn(),
    onSaved: vi.fn(),
    onChanged: vi.fn(),
    capture: vi.fn(({ title, caption }: { title: string; caption: string }) => documentOf(title, caption)),
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SnapshotsPanel store={store} opened={null} canvasEmpty={false} {...handlers} {...props} />
    </QueryClientProvider>,
  );
  return { store, ...handlers };
}

let api: ReturnType<typeof stubApi>;
beforeEach(() => {
  api = stubApi();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('SnapshotsPanel', () => {
  it('saves the captured view with its title and caption, then shows its link and lists it', async () => {
    const { capture, onSaved } = renderPanel();
    const form = screen.getByRole('form', { name: 'Save the current view' });
    const save = within(form).getByRole<HTMLButtonElement>('button', { name: 'Save snapshot' });
    expect(save.disabled).toBe(true); // a title first
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'GRU units' } });
    fireEvent.change(within(form).getByLabelText('Caption'), { target: { value: 'Who runs what.' } });
    fireEvent.click(save);
    await screen.findByText(/Saved “GRU units”/);
    expect(capture).toHaveBeenCalledWith({ title: 'GRU units', caption: 'Who runs what.' });
    const post = api.calls.find((c) => c.method === 'POST' && c.path === '/api/snapshots')!;
    expect((post.body as { document: ViewDocument }).document).toMatchObject({ title: 'GRU units', caption: 'Who runs what.' });
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'snap-new', title: 'GRU units' }));
    expect(screen.getByTestId('saved-snapshot-link').getAttribute('href')).toMatch(/\/s\/snap-new$/);
    await within(screen.getByRole('list', { name: 'Saved snapshots' })).findByRole('listitem', { name: 'GRU units' });
  });

  it("shows the API's refusal and keeps the list as it was", async () => {
    const { onSaved } = renderPanel();
    await screen.findByRole('listitem', { name: 'First view' });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'too big' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save snapshot' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The snapshot is larger than 16 MB.');
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['First view']);
  });

  it('opens, renames, duplicates and (after confirming) deletes from the list', async () => {
    const { onOpen, onChanged } = renderPanel();
    const item = await screen.findByRole('listitem', { name: 'First view' });
    fireEvent.click(within(item).getByRole('button', { name: 'Open First view' }));
    await waitFor(() =>
      expect(onOpen).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'snap-one', document: expect.objectContaining({ title: 'First view' }) }),
      ),
    );

    fireEvent.click(within(item).getByRole('button', { name: 'Rename First view' }));
    fireEvent.change(within(item).getByRole('textbox', { name: 'New title for First view' }), { target: { value: 'Renamed view' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Save title' }));
    const renamed = await screen.findByRole('listitem', { name: 'Renamed view' });
    expect(api.calls.find((c) => c.method === 'PATCH')).toMatchObject({ path: '/api/snapshots/snap-one', body: { title: 'Renamed view' } });
    expect(onChanged).toHaveBeenCalledWith('snap-one', expect.objectContaining({ title: 'Renamed view' }));

    fireEvent.click(within(renamed).getByRole('button', { name: 'Duplicate Renamed view' }));
    const copy = await screen.findByRole('listitem', { name: 'Copy of First view' });

    fireEvent.click(within(copy).getByRole('button', { name: 'Delete Copy of First view' }));
    expect(api.calls.some((c) => c.method === 'DELETE')).toBe(false); // not before confirming
    fireEvent.click(within(within(copy).getByRole('alertdialog')).getByRole('button', { name: 'Delete for good' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Copy of First view' })).toBeNull());
    expect(api.calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/snapshots/snap-copy');
    expect(onChanged).toHaveBeenCalledWith('snap-copy', null);
  });

  it('lists what changed since the opened snapshot and marks the removed on the canvas', async () => {
    const { store } = renderPanel({ opened: { id: 'snap-one', title: 'First view', caption: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'What changed since?' }));
    const changes = await screen.findByTestId('snapshot-changes');
    await within(changes).findByText('New Gang');
    expect(within(changes).getByRole('list', { name: 'Relationships added' }).textContent).toBe('Russia SPONSORS New Gang');
    expect(within(changes).getByRole('list', { name: 'Nodes removed' }).textContent).toBe('Russia');
    fireEvent.click(within(changes).getByRole('button', { name: 'Mark the 2 removed on the canvas' }));
    expect(store.getState().marked).toEqual({ nodes: ['state--russia'], edges: ['r-old'] });
    fireEvent.click(within(changes).getByRole('button', { name: 'Clear marks' }));
    expect(store.getState().marked).toEqual({ nodes: [], edges: [] });
  });

  it('hides what the role or ownership does not allow', async () => {
    renderPanel({ user: { username: 'vera', role: 'viewer' } });
    let item = await screen.findByRole('listitem', { name: 'First view' });
    expect(screen.queryByRole('form', { name: 'Save the current view' })).toBeNull();
    for (const action of ['Rename', 'Duplicate', 'Share', 'Delete'])
      expect(within(item).queryByRole('button', { name: `${action} First view` }), action).toBeNull();
    expect(within(item).getByRole('button', { name: 'Open First view' })).toBeTruthy();
    cleanup();

    // An editor who does not own it may copy it, not change it.
    renderPanel({ user: { username: 'bob', role: 'editor' } });
    item = await screen.findByRole('listitem', { name: 'First view' });
    expect(screen.getByRole('form', { name: 'Save the current view' })).toBeTruthy();
    expect(within(item).getByRole('button', { name: 'Duplicate First view' })).toBeTruthy();
    for (const action of ['Rename', 'Share', 'Delete'])
      expect(within(item).queryByRole('button', { name: `${action} First view` }), action).toBeNull();
    expect(within(item).queryByRole('combobox', { name: 'Who sees First view' })).toBeNull();
  });

  it('saves with the chosen visibility, changes it, and creates, lists and revokes guest links of an owned snapshot', async () => {
    renderPanel({ user: { username: 'local', role: 'editor' } });
    const form = screen.getByRole('form', { name: 'Save the current view' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'For the team' } });
    fireEvent.change(within(form).getByLabelText('Who sees it'), { target: { value: 'team' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    await screen.findByText(/Saved “For the team”/);
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/snapshots')!.body).toMatchObject({ visibility: 'team' });

    const item = await screen.findByRole('listitem', { name: 'First view' });
    fireEvent.change(within(item).getByRole('combobox', { name: 'Who sees First view' }), { target: { value: 'link' } });
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ visibility: 'link' }));

    fireEvent.click(within(item).getByRole('button', { name: 'Share First view' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share “First view”' });
    await within(dialog).findByText('No live links.');
    fireEvent.change(within(dialog).getByLabelText('Expires (optional)'), { target: { value: '2030-05-01T12:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create guest link' }));
    const url = await within(dialog).findByTestId('share-link-url');
    expect((url as HTMLInputElement).value).toBe('http://explorer.test/share#token-link-1');
    const created = api.calls.find((c) => c.method === 'POST' && c.path === '/api/snapshots/snap-one/share')!;
    expect((created.body as { expiresAt: string }).expiresAt).toBe(new Date('2030-05-01T12:00').toISOString());
    const revoke = await within(dialog).findByRole('button', { name: /^Revoke/ });
    fireEvent.click(revoke);
    await within(dialog).findByText('No live links.');
    expect(api.calls.some((c) => c.method === 'DELETE' && c.path === '/api/snapshots/snap-one/share/link-1')).toBe(true);
  });
});
