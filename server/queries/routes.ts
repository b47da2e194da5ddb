// Queries people write: the built-ins in cypher/queries/, researchers' saved ones (stored in
// Neo4j), and the console. All run through one read-only runner, and a query that would write
// cannot be saved.
import type { SavedQuery, SavedQueryInput } from '@model/api.js';
import { ENDPOINTS } from '@model/contract.js';
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
  const auditSubject = async ({ id }: Record<string, unknown>) => {
    const before = typeof id === 'string' ? await store.get(id) : null;
    return before && { id: before.id, name: before.name };
  };
  const { router, on } = endpointRouter({ ...options, auditSubject });
  // With accounts on, queries read nodes by label only (they could otherwise read :User nodes).
  const labelledOnly = options.access?.mode === 'local';
  const runnerLimits = { rowCap: limits.cypherRowCap, timeoutMs: limits.cypherTimeoutMs, labelledOnly };

  async function find(id: string): Promise<SavedQuery> {
    const query = builtInQueries().find((q) => q.id === id) ?? (await store.get(id));
    if (!query) throw notFound(id);
    return query;
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

  on(ENDPOINTS.listQueries, async () => ({ queries: [...builtInQueries(), ...(await store.list())] }));
  on(ENDPOINTS.getQuery, ({ params }) => find(params.id));
  on(ENDPOINTS.saveQuery, async ({ body }) => store.create(await checked(body)));
  on(ENDPOINTS.updateQuery, async ({ params, body }) => {
    if (isBuiltIn(params.id)) throw new ForbiddenError('id', 'Built-in queries cannot be changed; save a copy instead.');
    const updated = await store.update(params.id, await checked(body));
    if (!updated) throw notFound(params.id);
    return updated;
  });
  on(ENDPOINTS.deleteQuery, async ({ params }) => {
    if (isBuiltIn(params.id)) throw new ForbiddenError('id', 'Built-in queries cannot be deleted.');
    if (!(await store.delete(params.id))) throw notFound(params.id);
  });
  on(ENDPOINTS.runQuery, async ({ params, body }) => {
    const query = await find(params.id);
    return runReadOnly(db, query.cypher, bindParameters(query.parameters, body.params), runnerLimits);
  });
  on(ENDPOINTS.exportQuery, async ({ params, body }) => {
    const query = await find(params.id);
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
