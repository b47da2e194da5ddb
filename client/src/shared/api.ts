// The one way the client calls the explorer API: each call names an endpoint of the contract
// (model/contract.ts), which types what it sends and what it gets; every failure becomes an
// ApiError that says what went wrong.
import type { Progress, QueryRefusalReason, SystemPhase } from '@model/api.js';
import { ENDPOINTS, endpointPath, type Endpoint, type EndpointInput, type EndpointResponse } from '@model/contract.js';
import { SHARE_TOKEN_HEADER, type Visibility } from '@model/sharing.js';
import type { ExportFormat, ExportOptions, ViewDocument } from '@model/snapshot.js';

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

/**
 * A guest's page (/share#<token>): the share token goes in a header with every call (never in a
 * URL), and node details come from the guest endpoint of the shared snapshot, so that the features
 * (the inspector) work unchanged. Null on the explorer's own pages.
 */
let guest: { token: string; snapshotId: string | null } | null = null;

export function setGuest(token: string | null, snapshotId: string | null = null): void {
  guest = token === null ? null : { token, snapshotId };
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = UNSAFE_METHODS.has(method) || body !== undefined ? { 'content-type': 'application/json' } : {};
  if (guest) headers[SHARE_TOKEN_HEADER] = guest.token;
  try {
    return await fetch(path, {
      method,
      headers,
      // A file (an upload) goes as it is: the endpoint reads the raw body.
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The explorer server is unreachable.');
  }
}

/** Dispatched on window when the API answers 401 (no session, or it ended): the sign-in gate listens. */
export const SIGNED_OUT_EVENT = 'explorer:signed-out';

function failure(res: Response, data: ErrorBody): ApiError {
  const error = data?.error;
  if (res.status === 401 && typeof window !== 'undefined') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  return new ApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The server answered ${res.status}.`, error?.field, {
    ...(error?.phase === undefined ? {} : { phase: error.phase }),
    ...(error?.progress === undefined ? {} : { progress: error.progress }),
    ...(error?.reason === undefined ? {} : { reason: error.reason }),
  });
}

type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

function url(e: Endpoint, input: { params?: Record<string, string>; query?: Record<string, QueryValue> }): string {
  const path = endpointPath(e, input.params);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value !== undefined) query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

type Args<E extends Endpoint> = {} extends EndpointInput<E> ? [input?: EndpointInput<E>] : [input: EndpointInput<E>];

/**
 * Calls an endpoint. An answer the contract declares (health's 503 included: it says where the
 * explorer is) is returned; any other status throws an ApiError.
 */
export async function call<E extends Endpoint>(e: E, ...[input]: Args<E>): Promise<EndpointResponse<E>> {
  const given = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, QueryValue>; body?: unknown };
  const res = await send(e.method.toUpperCase(), url(e, given), given.body);
  const declared = e.responses[res.status as keyof Endpoint['responses']];
  if (declared === 'empty' || declared === 'redirect') return undefined as EndpointResponse<E>;
  if (declared === 'file') return (await res.blob()) as EndpointResponse<E>;
  const data: unknown = await res.json().catch(() => null);
  // A 503 from a proxy in front of the server is not the explorer's: only a body of the declared shape counts.
  if (declared !== undefined && (res.ok || declared.safeParse(data).success)) return data as EndpointResponse<E>;
  throw failure(res, data as ErrorBody);
}

const E = ENDPOINTS;

/** The explorer API, one function per action, each a `call` of its endpoint. */
export const api = {
  health: () => call(E.health),
  me: () => call(E.me),
  authConfig: () => call(E.authConfig),
  login: (username: string, password: string) => call(E.login, { body: { username, password } }),
  logout: () => call(E.logout),
  meta: () => call(E.meta),
  search: (q: string, limit = 10) => call(E.search, { query: { q, limit } }),
  node: (id: string) =>
    guest?.snapshotId ? call(E.guestNode, { params: { id: guest.snapshotId, nodeId: id } }) : call(E.node, { params: { id } }),
  expand: (body: EndpointInput<typeof E.expand>['body']) => call(E.expand, { body }),
  subgraph: (ids: string[]) => call(E.subgraph, { body: { ids } }),
  paths: (body: EndpointInput<typeof E.paths>['body']) => call(E.paths, { body }),
  queries: () => call(E.listQueries),
  saveQuery: (body: EndpointInput<typeof E.saveQuery>['body']) => call(E.saveQuery, { body }),
  deleteQuery: (id: string) => call(E.deleteQuery, { params: { id } }),
  runQuery: (id: string, params: Record<string, unknown>) => call(E.runQuery, { params: { id }, body: { params } }),
  cypher: (query: string, params: Record<string, unknown> = {}) => call(E.cypher, { body: { query, params } }),
  snapshots: () => call(E.listSnapshots),
  snapshot: (id: string) => call(E.getSnapshot, { params: { id } }),
  createSnapshot: (document: ViewDocument, visibility?: Visibility) =>
    call(E.createSnapshot, { body: visibility === undefined ? { document } : { document, visibility } }),
  replaceSnapshot: (id: string, document: ViewDocument) => call(E.replaceSnapshot, { params: { id }, body: { document } }),
  patchSnapshot: (id: string, patch: { title?: string; caption?: string; visibility?: Visibility }) =>
    call(E.patchSnapshot, { params: { id }, body: patch }),
  shareLinks: (id: string) => call(E.listShareLinks, { params: { id } }),
  createShareLink: (id: string, expiresAt?: string) =>
    call(E.createShareLink, { params: { id }, body: expiresAt === undefined ? {} : { expiresAt } }),
  revokeShareLink: (id: string, shareId: string) => call(E.revokeShareLink, { params: { id, shareId } }),
  /** The snapshot a guest's share token opens (setGuest first). */
  guestSnapshot: () => call(E.guestSnapshot),
  guestExport: (id: string, format: ExportFormat) => call(E.guestExport, { params: { id, format } }),
  duplicateSnapshot: (id: string, title?: string) =>
    call(E.duplicateSnapshot, { params: { id }, body: title === undefined ? {} : { title } }),
  deleteSnapshot: (id: string) => call(E.deleteSnapshot, { params: { id } }),
  snapshotChanges: (id: string) => call(E.snapshotChanges, { params: { id } }),
  /** A view that is not saved (the canvas as it is), made into a file by the server. */
  exportView: (format: ExportFormat, document: ViewDocument, options?: Partial<ExportOptions>) =>
    call(E.exportView, { params: { format }, body: options === undefined ? { document } : { document, options } }),
  /** A STIX bundle file: uploaded and dry-run; nothing is written until confirmed. */
  importStix: (file: File) => call(E.importStix, { query: { name: file.name }, body: file }),
  confirmImport: (importId: string, map?: Record<string, string>) =>
    call(E.confirmImport, { params: { importId }, body: map === undefined ? {} : { map } }),
  cancelImport: (importId: string) => call(E.cancelImport, { params: { importId } }),
  // ---- admin: accounts and the audit trail ----
  users: () => call(E.listUsers),
  createUser: (body: EndpointInput<typeof E.createUser>['body']) => call(E.createUser, { body }),
  setUserRole: (username: string, role: EndpointInput<typeof E.setUserRole>['body']['role']) =>
    call(E.setUserRole, { params: { username }, body: { role } }),
  disableUser: (username: string) => call(E.disableUser, { params: { username } }),
  enableUser: (username: string) => call(E.enableUser, { params: { username } }),
  resetPassword: (username: string, password: string) => call(E.resetPassword, { params: { username }, body: { password } }),
  audit: (query: NonNullable<EndpointInput<typeof E.auditEvents>['query']>) => call(E.auditEvents, { query }),
  /** Where the audit trail downloads as CSV with these filters, for a link. */
  auditCsvUrl: (query: { user?: string; action?: string; from?: string; to?: string; limit?: number }) => url(E.auditCsv, { query }),
  /** Where a saved snapshot downloads in a format, for links. */
  snapshotExportUrl: (id: string, format: ExportFormat, options: Partial<ExportOptions> = {}) =>
    url(E.exportSnapshot, { params: { id, format }, query: options }),
};
