// The mixed workload of bench:load: search 40 %, expand 30 %, node details 20 %, 4-hop shortest
// path 10 %, each request drawn by a client's own fixed-seed PRNG over realistic inputs: for the
// seeded graph, names, aliases, prefixes and typos of the seed's entities and pairs of entities at
// most 4 hops apart; for the synthetic graph, the picks bench/generate-graph.ts makes.
// Plain data (structured-clone safe), so a load worker gets it as workerData.
import type { Dataset } from '../seed/dataset.js';
import type { GraphPicks } from './generate-graph.js';
import { mulberry32, type Rng } from './random.js';

export const ENDPOINTS = ['search', 'expand', 'details', 'paths'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export const ENDPOINT_NAMES: Record<Endpoint, string> = {
  search: 'search',
  expand: 'expand',
  details: 'node details',
  paths: 'paths (4 hops)',
};
/** Share of each endpoint in the mix, in percent (sums to 100). */
export const MIX: Record<Endpoint, number> = { search: 40, expand: 30, details: 20, paths: 10 };
export const PATH_HOPS = 4;

export interface Workload {
  searchTerms: string[];
  expandIds: string[];
  detailIds: string[];
  pathPairs: Array<{ from: string; to: string }>;
  /** What the inputs are, for the report. */
  description: string;
}

export interface Operation {
  endpoint: number;
  /** search: the term; expand, details: the id; paths: the pair. */
  input: string | { from: string; to: string };
}

/** Draws operations for one client; client k of a run with seed s always draws the same sequence. */
export function operations(workload: Workload, seed: number, client: number): () => Operation {
  const rng = mulberry32((seed ^ Math.imul(client + 1, 0x9e3779b1)) >>> 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const e of ENDPOINTS) cumulative.push((sum += MIX[e]));
  return () => {
    const x = rng() * sum;
    const endpoint = cumulative.findIndex((c) => x < c);
    switch (ENDPOINTS[endpoint]) {
      case 'search':
        return { endpoint, input: pick(rng, workload.searchTerms) };
      case 'expand':
        return { endpoint, input: pick(rng, workload.expandIds) };
      case 'details':
        return { endpoint, input: pick(rng, workload.detailIds) };
      default:
        return { endpoint, input: pick(rng, workload.pathPairs) };
    }
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

// ---- the synthetic graph ----

export function benchWorkload(picks: GraphPicks): Workload {
  return {
    searchTerms: picks.searchQueries.map((q) => q.q),
    expandIds: picks.hubs.map((h) => h.id),
    detailIds: picks.detailNodes,
    pathPairs: picks.pairs,
    description:
      `${picks.searchQueries.length} search phrases (prefixes, typos, phrases, names), ${picks.hubs.length} expand nodes ` +
      `(degree ${Math.min(...picks.hubs.map((h) => h.degree))}–${Math.max(...picks.hubs.map((h) => h.degree))}), ` +
      `${picks.detailNodes.length} detail nodes, ${picks.pairs.length} pairs at distance 4`,
  };
}

// ---- the seeded graph ----

const SEARCH_TERMS = 200;
const PATH_PAIRS = 200;

/** Inputs from the seed files (nodes, relationships), chosen with a fixed seed. */
export function seedWorkload(dataset: Pick<Dataset, 'nodes' | 'relationships'>, seed = 20_241_015): Workload {
  const rng = mulberry32(seed);
  const entities = dataset.nodes.filter((n) => n.label !== 'Source');
  const ids = new Set(entities.map((n) => n.props.id));

  // Search: whole names and aliases as pasted, prefixes as typed, and typos, about a quarter each.
  const names = entities.map((n) => String(n.props.name));
  const aliases = entities.flatMap((n) => (Array.isArray(n.props.aliases) ? n.props.aliases.map(String) : []));
  const words = [
    ...new Set([...names, ...aliases].flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 5 && !/\d/.test(w))),
  ].sort();
  const searchTerms: string[] = [];
  for (let k = 0; k < SEARCH_TERMS; k++) {
    const form = k % 4;
    if (form === 0) searchTerms.push(pick(rng, names));
    else if (form === 1) searchTerms.push(aliases.length > 0 ? pick(rng, aliases) : pick(rng, names));
    else if (form === 2) {
      const word = pick(rng, words);
      searchTerms.push(word.slice(0, 3 + Math.floor(rng() * Math.min(4, word.length - 3))).toLowerCase());
    } else searchTerms.push(typo(rng, pick(rng, words)).toLowerCase());
  }

  // Expand: entities with at least one relationship; details: every node, sources too.
  const degree = new Map<string, number>();
  const neighbours = new Map<string, string[]>();
  for (const r of dataset.relationships) {
    if (!ids.has(r.from) || !ids.has(r.to)) continue;
    degree.set(r.from, (degree.get(r.from) ?? 0) + 1);
    degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
    for (const [a, b] of [
      [r.from, r.to],
      [r.to, r.from],
    ] as const) {
      const list = neighbours.get(a) ?? [];
      list.push(b);
      neighbours.set(a, list);
    }
  }
  const expandIds = entities.map((n) => n.props.id).filter((id) => (degree.get(id) ?? 0) > 0);
  const detailIds = dataset.nodes.map((n) => n.props.id);

  // Paths: pairs at distance exactly 4 over the seed's own (non-derived) relationships, both
  // directions, as the shortest-path query walks them; nearer pairs only if there are too few.
  const byDistance = new Map<number, Array<{ from: string; to: string }>>();
  for (const from of expandIds) {
    const distance = new Map([[from, 0]]);
    let frontier = [from];
    for (let d = 1; d <= PATH_HOPS && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const n of frontier) {
        for (const m of neighbours.get(n) ?? []) {
          if (distance.has(m)) continue;
          distance.set(m, d);
          next.push(m);
        }
      }
      frontier = next;
    }
    for (const [to, d] of distance) {
      if (d < 2 || from >= to) continue;
      const list = byDistance.get(d) ?? [];
      list.push({ from, to });
      byDistance.set(d, list);
    }
  }
  const pathPairs: Array<{ from: string; to: string }> = [];
  for (let d = PATH_HOPS; d >= 2 && pathPairs.length < PATH_PAIRS; d--) {
    const pool = [...(byDistance.get(d) ?? [])];
    while (pool.length > 0 && pathPairs.length < PATH_PAIRS) {
      const [pair] = pool.splice(Math.floor(rng() * pool.length), 1);
      pathPairs.push(rng() < 0.5 ? pair! : { from: pair!.to, to: pair!.from });
    }
  }
  const atFour = Math.min(PATH_PAIRS, byDistance.get(PATH_HOPS)?.length ?? 0);
  if (searchTerms.length === 0 || expandIds.length === 0 || pathPairs.length === 0)
    throw new Error('The seed is too small for the load benchmark.');
  return {
    searchTerms,
    expandIds,
    detailIds,
    pathPairs,
    description:
      `${searchTerms.length} search terms (names, aliases, prefixes, typos), ${expandIds.length} expand nodes, ` +
      `${detailIds.length} detail nodes, ${pathPairs.length} path pairs (${atFour} at distance 4)`,
  };
}

function typo(rng: Rng, word: string): string {
  const at = 1 + Math.floor(rng() * (word.length - 2));
  const edit = Math.floor(rng() * 3);
  if (edit === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2); // swap
  if (edit === 1) return word.slice(0, at) + word.slice(at + 1); // drop
  const letter = 'aeioustrnl'[Math.floor(rng() * 10)]!;
  return word.slice(0, at) + (letter === word[at] ? 'x' : letter) + word.slice(at + 1); // substitute
}
