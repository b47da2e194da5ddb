// GET /api/search?q=&labels=&limit=: ranked full-text search over names, aliases and ids.
import { Router } from 'express';
import neo4j from 'neo4j-driver';
import { searchQuerySchema, type SearchResult } from '../../model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/cypher-files.js';
import { toPlain } from '../db/to-json.js';
import type { ReadLimits } from '../http/limits.js';
import { parseInput } from '../http/validate.js';
import { luceneQuery } from './lucene.js';

export function searchRouter(db: Database, limits: ReadLimits): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const { q, labels, limit } = parseInput(searchQuerySchema, req.query, 'query');
    const lucene = luceneQuery(q);
    if (!lucene) {
      res.json({ results: [] } satisfies SearchResult);
      return;
    }
    // A label filter is applied after the index, so fetch more candidates then.
    const fetch = labels ? Math.min(limit * 10, 1000) : limit;
    const result = await db.read(
      (tx) => tx.run(cypher('search/fulltext'), { lucene, labels: labels ?? null, fetch: neo4j.int(fetch), limit: neo4j.int(limit) }),
      { timeoutMs: limits.readTimeoutMs },
    );
    const body: SearchResult = {
      results: result.records.map((r) => {
        const row = toPlain(r.toObject()) as SearchResult['results'][number];
        return { ...row, summary: shorten(row.summary, 200) };
      }),
    };
    res.json(body);
  });
  return router;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
