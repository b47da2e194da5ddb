// GET /api/search?q=&labels=&limit=: ranked full-text search over names, aliases and ids.
import neo4j from 'neo4j-driver';
import { searchQuerySchema, type SearchQuery, type SearchResult } from '@model/api.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { toPlain } from '../db/to-json.js';
import type { ReadLimits } from '../http/limits.js';
import type { WarmUpSample } from '../db/warm-up-sample.js';
import { luceneQuery } from './lucene.js';

export async function searchGraph(db: Database, query: SearchQuery, limits: ReadLimits): Promise<SearchResult> {
  const params = searchQueryParams(query);
  if (!params) return { results: [] };
  const result = await db.read((tx) => tx.run(cypher('search/fulltext'), params), { timeoutMs: limits.readTimeoutMs });
  return {
    results: result.records.map((r) => {
      const row = toPlain(r.toObject()) as SearchResult['results'][number];
      return { ...row, summary: shorten(row.summary, 200) };
    }),
  };
}

/** Runs the search once on real data (see server/warm-up.ts). */
export async function warmUpSearch(db: Database, limits: ReadLimits, sample: WarmUpSample): Promise<void> {
  await searchGraph(db, searchQuerySchema.parse({ q: sample.name.slice(0, 200) }), limits);
}

/** The parameters of search/fulltext for a request, or null when no word is left to search for; the benchmark runs the same. */
export function searchQueryParams({ q, labels, limit }: SearchQuery) {
  const lucene = luceneQuery(q);
  return lucene ? searchParams(q, lucene, labels ?? null, limit) : null;
}

/** The parameters of search/fulltext. */
export function searchParams(q: string, lucene: string, labels: string[] | null, limit: number) {
  // Candidates beyond the limit, so re-weighting and a label filter (applied after the index)
  // still have enough to choose from.
  const fetch = Math.min(labels ? limit * 10 : limit * 3, 1000);
  return { lucene, text: q.trim().toLowerCase(), labels, fetch: neo4j.int(fetch), limit: neo4j.int(limit) };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
