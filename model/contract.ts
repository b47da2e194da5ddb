// The endpoint contract: every endpoint of the explorer API, declared once. The server mounts its
// handlers from this table (input validated on the way in, responses checked in tests and
// development), the OpenAPI document is generated from it, and the client's calls are typed by it.
import { z } from 'zod';
import * as api from './api.js';
import * as audit from './audit.js';
import type { AuditAction } from './audit.js';
import * as auth from './auth.js';
import type { Role } from './auth.js';
import * as share from './sharing.js';
import * as snap from './snapshot.js';
import * as stix from './stix-import.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The business component that serves an endpoint; also its OpenAPI tag. */
export type EndpointArea = 'graph' | 'queries' | 'snapshots' | 'system' | 'auth' | 'admin';

export type { Role } from './auth.js';

/** A response that is not an error: JSON of a schema, a file download, no body (204), or a redirect (302, to the URL the handler returns). */
export type ResponseBody = z.ZodType | 'file' | 'empty' | 'redirect';

/** Error statuses an endpoint can answer with, on top of those every endpoint can give (see `errorStatuses`). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 501 | 503 | 504;

export interface Endpoint {
  method: HttpMethod;
  /** Express style, `:name` for a path parameter. */
  path: string;
  area: EndpointArea;
  /** The least role that may call it (required: a new endpoint cannot forget to say). */
  role: Role;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The answers that are not errors, by status; the first is the usual one. */
  responses: Partial<Record<200 | 201 | 204 | 302 | 503, ResponseBody>>;
  errors: readonly ErrorStatus[];
  /** Served while the explorer starts or Neo4j is away (health, the API's description). */
  alwaysServed?: boolean;
  /** Largest body in bytes; 1 MB when not set. */
  bodyBytesMax?: number;
  /**
   * A body that is not parsed but handed to the handler as a stream of bytes (an uploaded file),
   * of this media type and at most this size; `body` is then not set.
   */
  rawBody?: { mediaType: 'application/json'; bytesMax: number; description: string };
  /** A write: each successful call appends one audit event of this action (server/audit). */
  audit?: AuditAction;
}

const endpoint = <const E extends Endpoint>(e: E): E => e;

export const DEFAULT_BODY_BYTES_MAX = 1024 * 1024;

const entityIdParams = z.object({ id: api.entityId });
const queryIdParams = z.object({ id: api.entityId });
const snapshotIdParams = z.object({ id: snap.snapshotId });
const formatParams = z.object({ format: snap.exportFormatSchema });
const view = { bodyBytesMax: snap.SNAPSHOT_LIMITS.bodyBytesMax } as const;
/** Reads that run Cypher: Neo4j away (503), too slow (504). */
const READ = [503, 504] as const;

export const ENDPOINTS = {
  // ---- system ----
  health: endpoint({
    method: 'get',
    path: '/api/health',
    area: 'system',
    role: 'viewer',
    summary:
      'Ready (200) only when the data is complete and Neo4j answers; 503 with the phase while starting or while Neo4j is out of reach',
    responses: { 200: api.healthSchema, 503: api.healthSchema },
    errors: [],
    alwaysServed: true,
  }),
  liveness: endpoint({
    method: 'get',
    path: '/api/health/live',
    area: 'system',
    role: 'anonymous',
    summary: 'Liveness: 200 while the process runs, ready or not',
    responses: { 200: api.livenessSchema },
    errors: [],
    alwaysServed: true,
  }),
  openApi: endpoint({
    method: 'get',
    path: '/api/openapi.json',
    area: 'system',
    role: 'viewer',
    summary: 'This API, as an OpenAPI 3.1 document generated from the endpoint contract',
    responses: { 200: z.record(z.string(), z.unknown()) },
    errors: [],
    alwaysServed: true,
  }),

  // ---- auth: accounts and sessions (AUTH=local; with AUTH=none everyone is the local admin) ----
  login: endpoint({
    method: 'post',
    path: '/api/auth/login',
    area: 'auth',
    role: 'anonymous',
    summary: 'Sign in: sets a new session cookie; every failure is the same 401, slowed after repeated failures',
    body: auth.loginRequestSchema,
    responses: { 200: auth.authUserSchema },
    errors: [400, 401, 409],
    audit: 'login.success',
  }),
  logout: endpoint({
    method: 'post',
    path: '/api/auth/logout',
    area: 'auth',
    role: 'anonymous',
    summary: 'Sign out: ends the session on the server and clears the cookie',
    responses: { 204: 'empty' },
    errors: [],
    audit: 'logout',
  }),
  me: endpoint({
    method: 'get',
    path: '/api/auth/me',
    area: 'auth',
    role: 'viewer',
    summary: 'Who is signed in, with the auth mode; 401 without a session',
    responses: { 200: auth.authUserSchema },
    errors: [401],
  }),
  authConfig: endpoint({
    method: 'get',
    path: '/api/auth/config',
    area: 'auth',
    role: 'anonymous',
    summary: 'How to sign in: the auth mode, and with AUTH=oidc the identity provider',
    responses: { 200: auth.authConfigSchema },
    errors: [],
  }),
  oidcLogin: endpoint({
    method: 'get',
    path: '/api/auth/oidc/login',
    area: 'auth',
    role: 'anonymous',
    summary: 'AUTH=oidc: redirects to the identity provider (authorization code with PKCE, state and nonce); 409 in other modes',
    responses: { 302: 'redirect' },
    errors: [409],
  }),
  oidcCallback: endpoint({
    method: 'get',
    path: '/api/auth/oidc/callback',
    area: 'auth',
    role: 'anonymous',
    summary:
      'AUTH=oidc: where the identity provider returns; sets a new session cookie and redirects to the explorer, or to the sign-in page with ?login_error=; 409 in other modes',
    responses: { 302: 'redirect' },
    errors: [409],
  }),

  // ---- graph ----
  meta: endpoint({
    method: 'get',
    path: '/api/meta',
    area: 'graph',
    role: 'viewer',
    summary: 'Labels, relationship types, counts, property keys, limits',
    responses: { 200: api.metaSchema },
    errors: [...READ],
  }),
  search: endpoint({
    method: 'get',
    path: '/api/search',
    area: 'graph',
    role: 'viewer',
    summary: 'Full-text search over names, aliases and ids',
    query: api.searchQuerySchema,
    responses: { 200: api.searchResultSchema },
    errors: [400, ...READ],
  }),
  node: endpoint({
    method: 'get',
    path: '/api/nodes/:id',
    area: 'graph',
    role: 'viewer',
    summary: 'A node, its degrees and the sources that mention it',
    params: entityIdParams,
    responses: { 200: api.nodeDetailsSchema },
    errors: [400, 404, ...READ],
  }),
  expand: endpoint({
    method: 'post',
    path: '/api/expand',
    area: 'graph',
    role: 'viewer',
    summary: 'A page of neighbours with their evidence, the total per relationship type, and whether more remain',
    body: api.expandRequestSchema,
    responses: { 200: api.expandResponseSchema },
    errors: [400, 404, ...READ],
  }),
  subgraph: endpoint({
    method: 'post',
    path: '/api/subgraph',
    area: 'graph',
    role: 'viewer',
    summary: 'Nodes and the relationships among them; ids no longer in the graph are listed as missing',
    body: api.subgraphRequestSchema,
    responses: { 200: api.subgraphResponseSchema },
    errors: [400, ...READ],
  }),
  paths: endpoint({
    method: 'post',
    path: '/api/paths',
    area: 'graph',
    role: 'viewer',
    summary: 'Paths between two entities, with the evidence of every hop',
    body: api.pathsRequestSchema,
    responses: { 200: api.pathsResponseSchema },
    errors: [400, 404, ...READ],
  }),

  // ---- queries: built-in and saved queries, and the console ----
  listQueries: endpoint({
    method: 'get',
    path: '/api/queries',
    area: 'queries',
    role: 'viewer',
    summary: 'Built-in and saved queries',
    responses: { 200: api.savedQueryListSchema },
    errors: [...READ],
  }),
  saveQuery: endpoint({
    method: 'post',
    path: '/api/queries',
    area: 'queries',
    role: 'editor',
    summary: 'Save a query (refused if it would write)',
    body: api.savedQueryInputSchema,
    responses: { 201: api.savedQuerySchema },
    errors: [400, ...READ],
    audit: 'query.create',
  }),
  getQuery: endpoint({
    method: 'get',
    path: '/api/queries/:id',
    area: 'queries',
    role: 'viewer',
    summary: 'One query',
    params: queryIdParams,
    responses: { 200: api.savedQuerySchema },
    errors: [400, 404, ...READ],
  }),
  updateQuery: endpoint({
    method: 'put',
    path: '/api/queries/:id',
    area: 'queries',
    role: 'editor',
    summary: 'Change a saved query (a built-in one is refused with 403)',
    params: queryIdParams,
    body: api.savedQueryInputSchema,
    responses: { 200: api.savedQuerySchema },
    errors: [400, 403, 404, ...READ],
    audit: 'query.update',
  }),
  deleteQuery: endpoint({
    method: 'delete',
    path: '/api/queries/:id',
    area: 'queries',
    role: 'editor',
    summary: 'Delete a saved query (a built-in one is refused with 403)',
    params: queryIdParams,
    responses: { 204: 'empty' },
    errors: [400, 403, 404, ...READ],
    audit: 'query.delete',
  }),
  runQuery: endpoint({
    method: 'post',
    path: '/api/queries/:id/run',
    area: 'queries',
    role: 'viewer',
    summary: 'Run a query with its parameters checked against their types',
    params: queryIdParams,
    body: api.runQueryRequestSchema,
    responses: { 200: api.cypherResultSchema },
    errors: [400, 404, ...READ],
  }),
  exportQuery: endpoint({
    method: 'post',
    path: '/api/queries/:id/export/stix',
    area: 'queries',
    role: 'viewer',
    summary: "Run a query with the same parameters as run and export its whole result's nodes and relationships as a STIX 2.1 bundle",
    params: queryIdParams,
    body: api.runQueryRequestSchema,
    responses: { 200: 'file' },
    errors: [400, 404, ...READ],
  }),
  cypher: endpoint({
    method: 'post',
    path: '/api/cypher',
    area: 'queries',
    role: 'viewer',
    summary: 'Read-only Cypher console; a refused query answers 400 QUERY_REJECTED with a reason',
    body: api.cypherRequestSchema,
    responses: { 200: api.cypherResultSchema },
    errors: [400, ...READ],
  }),

  // ---- snapshots and exports ----
  listSnapshots: endpoint({
    method: 'get',
    path: '/api/snapshots',
    area: 'snapshots',
    role: 'viewer',
    summary: 'Saved snapshots, newest first, without their documents',
    responses: { 200: snap.snapshotListSchema },
    errors: [...READ],
  }),
  createSnapshot: endpoint({
    method: 'post',
    path: '/api/snapshots',
    area: 'snapshots',
    role: 'editor',
    summary: 'Save a view as a snapshot',
    body: snap.saveSnapshotRequestSchema,
    responses: { 201: snap.snapshotSchema },
    errors: [400, 413, ...READ],
    ...view,
    audit: 'snapshot.create',
  }),
  getSnapshot: endpoint({
    method: 'get',
    path: '/api/snapshots/:id',
    area: 'snapshots',
    role: 'viewer',
    summary: 'A snapshot with its view document',
    params: snapshotIdParams,
    responses: { 200: snap.snapshotSchema },
    errors: [400, 404, ...READ],
  }),
  replaceSnapshot: endpoint({
    method: 'put',
    path: '/api/snapshots/:id',
    area: 'snapshots',
    role: 'editor',
    summary: 'Replace its view (and take a new baseline for changes)',
    params: snapshotIdParams,
    body: snap.saveSnapshotRequestSchema,
    responses: { 200: snap.snapshotSchema },
    errors: [400, 403, 404, 413, ...READ],
    ...view,
    audit: 'snapshot.update',
  }),
  patchSnapshot: endpoint({
    method: 'patch',
    path: '/api/snapshots/:id',
    area: 'snapshots',
    role: 'editor',
    summary: 'Rename it or change its caption',
    params: snapshotIdParams,
    body: snap.patchSnapshotRequestSchema,
    responses: { 200: snap.snapshotSchema },
    errors: [400, 403, 404, 413, ...READ],
    ...view,
    audit: 'snapshot.update',
  }),
  deleteSnapshot: endpoint({
    method: 'delete',
    path: '/api/snapshots/:id',
    area: 'snapshots',
    role: 'editor',
    summary: 'Delete a snapshot',
    params: snapshotIdParams,
    responses: { 204: 'empty' },
    errors: [400, 403, 404, ...READ],
    audit: 'snapshot.delete',
  }),
  duplicateSnapshot: endpoint({
    method: 'post',
    path: '/api/snapshots/:id/duplicate',
    area: 'snapshots',
    role: 'editor',
    summary: 'Copy it, as "Copy of <title>" or under a new title',
    params: snapshotIdParams,
    body: snap.duplicateSnapshotRequestSchema,
    responses: { 201: snap.snapshotSchema },
    errors: [400, 404, 413, ...READ],
    ...view,
    audit: 'snapshot.create',
  }),
  snapshotChanges: endpoint({
    method: 'get',
    path: '/api/snapshots/:id/changes',
    area: 'snapshots',
    role: 'viewer',
    summary: 'What changed in the database around it since it was saved',
    params: snapshotIdParams,
    responses: { 200: snap.snapshotChangesSchema },
    errors: [400, 404, ...READ],
  }),
  exportSnapshot: endpoint({
    method: 'get',
    path: '/api/snapshots/:id/export/:format',
    area: 'snapshots',
    role: 'viewer',
    summary:
      'Export a snapshot: png, svg, json, graphml, csv (zip), html or stix (a STIX 2.1 bundle), as an attachment named after its title',
    params: snapshotIdParams.extend(formatParams.shape),
    query: snap.exportOptionsSchema,
    responses: { 200: 'file' },
    errors: [400, 404, 501, ...READ],
  }),
  exportView: endpoint({
    method: 'post',
    path: '/api/export/:format',
    area: 'snapshots',
    role: 'viewer',
    summary: 'Export a view that is not saved, as an attachment named after its title',
    params: formatParams,
    body: snap.exportRequestSchema,
    responses: { 200: 'file' },
    errors: [400, 413, 501],
    ...view,
  }),

  // ---- share links of snapshots, and what a guest who holds one may read ----
  createShareLink: endpoint({
    method: 'post',
    path: '/api/snapshots/:id/share',
    area: 'snapshots',
    role: 'editor',
    summary:
      'A guest link to the snapshot (its owner or an admin): the token (256 random bits) is shown once and stored as its SHA-256; optional expiry, in the future',
    params: snapshotIdParams,
    body: share.createShareRequestSchema,
    responses: { 201: share.createShareResponseSchema },
    errors: [400, 403, 404, ...READ],
    audit: 'share.create',
  }),
  listShareLinks: endpoint({
    method: 'get',
    path: '/api/snapshots/:id/share',
    area: 'snapshots',
    role: 'editor',
    summary: "The snapshot's live share links (not revoked, not expired), for its owner or an admin",
    params: snapshotIdParams,
    responses: { 200: share.shareLinkListSchema },
    errors: [400, 403, 404, ...READ],
  }),
  revokeShareLink: endpoint({
    method: 'delete',
    path: '/api/snapshots/:id/share/:shareId',
    area: 'snapshots',
    role: 'editor',
    summary: 'Revoke a share link: its token stops working at once',
    params: snapshotIdParams.extend({ shareId: share.shareId }),
    responses: { 204: 'empty' },
    errors: [400, 403, 404, ...READ],
    audit: 'share.revoke',
  }),
  guestSnapshot: endpoint({
    method: 'get',
    path: '/api/guest/snapshot',
    area: 'snapshots',
    role: 'anonymous',
    summary:
      'The snapshot a share token opens, read-only: the token in the X-Share-Token header; a missing, unknown, revoked or expired token is 401',
    responses: { 200: snap.snapshotSchema },
    errors: [401, ...READ],
  }),
  guestExport: endpoint({
    method: 'get',
    path: '/api/guest/snapshots/:id/export/:format',
    area: 'snapshots',
    role: 'anonymous',
    summary: "Export the shared snapshot (X-Share-Token); any other snapshot's id is 404",
    params: snapshotIdParams.extend(formatParams.shape),
    query: snap.exportOptionsSchema,
    responses: { 200: 'file' },
    errors: [400, 401, 404, 501, ...READ],
  }),
  guestNode: endpoint({
    method: 'get',
    path: '/api/guest/snapshots/:id/nodes/:nodeId',
    area: 'snapshots',
    role: 'anonymous',
    summary:
      "Details of a node of the shared snapshot (X-Share-Token), for its inspector: a node the snapshot does not show or cite is 404, as is another snapshot's id",
    params: snapshotIdParams.extend({ nodeId: api.entityId }),
    responses: { 200: api.nodeDetailsSchema },
    errors: [400, 401, 404, ...READ],
  }),

  // ---- STIX import: upload (dry run), confirm, cancel ----
  importStix: endpoint({
    method: 'post',
    path: '/api/import/stix',
    area: 'graph',
    role: 'editor',
    summary:
      'Upload a STIX 2.1 bundle (the raw JSON as the body) and get the dry-run report; nothing is written until it is confirmed. An invalid bundle answers 400 naming the object and field',
    query: stix.uploadQuerySchema,
    rawBody: {
      mediaType: 'application/json',
      bytesMax: stix.STIX_UPLOAD_BYTES_MAX,
      description: 'A STIX 2.1 bundle (streamed to disk, never parsed whole)',
    },
    responses: { 201: stix.stixUploadResponseSchema },
    errors: [400, 413, ...READ],
  }),
  confirmImport: endpoint({
    method: 'post',
    path: '/api/import/stix/:importId/confirm',
    area: 'graph',
    role: 'editor',
    summary:
      "Import an uploaded bundle, all or nothing, in one write transaction; `map` decides conflicts as the CLI's --map file (409 while one is open)",
    params: z.object({ importId: stix.importId }),
    body: stix.confirmImportRequestSchema,
    responses: { 200: stix.stixImportResultSchema },
    errors: [400, 404, 409, ...READ],
    audit: 'import.stix',
  }),
  cancelImport: endpoint({
    method: 'delete',
    path: '/api/import/stix/:importId',
    area: 'graph',
    role: 'editor',
    summary: 'Cancel an upload: its file is deleted',
    params: z.object({ importId: stix.importId }),
    responses: { 204: 'empty' },
    errors: [400, 404],
  }),
  // ---- admin: accounts and the audit trail ----
  listUsers: endpoint({
    method: 'get',
    path: '/api/users',
    area: 'admin',
    role: 'admin',
    summary: 'Every account, without password hashes, with its live sessions',
    responses: { 200: audit.userListSchema },
    errors: [...READ],
  }),
  createUser: endpoint({
    method: 'post',
    path: '/api/users',
    area: 'admin',
    role: 'admin',
    summary: "Create an account with a role and an initial password (the CLI's rules); 409 if the name is taken",
    body: audit.createUserRequestSchema,
    responses: { 201: audit.userSummarySchema },
    errors: [400, 409, ...READ],
    audit: 'user.create',
  }),
  setUserRole: endpoint({
    method: 'put',
    path: '/api/users/:username/role',
    area: 'admin',
    role: 'admin',
    summary: 'Change the role of an account (applies to its live sessions at once; not your own)',
    params: audit.usernameParams,
    body: audit.setRoleRequestSchema,
    responses: { 200: audit.userSummarySchema },
    errors: [400, 404, ...READ],
    audit: 'user.role',
  }),
  disableUser: endpoint({
    method: 'post',
    path: '/api/users/:username/disable',
    area: 'admin',
    role: 'admin',
    summary: 'Disable an account and end its sessions (not your own)',
    params: audit.usernameParams,
    responses: { 200: audit.userSummarySchema },
    errors: [400, 404, ...READ],
    audit: 'user.disable',
  }),
  enableUser: endpoint({
    method: 'post',
    path: '/api/users/:username/enable',
    area: 'admin',
    role: 'admin',
    summary: 'Enable an account again',
    params: audit.usernameParams,
    responses: { 200: audit.userSummarySchema },
    errors: [400, 404, ...READ],
    audit: 'user.enable',
  }),
  resetPassword: endpoint({
    method: 'post',
    path: '/api/users/:username/password',
    area: 'admin',
    role: 'admin',
    summary: "Set a new password (the CLI's rules) and end the account's sessions",
    params: audit.usernameParams,
    body: audit.resetPasswordRequestSchema,
    responses: { 200: audit.userSummarySchema },
    errors: [400, 404, ...READ],
    audit: 'user.password-reset',
  }),
  auditEvents: endpoint({
    method: 'get',
    path: '/api/audit',
    area: 'admin',
    role: 'admin',
    summary: 'The audit trail, newest first, a page at a time (nextCursor), filtered by user, action and time',
    query: audit.auditQuerySchema,
    responses: { 200: audit.auditPageSchema },
    errors: [400, ...READ],
  }),
  auditCsv: endpoint({
    method: 'get',
    path: '/api/audit.csv',
    area: 'admin',
    role: 'admin',
    summary: 'The audit trail as CSV, newest first, with the same filters (up to limit events)',
    query: audit.auditCsvQuerySchema,
    responses: { 200: 'file' },
    errors: [400, ...READ],
  }),
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

/** Statuses any API request can get before its handler runs. */
export const COMMON_ERRORS = {
  403: 'Refused: a Host that is not this server (DNS rebinding), or a write from another web site',
  429: 'Too many requests a minute from this client (RATE_LIMIT settings)',
} as const;

/** Every status an endpoint can answer with that is an error: its own, the body checks', the common ones. */
export function errorStatuses(e: Endpoint): number[] {
  const all = new Set<number>([...e.errors, ...Object.keys(COMMON_ERRORS).map(Number)]);
  // A write must declare JSON (415), and its body may be malformed (400) or too large (413).
  if (e.method !== 'get') [400, 413, 415].forEach((s) => all.add(s));
  if (!e.alwaysServed) all.add(503);
  return [...all].sort((a, b) => a - b);
}

// ---- types derived from the table, for the client and the server alike ----

type Schema<E, K extends 'params' | 'query' | 'body'> = E extends { [P in K]: infer S extends z.ZodType } ? S : never;

/** What a caller sends: path parameters, query string and body, each where the endpoint has one. */
export type EndpointInput<E extends Endpoint> = ([Schema<E, 'params'>] extends [never]
  ? unknown
  : { params: z.input<Schema<E, 'params'>> }) &
  ([Schema<E, 'query'>] extends [never] ? unknown : { query?: z.input<Schema<E, 'query'>> }) &
  ([Schema<E, 'body'>] extends [never] ? unknown : { body: z.input<Schema<E, 'body'>> }) &
  (E extends { rawBody: object } ? { body: Blob } : unknown);

/** The same input as a handler receives it: validated, with defaults filled in. */
export type EndpointRequest<E extends Endpoint> = {
  params: [Schema<E, 'params'>] extends [never] ? Record<string, never> : z.output<Schema<E, 'params'>>;
  query: [Schema<E, 'query'>] extends [never] ? Record<string, never> : z.output<Schema<E, 'query'>>;
  body: E extends { rawBody: object }
    ? AsyncIterable<Uint8Array>
    : [Schema<E, 'body'>] extends [never]
      ? undefined
      : z.output<Schema<E, 'body'>>;
};

type BodyOf<R> = R extends z.ZodType ? z.output<R> : R extends 'file' ? Blob : undefined; // 'empty' and 'redirect': no body

/** The body of an answer with a given status. */
export type ResponseOf<E extends Endpoint, S extends keyof E['responses']> = BodyOf<E['responses'][S]>;

/** The body of the endpoint's usual answer (its first declared status). */
export type EndpointResponse<E extends Endpoint> = BodyOf<E['responses'][(200 | 201 | 204 | 302) & keyof E['responses']]>;

/** The path with its parameters filled in, each URL-encoded. */
export function endpointPath(e: Endpoint, params: Record<string, string> = {}): string {
  return e.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${e.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}
