// The one way the client calls the explorer API: typed by the shared schemas in model/api.ts,
// with every failure turned into an ApiError that says what went wrong.
import type {
  CypherResult,
  ExpandRequest,
  ExpandResponse,
  Graph,
  Meta,
  NodeDetails,
  PathsRequest,
  PathsResponse,
  SavedQuery,
  SavedQueryInput,
  SearchResult,
} from '../../../model/api.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** Neo4j or the server itself is out of reach: show the banner and offer a retry. */
  get unavailable(): boolean {
    return this.status === 503 || this.status === 0 || this.status === 502;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The explorer server is unreachable.');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) {
    const error = data?.error;
    throw new ApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The server answered ${res.status}.`, error?.field);
  }
  return data as T;
}

export const api = {
  meta: () => request<Meta>('GET', '/api/meta'),
  search: (q: string, limit = 10) => request<SearchResult>('GET', `/api/search?${new URLSearchParams({ q, limit: String(limit) })}`),
  node: (id: string) => request<NodeDetails>('GET', `/api/nodes/${encodeURIComponent(id)}`),
  expand: (body: ExpandRequest) => request<ExpandResponse>('POST', '/api/expand', body),
  subgraph: (ids: string[]) => request<Graph & { missing: string[] }>('POST', '/api/subgraph', { ids }),
  paths: (body: PathsRequest) => request<PathsResponse>('POST', '/api/paths', body),
  queries: () => request<{ queries: SavedQuery[] }>('GET', '/api/queries'),
  saveQuery: (input: SavedQueryInput) => request<SavedQuery>('POST', '/api/queries', input),
  deleteQuery: (id: string) => request<void>('DELETE', `/api/queries/${encodeURIComponent(id)}`),
  runQuery: (id: string, params: Record<string, unknown>) => request<CypherResult>('POST', `/api/queries/${encodeURIComponent(id)}/run`, { params }),
  cypher: (query: string, params: Record<string, unknown> = {}) => request<CypherResult>('POST', '/api/cypher', { query, params }),
};
