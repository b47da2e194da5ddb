// Queries people write: the built-ins in cypher/queries/, researchers' saved ones (stored in
// Neo4j), and the console. All run through one read-only runner, and a query that would write
// cannot be saved.
import type { SavedQuery, SavedQueryInput } from '@model/api.js';
import { ENDPOINTS } from '@model/contract.js';
import { DEFAULT_VISIBILITY, canManage, canOpen, type Caller } from '@model/sharing.js';
import { LOCAL_ADMIN } from '../auth/access.js';
import { jsonToCypherParams } from '../db/json-params.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.js';
import { endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { EXPORT_MEDIA_TYPES, exportFileName } from '@model/snapshot.js';
import { exportStixOrFail } from '../stix/export.js';
import { builtInQueries } from './builtins.js';
import { bindParameters, checkValue } from './parameters.js';
import { explainReadOnly, runReadOnly } from './read-only-runner.js';
import { SavedQueryStore } from './saved-query-store.js';

const isBuiltIn = (id: string) => builtInQueries().some((q) => q.id === id);
const notFound = (id: string) => new NotFoundError('id', `No saved query with id "${id}"`);

export function queriesRoutes({ db, limits, ...options }: FeatureContext) {
  const store = new SavedQueryStore(db, limits.readTimeoutMs);
  // An audit event's `before`: the saved query's name as it was.
  const { router, on } = endpointRouter(options);
  // With accounts on, queries read nodes by label only (they could otherwise read :User nodes).
  const labelledOnly = options.access?.mode === 'local';
  const runnerLimits = { rowCap: limits.cypherRowCap, timeoutMs: limits.cypherTimeoutMs, labelledOnly };

  /** A query the caller may see: one they may not is 404, as if it did not exist (its id does not leak). */
  async function find(id: string, who: Caller): Promise<SavedQuery> {
    const query = builtInQueries().find((q) => q.id === id) ?? (await store.get(id));
    if (!query || !canOpen(query, who)) throw notFound(id);
    return query;
  }

  /** A saved query the caller may change: its owner or an admin (403 for others who see it). */
  /** A saved query the caller may change, as an audit event's `before` (its name as it was). */
  async function owned(id: string, who: Caller): Promise<{ id: string; name: string }> {
    if (isBuiltIn(id)) throw new ForbiddenError('id', 'Built-in queries cannot be changed or deleted; save a copy instead.');
    const query = await find(id, who);
    if (!canManage(query, who)) throw new ForbiddenError('id', 'Only its owner or an admin may change or delete it.');
    return { id: query.id, name: query.name };
  }

  /** Parameters declared once each, defaults of their type, and a query Neo4j plans as a read. */
  async function checked<T extends Required<Pick<SavedQueryInput, 'cypher' | 'parameters'>>>(input: T): Promise<T> {
    const names = new Set<string>();
    input.parameters.forEach((p, i) => {
      if (names.has(p.name)) throw new InvalidInputError(`parameters.${i}.name`, `parameters.${i}.name: "${p.name}" is declared twice`);
      names.add(p.name);
      if (p.default !== undefined && p.default !== null) checkValue(p, p.default, `parameters.${i}.default`);
    });
    // EXPLAIN needs no values; defaults are passed where declared, converted like real values.
    const explainParams = Object.fromEntries(
      input.parameters.filter((p) => p.default != null).map((p) => [p.name, checkValue(p, p.default, p.name)]),
    );
    await explainReadOnly(db, input.cypher, explainParams, limits.cypherTimeoutMs, labelledOnly);
    return input;
  }

  on(ENDPOINTS.listQueries, async (_input, { principal }) => ({
    queries: [...builtInQueries(), ...(await store.list(principal ?? LOCAL_ADMIN))],
  }));
  on(ENDPOINTS.getQuery, ({ params }, { principal }) => find(params.id, principal ?? LOCAL_ADMIN));
  on(ENDPOINTS.saveQuery, async ({ body }, { principal }) =>
    store.create(await checked(body), (principal ?? LOCAL_ADMIN).username, body.visibility ?? DEFAULT_VISIBILITY),
  );
  on(ENDPOINTS.updateQuery, async ({ params, body }, { principal, audit }) => {
    audit.before = await owned(params.id, principal ?? LOCAL_ADMIN);
    const updated = await store.update(params.id, await checked(body));
    if (!updated) throw notFound(params.id);
    return updated;
  });
  on(ENDPOINTS.deleteQuery, async ({ params }, { principal, audit }) => {
    audit.before = await owned(params.id, principal ?? LOCAL_ADMIN);
    if (!(await store.delete(params.id))) throw notFound(params.id);
  });
  on(ENDPOINTS.runQuery, async ({ params, body }, { principal }) => {
    const query = await find(params.id, principal ?? LOCAL_ADMIN);
    return runReadOnly(db, query.cypher, bindParameters(query.parameters, body.params), runnerLimits);
  });
  on(ENDPOINTS.exportQuery, async ({ params, body }, { principal }) => {
    const query = await find(params.id, principal ?? LOCAL_ADMIN);
    const result = await runReadOnly(db, query.cypher, bindParameters(query.parameters, body.params), runnerLimits);
    const text = await exportStixOrFail(db, { nodes: result.nodes, edges: result.edges });
    return {
      body: Buffer.from(text, 'utf8'),
      mediaType: EXPORT_MEDIA_TYPES.stix.mediaType,
      filename: exportFileName(query.name, 'stix', 'query'),
    };
  });
  on(ENDPOINTS.cypher, ({ body }) => runReadOnly(db, body.query, jsonToCypherParams(body.params) as Record<string, unknown>, runnerLimits));
  return router;
}
