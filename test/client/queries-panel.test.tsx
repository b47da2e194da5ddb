// @vitest-environment happy-dom
// The saved-queries panel against a stubbed browser fetch that answers like the API: the list,
// the generated form, Run with converted params, the API's 400 message, save and delete.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueriesPanel } from '../../client/src/features/queries/QueriesPanel.js';
import type { CypherResult, SavedQuery } from '@model/api.js';

const WHO_WORKS_WITH: SavedQuery = {
  id: 'who-works-with',
  name: 'Who works with an actor',
  description: 'Everyone linked to the actor by sponsorship, direction or collaboration.',
  cypher: 'MATCH (a:Entity {id: $actor})-[r]-(partner) WHERE r.confidence >= $minConfidence RETURN a, r, partner',
  parameters: [
    { name: 'actor', type: 'id', default: 'state--russia', description: "the actor's id" },
    { name: 'minConfidence', type: 'integer', default: 0 },
  ],
  builtIn: true,
  owner: null,
  visibility: 'team',
};

const EVERY_TYPE: SavedQuery = {
  id: 'saved-every-type',
  name: 'Every parameter type',
  description: 'A researcher query taking one parameter of each type.',
  cypher: 'RETURN 1 AS one',
  parameters: [
    { name: 'text', type: 'string', default: 'Sandworm' },
    { name: 'ratio', type: 'float', default: 0.5 },
    { name: 'flag', type: 'boolean', default: true },
    { name: 'kind', type: 'label', default: 'ProxyGang' },
    { name: 'rel', type: 'relType', default: 'SPONSORS' },
    { name: 'since', type: 'date', default: '2024-06' },
    { name: 'names', type: 'string[]', default: ['GRU', 'FSB'] },
  ],
  builtIn: false,
  owner: 'local',
  visibility: 'team',
};

const RESULT: CypherResult = {
  columns: ['partner', 'r', 'confidence'],
  rows: [
    {
      partner: { id: 'threat-actor--gru', label: 'ThreatActor', name: 'GRU', properties: {} },
      r: {
        id: 'r1',
        type: 'DIRECTS',
        from: 'state--russia',
        to: 'threat-actor--gru',
        evidence: { sources: ['source--x'] },
        properties: {},
      },
      confidence: 90,
    },
  ],
  nodes: [
    { id: 'state--russia', label: 'State', name: 'Russia', properties: {} },
    { id: 'threat-actor--gru', label: 'ThreatActor', name: 'GRU', properties: {} },
  ],
  edges: [],
  truncated: false,
  rowCap: 1000,
  elapsedMs: 7,
};

interface Call {
  method: string;
  path: string;
  body: unknown;
}

/** The API as far as the panel uses it, with every request recorded. */
function stubApi() {
  const calls: Call[] = [];
  let queries: SavedQuery[] = [WHO_WORKS_WITH, EVERY_TYPE];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path, body });
    if (path === '/api/queries' && method === 'GET') return json(200, { queries });
    if (path === '/api/queries' && method === 'POST') {
      const saved = { ...(body as Omit<SavedQuery, 'id' | 'builtIn'>), id: 'saved-new', builtIn: false };
      queries = [...queries, saved];
      return json(201, saved);
    }
    const run = path.match(/^\/api\/queries\/([^/]+)\/run$/);
    if (run && method === 'POST') {
      const params = (body as { params: Record<string, unknown> }).params;
      // The server's answer to a value it refuses (the stub refuses 101 to stand in for it).
      if (params.minConfidence === 101) {
        return json(400, {
          error: { code: 'BAD_REQUEST', message: 'params.minConfidence: must be at most 100', field: 'params.minConfidence' },
        });
      }
      return json(200, RESULT);
    }
    const del = path.match(/^\/api\/queries\/([^/]+)$/);
    if (del && method === 'DELETE') {
      queries = queries.filter((q) => q.id !== decodeURIComponent(del[1]!));
      return new Response(null, { status: 204 });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: `No route ${method} ${path}` } });
  });
  vi.stubGlobal('fetch', fetchStub);
  return { calls, runCalls: () => calls.filter((c) => c.path.endsWith('/run')) };
}

function renderPanel() {
  const onResult = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <QueriesPanel onResult={onResult} />
    </QueryClientProvider>,
  );
  return { onResult };
}

async function choose(name: string) {
  fireEvent.click(await screen.findByRole('button', { name }));
  return screen.getByRole('region', { name: `Run ${name}` });
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

describe('QueriesPanel', () => {
  it('lists built-in and saved queries with their descriptions', async () => {
    renderPanel();
    expect(await screen.findByRole('button', { name: 'Who works with an actor' })).toBeTruthy();
    expect(screen.getByText(WHO_WORKS_WITH.description)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Every parameter type' })).toBeTruthy();
    // Only researchers' own queries can be deleted.
    expect(screen.queryByRole('button', { name: 'Delete Who works with an actor' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete Every parameter type' })).toBeTruthy();
  });

  it('generates a labelled control per parameter, prefilled with its default', async () => {
    renderPanel();
    const runner = await choose('Every parameter type');
    const field = (name: string) => within(runner).getByLabelText<HTMLInputElement & HTMLSelectElement>(new RegExp(`^${name}\\b`));
    expect(field('text')).toMatchObject({ type: 'text', value: 'Sandworm' });
    expect(field('ratio')).toMatchObject({ type: 'number', value: '0.5' });
    expect(field('flag')).toMatchObject({ type: 'checkbox', checked: true });
    expect(field('kind').tagName).toBe('SELECT');
    expect(field('kind').value).toBe('ProxyGang');
    expect(within(field('kind')).getByRole('option', { name: 'Campaign' })).toBeTruthy();
    expect(field('rel').tagName).toBe('SELECT');
    expect(field('rel').value).toBe('SPONSORS');
    expect(field('since')).toMatchObject({ type: 'text', value: '2024-06' });
    expect(field('names')).toMatchObject({ type: 'text', value: 'GRU, FSB' });
  });

  it('runs with the converted params, calls onResult and shows the rows', async () => {
    const { onResult } = renderPanel();
    const runner = await choose('Who works with an actor');
    const actor = within(runner).getByLabelText<HTMLInputElement>(/^actor\b/);
    const minConfidence = within(runner).getByLabelText<HTMLInputElement>(/^minConfidence\b/);
    expect(actor.value).toBe('state--russia');
    expect(minConfidence.value).toBe('0');

    fireEvent.change(actor, { target: { value: 'state--iran' } });
    fireEvent.change(minConfidence, { target: { value: '50' } });
    fireEvent.click(within(runner).getByRole('button', { name: 'Run' }));

    await waitFor(() => expect(onResult).toHaveBeenCalledTimes(1));
    expect(onResult).toHaveBeenCalledWith(RESULT, 'Who works with an actor');
    expect(api.runCalls()).toEqual([
      { method: 'POST', path: '/api/queries/who-works-with/run', body: { params: { actor: 'state--iran', minConfidence: 50 } } },
    ]);
    const table = await within(runner).findByRole('table');
    expect(within(table).getByText('GRU')).toBeTruthy();
    expect(within(table).getByText('DIRECTS')).toBeTruthy();
    expect(within(runner).getByText(/1 row in 7 ms/)).toBeTruthy();
  });

  it('sends the default for a cleared optional value', async () => {
    renderPanel();
    const runner = await choose('Who works with an actor');
    fireEvent.change(within(runner).getByLabelText(/^minConfidence\b/), { target: { value: '' } });
    fireEvent.click(within(runner).getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(api.runCalls()).toHaveLength(1));
    expect(api.runCalls()[0]!.body).toEqual({ params: { actor: 'state--russia', minConfidence: 0 } });
  });

  it("shows the API's 400 message, which names the field", async () => {
    const { onResult } = renderPanel();
    const runner = await choose('Who works with an actor');
    const minConfidence = within(runner).getByLabelText(/^minConfidence\b/);
    fireEvent.change(minConfidence, { target: { value: '101' } });
    fireEvent.click(within(runner).getByRole('button', { name: 'Run' }));

    const alert = await within(runner).findByRole('alert');
    expect(alert.textContent).toBe('params.minConfidence: must be at most 100');
    expect(minConfidence.getAttribute('aria-invalid')).toBe('true');
    expect(onResult).not.toHaveBeenCalled();
  });

  it('catches a bad value next to its field without calling the API', async () => {
    renderPanel();
    const runner = await choose('Who works with an actor');
    const minConfidence = within(runner).getByLabelText(/^minConfidence\b/);
    fireEvent.change(minConfidence, { target: { value: '1.5' } });
    fireEvent.change(within(runner).getByLabelText(/^actor\b/), { target: { value: 'Russia' } });
    fireEvent.click(within(runner).getByRole('button', { name: 'Run' }));

    expect(await within(runner).findByText('minConfidence: must be an integer')).toBeTruthy();
    expect(within(runner).getByText(/^actor: must be an entity id/)).toBeTruthy();
    expect(minConfidence.getAttribute('aria-invalid')).toBe('true');
    expect(api.runCalls()).toHaveLength(0);
  });

  it('saves a new query with its parameters and refreshes the list', async () => {
    renderPanel();
    await screen.findByRole('button', { name: 'Who works with an actor' });
    fireEvent.click(screen.getByRole('button', { name: 'Save new query' }));
    const form = screen.getByRole('form', { name: 'Save new query' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Tools of an actor' } });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'What it uses.' } });
    fireEvent.change(within(form).getByLabelText('Cypher'), {
      target: { value: 'MATCH (a {id: $actor})-[r:USES]->(t) RETURN a, r, t LIMIT $n' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add parameter' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add parameter' }));
    const [first, second] = within(form).getAllByRole('group');
    fireEvent.change(within(first!).getByLabelText('Name'), { target: { value: 'actor' } });
    fireEvent.change(within(first!).getByLabelText('Type'), { target: { value: 'id' } });
    fireEvent.change(within(first!).getByLabelText('Default'), { target: { value: 'threat-actor--forest-blizzard' } });
    fireEvent.change(within(second!).getByLabelText('Name'), { target: { value: 'n' } });
    fireEvent.change(within(second!).getByLabelText('Type'), { target: { value: 'integer' } });
    fireEvent.change(within(second!).getByLabelText('Default'), { target: { value: '25' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save query' }));

    expect(await screen.findByRole('button', { name: 'Tools of an actor' })).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/queries')?.body).toEqual({
      name: 'Tools of an actor',
      description: 'What it uses.',
      cypher: 'MATCH (a {id: $actor})-[r:USES]->(t) RETURN a, r, t LIMIT $n',
      parameters: [
        { name: 'actor', type: 'id', default: 'threat-actor--forest-blizzard' },
        { name: 'n', type: 'integer', default: 25 },
      ],
      visibility: 'private',
    });
    // The saved query is chosen, its form ready.
    expect(screen.getByLabelText<HTMLInputElement>(/^n\b/).value).toBe('25');
  });

  it('refuses a bad parameter default in the editor before saving', async () => {
    renderPanel();
    await screen.findByRole('button', { name: 'Who works with an actor' });
    fireEvent.click(screen.getByRole('button', { name: 'Save new query' }));
    const form = screen.getByRole('form', { name: 'Save new query' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'X' } });
    fireEvent.change(within(form).getByLabelText('Cypher'), { target: { value: 'RETURN $n' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add parameter' }));
    fireEvent.change(within(form).getByLabelText('Name', { selector: 'fieldset input' }), { target: { value: 'n' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'integer' } });
    fireEvent.change(within(form).getByLabelText('Default'), { target: { value: 'ten' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save query' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('parameters.0.default: must be an integer');
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/queries')).toBe(false);
  });

  it('deletes a saved query after confirming', async () => {
    // happy-dom has no window.confirm: answer "no", then "yes".
    const confirm = vi.fn<(message?: string) => boolean>().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
    renderPanel();
    const del = await screen.findByRole('button', { name: 'Delete Every parameter type' });
    fireEvent.click(del);
    expect(api.calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(del);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Every parameter type' })).toBeNull());
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(confirm.mock.calls[0]![0]).toContain('Every parameter type');
    expect(api.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/queries/saved-every-type']);
  });
});
