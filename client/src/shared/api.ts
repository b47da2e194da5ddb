// The one way the client calls the explorer API: typed by the shared schemas in model/api.ts,
// with every failure turned into an ApiError that says what went wrong.
import {
  healthSchema,
  type CypherResult,
  type ExpandRequest,
  type ExpandResponse,
  type Graph,
  type Health,
  type Meta,
  type NodeDetails,
  type PathsRequest,
  type PathsResponse,
  type Progress,
  type QueryRefusalReason,
  type SavedQuery,
  type SavedQueryInput,
  type SearchResult,
  type SystemPhase,
} from '../../../model/api.js';
import type { ExportFormat, ExportOptions, Snapshot, SnapshotChanges, SnapshotSummary, ViewDocument } from '../../../model/snapshot.js';

/** Where the explorer was when it answered 503: starting (with the seed's progress) or restarting. */
export interface ApiErrorState {
  phase?: SystemPhase;
  progress?: Progress;
  /** On a refused query (400 QUERY_REJECTED): why. */
  reason?: QueryRefusalReason;
}

export class ApiError extends Error {
  readonly phase?: SystemPhase;
  readonly progress?: Progress;
  readonly reason?: QueryRefusalReason;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    state: ApiErrorState = {},
  ) {
    super(message);
    if (state.phase !== undefined) this.phase = state.phase;
    if (state.progress !== undefined) this.progress = state.progress;
    if (state.reason !== undefined) this.reason = state.reason;
  }

  /** Neo4j or the server itself is out of reach: show the banner and offer a retry. */
  get unavailable(): boolean {
    return this.status === 503 || this.status === 0 || this.status === 502;
  }

  /** The explorer is still loading its data: the same request will work once it is ready. */
  get starting(): boolean {
    return this.status === 503 && this.code === 'STARTING';
  }
}

type ErrorBody = { error?: { code: string; message: string; field?: string } & ApiErrorState } | null;

// The server refuses these without a JSON Content-Type, even with no body (a DELETE): a page on
// another site cannot send that header without a CORS preflight, which is the point.
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      headers: UNSAFE_METHODS.has(method) || body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The explorer server is unreachable.');
  }
}

function failure(res: Response, data: ErrorBody): ApiError {
  const error = data?.error;
  return new ApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The server answered ${res.status}.`, error?.field, {
    ...(error?.phase === undefined ? {} : { phase: error.phase }),
    ...(error?.progress === undefined ? {} : { progress: error.progress }),
    ...(error?.reason === undefined ? {} : { reason: error.reason }),
  });
}

/**
 * GET /api/health. A 503 that carries a health body is an answer too (starting, or Neo4j
 * restarting), not a failure: only an unreachable server or an unexpected body throws.
 */
async function health(): Promise<Health> {
  const res = await send('GET', '/api/health');
  const data: unknown = await res.json().catch(() => null);
  if (res.ok || res.status === 503) {
    const parsed = healthSchema.safeParse(data);
    if (parsed.success) return parsed.data;
  }
  throw failure(res, data as ErrorBody);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as ErrorBody;
  if (!res.ok) throw failure(res, data);
  return data as T;
}

/** A file the server makes (an export): the body as a Blob, or the API's error. */
async function requestFile(method: string, path: string, body?: unknown): Promise<Blob> {
  const res = await send(method, path, body);
  if (!res.ok) throw failure(res, (await res.json().catch(() => null)) as ErrorBody);
  return res.blob();
}

const snapshotUrl = (id: string) => `/api/snapshots/${encodeURIComponent(id)}`;

export const api = {
  health,
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
  snapshots: () => request<{ snapshots: SnapshotSummary[] }>('GET', '/api/snapshots'),
  snapshot: (id: string) => request<Snapshot>('GET', snapshotUrl(id)),
  createSnapshot: (document: ViewDocument) => request<Snapshot>('POST', '/api/snapshots', { document }),
  replaceSnapshot: (id: string, document: ViewDocument) => request<Snapshot>('PUT', snapshotUrl(id), { document }),
  patchSnapshot: (id: string, patch: { title?: string; caption?: string }) => request<SnapshotSummary>('PATCH', snapshotUrl(id), patch),
  duplicateSnapshot: (id: string, title?: string) => request<Snapshot>('POST', `${snapshotUrl(id)}/duplicate`, title === undefined ? {} : { title }),
  deleteSnapshot: (id: string) => request<void>('DELETE', snapshotUrl(id)),
  snapshotChanges: (id: string) => request<SnapshotChanges>('GET', `${snapshotUrl(id)}/changes`),
  /** A view that is not saved (the canvas as it is), made into a file by the server. */
  exportView: (format: ExportFormat, document: ViewDocument, options?: Partial<ExportOptions>) =>
    requestFile('POST', `/api/export/${format}`, options === undefined ? { document } : { document, options }),
  /** Where a saved snapshot downloads in a format, for links. */
  snapshotExportUrl: (id: string, format: ExportFormat, options: Partial<ExportOptions> = {}) => {
    const query = new URLSearchParams(Object.entries(options).map(([k, v]) => [k, String(v)])).toString();
    return `${snapshotUrl(id)}/export/${format}${query ? `?${query}` : ''}`;
  },
};

/** TanStack Query keys of the snapshot data, shared by the features that read and change it. */
export const snapshotKeys = {
  all: ['snapshots'] as const,
  list: () => ['snapshots', 'list'] as const,
  one: (id: string) => ['snapshots', 'one', id] as const,
  changes: (id: string) => ['snapshots', 'changes', id] as const,
};
