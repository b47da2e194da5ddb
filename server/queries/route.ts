// Saved queries: the built-ins in cypher/queries/ and researchers' own, stored in Neo4j.
//   GET /api/queries, GET /api/queries/:id, POST /api/queries, PUT /api/queries/:id,
//   DELETE /api/queries/:id, POST /api/queries/:id/run { params }
// Every query runs through the read-only runner, and a query that would write cannot be saved.
import { Router } from 'express';
import { runQueryRequestSchema, savedQueryInputSchema, type SavedQuery } from '../../model/api.js';
import type { Database } from '../db/database.js';
import { explainReadOnly, runReadOnly } from '../db/read-only-cypher.js';
import { HttpError } from '../http/errors.js';
import type { ReadLimits } from '../http/limits.js';
import { parseInput } from '../http/validate.js';
import { builtInQueries } from './builtins.js';
import { bindParameters, checkValue } from './parameters.js';
import { SavedQueryStore } from './store.js';

export function queriesRouter(db: Database, limits: ReadLimits): Router {
  const router = Router();
  const store = new SavedQueryStore(db, limits.readTimeoutMs);

  async function find(id: string): Promise<SavedQuery> {
    const query = builtInQueries().find((q) => q.id === id) ?? (await store.get(id));
    if (!query) throw new HttpError(404, 'NOT_FOUND', `No saved query with id "${id}"`, 'id');
    return query;
  }

  async function checkedFields(body: unknown) {
    const input = parseInput(savedQueryInputSchema, body);
    const names = new Set<string>();
    input.parameters.forEach((p, i) => {
      if (names.has(p.name)) throw new HttpError(400, 'BAD_REQUEST', `parameters.${i}.name: "${p.name}" is declared twice`, `parameters.${i}.name`);
      names.add(p.name);
      if (p.default !== undefined && p.default !== null) checkValue(p, p.default, `parameters.${i}.default`);
    });
    // EXPLAIN needs no values; defaults are passed where declared, converted like real values.
    const explainParams = Object.fromEntries(
      input.parameters.filter((p) => p.default != null).map((p) => [p.name, checkValue(p, p.default, p.name)]),
    );
    await explainReadOnly(db, input.cypher, explainParams, limits.cypherTimeoutMs);
    return input;
  }

  router.get('/queries', async (_req, res) => {
    res.json({ queries: [...builtInQueries(), ...(await store.list())] });
  });

  router.get('/queries/:id', async (req, res) => {
    res.json(await find(req.params.id));
  });

  router.post('/queries', async (req, res) => {
    res.status(201).json(await store.create(await checkedFields(req.body)));
  });

  router.put('/queries/:id', async (req, res) => {
    if (builtInQueries().some((q) => q.id === req.params.id)) {
      throw new HttpError(403, 'FORBIDDEN', 'Built-in queries cannot be changed; save a copy instead.', 'id');
    }
    const fields = await checkedFields(req.body);
    const updated = await store.update(req.params.id, fields);
    if (!updated) throw new HttpError(404, 'NOT_FOUND', `No saved query with id "${req.params.id}"`, 'id');
    res.json(updated);
  });

  router.delete('/queries/:id', async (req, res) => {
    if (builtInQueries().some((q) => q.id === req.params.id)) {
      throw new HttpError(403, 'FORBIDDEN', 'Built-in queries cannot be deleted.', 'id');
    }
    if (!(await store.delete(req.params.id))) throw new HttpError(404, 'NOT_FOUND', `No saved query with id "${req.params.id}"`, 'id');
    res.status(204).end();
  });

  router.post('/queries/:id/run', async (req, res) => {
    const query = await find(req.params.id);
    const { params } = parseInput(runQueryRequestSchema, req.body);
    const bound = bindParameters(query.parameters, params);
    res.json(await runReadOnly(db, query.cypher, bound, { rowCap: limits.cypherRowCap, timeoutMs: limits.cypherTimeoutMs }));
  });

  return router;
}
