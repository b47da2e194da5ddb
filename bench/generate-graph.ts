// Synthetic threat-network graph of the product's own model, for benchmarks: every label of the
// model (plus :Entity), every non-derived relationship type with endpoints its allow-list permits,
// evidence on every relationship, a few derived REPORTED_IN, and varied names for full-text search.
// Deterministic: the same size and seed give the same graph, the same picks and the same queries.
//
// Sizes: `--nodes N` counts every node, sources included; `--rels M` counts the evidence-bearing
// relationships; the derived REPORTED_IN come on top (about M / 20, reported separately).
//
// Run on its own (`tsx bench/generate-graph.ts --nodes N --rels M`) it needs NEO4J_URI (and
// NEO4J_PASSWORD) pointing at an empty database, or `--dry-run` to plan without writing;
// `npm run bench:api` runs it against its own disposable instance.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LABELS, NODE_LABELS, REL_TYPES, REL_TYPE_INFO, type NodeLabel, type RelType } from '@model/graph-model.js';
import { relationshipId } from '@model/records.js';
import { loadConfig } from '../server/config.js';
import { cypher, withSchemaNames } from '../server/db/statements.js';
import { Database } from '../server/db/database.js';
import { applySchema } from '../server/db/schema.js';
import { mulberry32, type Rng } from './random.js';

export const DEFAULT_NODES = 100_000;
export const DEFAULT_RELS = 1_000_000;
export const DEFAULT_SEED = 20_241_015;
/** Bumped whenever the generated graph changes, so a stored benchmark instance is not reused. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_BATCH_SIZE = 10_000;

/** Neighbours an expand-benchmark node should have. */
export const HUB_DEGREE = 50;
/** Shortest distance of the path-benchmark pairs. */
export const PAIR_DISTANCE = 4;
/** Every REPORTED_IN_EVERY-th relationship gets its first source derived as REPORTED_IN. */
const REPORTED_IN_EVERY = 20;

// ---- deterministic randomness ----

function mix32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** An independent stream for item `index` of `stream`: props can be made in any order. */
function rngFor(seed: number, stream: number, index: number): Rng {
  return mulberry32(mix32(seed, stream, index));
}

const STREAM = { plan: 1, node: 2, edge: 3, picks: 4, queries: 5 } as const;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// ---- words: small lists, combined, so names repeat words the way real ones do ----

const ADJECTIVES = [
  'star',
  'midnight',
  'forest',
  'seashell',
  'cadet',
  'aqua',
  'volt',
  'salt',
  'silk',
  'linen',
  'mint',
  'peach',
  'crimson',
  'emerald',
  'ruby',
  'onyx',
  'velvet',
  'cotton',
  'charcoal',
  'ember',
  'granite',
  'hazel',
  'ivory',
  'jade',
  'lilac',
  'marble',
  'nickel',
  'opal',
  'pearl',
  'quartz',
  'rust',
  'sapphire',
  'umber',
  'violet',
  'walnut',
  'amber',
  'bronze',
  'cobalt',
  'denim',
  'ebony',
  'flax',
  'golden',
  'indigo',
  'juniper',
  'khaki',
  'lemon',
  'mango',
  'olive',
  'plum',
  'raven',
  'sable',
  'teal',
  'wheat',
  'zinc',
  'brass',
  'canary',
  'dune',
  'frozen',
  'hidden',
  'silent',
] as const;
const ACTOR_NOUNS = [
  'blizzard',
  'typhoon',
  'sandstorm',
  'sleet',
  'tempest',
  'flood',
  'tsunami',
  'cyclone',
  'hail',
  'storm',
  'squall',
  'monsoon',
  'drizzle',
  'frost',
  'gale',
  'thunder',
  'whirlwind',
  'hurricane',
  'avalanche',
  'mist',
  'bear',
  'panda',
  'kitten',
  'chollima',
  'spider',
  'jackal',
] as const;
const GANG_NOUNS = [
  'locker',
  'syndicate',
  'crew',
  'collective',
  'brigade',
  'legion',
  'cartel',
  'army',
  'team',
  'cell',
  'squad',
  'front',
  'network',
  'guild',
] as const;
const TOOL_NOUNS = [
  'loader',
  'stealer',
  'wiper',
  'beacon',
  'dropper',
  'backdoor',
  'implant',
  'botnet',
  'locker',
  'agent',
  'rat',
  'keylogger',
  'crypter',
  'miner',
  'shell',
  'tunnel',
  'proxy',
  'worm',
] as const;
const ORG_NOUNS = [
  'media',
  'holdings',
  'networks',
  'systems',
  'group',
  'institute',
  'ministry',
  'agency',
  'press',
  'consulting',
  'labs',
  'foundation',
  'broadcasting',
  'telecom',
  'bank',
  'solutions',
  'daily',
  'times',
] as const;
const TARGET_NOUNS = [
  'grid',
  'hospitals',
  'water utilities',
  'ports',
  'universities',
  'voters',
  'diaspora',
  'journalists',
  'defence contractors',
  'pipelines',
  'railways',
  'satellites',
  'routers',
  'cameras',
  'banks',
  'ministries',
  'think tanks',
  'dissidents',
] as const;
const CAMPAIGN_NOUNS = [
  'harvest',
  'echo',
  'mirage',
  'shadow',
  'lantern',
  'doppelganger',
  'ghostwriter',
  'spamouflage',
  'whisper',
  'phantom',
  'mask',
  'veil',
  'chorus',
  'overload',
  'matryoshka',
  'bridge',
  'falcon',
] as const;
const DOMAIN_WORDS = ['news', 'daily', 'post', 'info', 'report', 'truth', 'voice', 'times', 'login', 'secure', 'update', 'portal'] as const;
const DOMAIN_TLDS = ['example', 'invalid', 'test'] as const;
const STATE_SUFFIXES = ['ia', 'istan', 'land', 'ovia', 'ania'] as const;
const GIVEN_NAMES = [
  'ivan',
  'dmitry',
  'olga',
  'sergei',
  'anna',
  'wei',
  'li',
  'mei',
  'jun',
  'reza',
  'ali',
  'maryam',
  'kim',
  'park',
  'yuri',
  'nadia',
  'alexei',
  'elena',
  'hassan',
  'leila',
  'chen',
  'xiao',
  'boris',
  'irina',
] as const;
const FAMILY_NAMES = [
  'petrov',
  'ivanov',
  'smirnov',
  'volkov',
  'zhang',
  'wang',
  'liu',
  'huang',
  'hosseini',
  'karimi',
  'rahimi',
  'jong',
  'sokolov',
  'morozov',
  'novak',
  'kuznetsov',
  'popov',
  'lebedev',
  'zhou',
  'sun',
] as const;
const ROLES = ['officer', 'operator', 'developer', 'administrator', 'spokesperson', 'director', 'contractor', 'analyst'] as const;
const PUBLISHERS = [
  'Synthetic Security Blog',
  'Example Threat Intelligence',
  'Test Department of Justice',
  'Sample Daily',
  'Mock Cyber Agency',
] as const;
const ALIAS_PREFIXES = ['APT', 'UNC', 'TA', 'DEV', 'Storm', 'G', 'FIN', 'TAG'] as const;
const EVIDENCE_VERBS = ['reported', 'assessed', 'observed', 'alleged', 'documented', 'confirmed'] as const;

const KIND_ENUMS = {
  actorType: ['state-agency', 'state-unit', 'intrusion-set', 'influence-actor', 'unknown'],
  proxyType: ['ransomware-gang', 'cybercrime-group', 'hacktivist-front', 'contractor', 'front-company', 'influence-contractor', 'unknown'],
  toolType: ['malware', 'ransomware', 'rat', 'wiper', 'botnet', 'ai-tool', 'tool'],
  status: ['seized', 'taken-down', 'active', 'unknown'],
  targetType: ['sector', 'institution', 'organization', 'population', 'devices', 'country'],
  campaignType: ['influence', 'espionage', 'destructive', 'ransomware', 'hack-and-leak', 'mixed'],
  orgType: ['company', 'media', 'government-agency', 'legislature', 'international', 'ngo'],
  sourceType: ['news-article', 'report', 'blog-post', 'indictment', 'press-release', 'advisory', 'sanctions-notice', 'hearing'],
} as const;

// ---- shape of the graph ----

/** Share of the nodes per label (sums to 1). */
const LABEL_SHARE: Record<NodeLabel, number> = {
  State: 0.003,
  ThreatActor: 0.07,
  ProxyGang: 0.08,
  Tool: 0.12,
  Technique: 0.01,
  Domain: 0.17,
  Target: 0.12,
  Election: 0.012,
  Campaign: 0.095,
  EnforcementAction: 0.005,
  Organization: 0.14,
  Person: 0.165,
  Source: 0.01,
};

/** Share of the relationships per type (relative weights). REPORTED_IN is derived, not drawn. */
const TYPE_WEIGHT: Record<RelType, number> = {
  SPONSORS: 4,
  DIRECTS: 4,
  COLLABORATES_WITH: 8,
  OUTSOURCES_TO: 3,
  FUNDS: 3,
  EMPLOYS: 6,
  ATTRIBUTED_TO: 8,
  USES: 12,
  OPERATES: 8,
  IMPERSONATES: 4,
  TARGETS: 14,
  INTERFERES_IN: 2,
  CONDUCTS: 6,
  SEIZED: 2,
  DISRUPTED: 2,
  BANNED: 1,
  INDICTED: 2,
  SANCTIONED: 3,
  TESTIFIED_BEFORE: 1,
  REPORTED_IN: 0,
};

/** Pareto exponent of the per-node weights: a heavy tail of well-connected actors. */
const PARETO_ALPHA = 2;
const MAX_WEIGHT = 1000;

export interface GraphSize {
  nodes: number;
  rels: number;
}

export interface PlanOptions extends GraphSize {
  seed?: number;
}

export interface LabelRange {
  label: NodeLabel;
  start: number;
  count: number;
}

export interface TypeRange {
  type: RelType;
  start: number;
  count: number;
}

/** What a benchmark uses from the generated graph, all chosen deterministically. */
export interface GraphPicks {
  /** Nodes with about HUB_DEGREE relationships (non-derived, both directions). */
  hubs: Array<{ id: string; degree: number }>;
  /** Pairs whose shortest undirected distance over the non-derived types is exactly PAIR_DISTANCE. */
  pairs: Array<{ from: string; to: string }>;
  /** Nodes for the details benchmark: the hubs and a random sample of entities. */
  detailNodes: string[];
  /** Search phrases: prefixes, typos, two-word and name-with-number queries. */
  searchQueries: Array<{ q: string; kind: 'prefix' | 'typo' | 'phrase' | 'name' }>;
}

export interface GraphStats {
  nodesPerLabel: Record<string, number>;
  relationshipsPerType: Record<string, number>;
  derivedReportedIn: number;
  degree: { mean: number; median: number; p99: number; max: number; isolated: number };
}

export interface SyntheticGraph {
  size: GraphSize;
  seed: number;
  labelRanges: LabelRange[];
  typeRanges: TypeRange[];
  /** Relationship e runs from node from[e] to node to[e]; types in contiguous typeRanges. */
  from: Int32Array;
  to: Int32Array;
  /** Derived REPORTED_IN: entity reportedFrom[i] to source reportedTo[i]. */
  reportedFrom: Int32Array;
  reportedTo: Int32Array;
  picks: GraphPicks;
  stats: GraphStats;
}

/** Splits `total` by `weights`, largest remainder, every positive weight getting at least `min`. */
function apportion(total: number, weights: number[], min: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const floors = weights.map((w) => (w > 0 ? Math.max(min, Math.floor((total * w) / sum)) : 0));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rest: w > 0 ? (total * w) / sum - Math.floor((total * w) / sum) : -1 }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length * 2; k++) {
    const slot = order[k % order.length]!;
    if (slot.rest < 0) continue;
    floors[slot.i]! += 1;
    left -= 1;
  }
  for (let k = 0; left < 0 && k < order.length * 2; k++) {
    const slot = order[order.length - 1 - (k % order.length)]!;
    if (floors[slot.i]! > min) {
      floors[slot.i]! -= 1;
      left += 1;
    }
  }
  return floors;
}

export function nodeId(graph: Pick<SyntheticGraph, 'labelRanges'>, index: number): string {
  return `${LABELS[labelOf(graph, index)].idPrefix}--syn-${index}`;
}

function labelOf(graph: Pick<SyntheticGraph, 'labelRanges'>, index: number): NodeLabel {
  for (const range of graph.labelRanges) if (index < range.start + range.count) return range.label;
  throw new Error(`node index ${index} out of range`);
}

/** Plans the whole graph in memory (typed arrays), without a database. */
export function planGraph(options: PlanOptions): SyntheticGraph {
  const seed = options.seed ?? DEFAULT_SEED;
  const { nodes, rels } = options;
  if (!Number.isSafeInteger(nodes) || nodes < NODE_LABELS.length * 2)
    throw new Error(`--nodes must be an integer of at least ${NODE_LABELS.length * 2}`);
  if (!Number.isSafeInteger(rels) || rels < REL_TYPES.length) throw new Error(`--rels must be an integer of at least ${REL_TYPES.length}`);
  const rng = rngFor(seed, STREAM.plan, 0);

  // Nodes: contiguous ranges per label, in model order.
  const labelCounts = apportion(
    nodes,
    NODE_LABELS.map((l) => LABEL_SHARE[l]),
    1,
  );
  const labelRanges: LabelRange[] = [];
  let start = 0;
  NODE_LABELS.forEach((label, i) => {
    labelRanges.push({ label, start, count: labelCounts[i]! });
    start += labelCounts[i]!;
  });
  const rangeOf = new Map(labelRanges.map((r) => [r.label, r]));
  const sources = rangeOf.get('Source')!;
  if (rels > 0.2 * (nodes - sources.count) ** 2) throw new Error('--rels is too large for --nodes (the graph would be nearly complete)');

  // Per-node weight (Pareto), and per-label cumulative weights for sampling.
  const weight = new Float64Array(nodes);
  for (let i = 0; i < nodes; i++) weight[i] = Math.min(MAX_WEIGHT, (1 - rng()) ** (-1 / PARETO_ALPHA));
  const cumulative = new Map<NodeLabel, Float64Array>();
  for (const range of labelRanges) {
    const c = new Float64Array(range.count);
    let sum = 0;
    for (let k = 0; k < range.count; k++) {
      sum += weight[range.start + k]!;
      c[k] = sum;
    }
    cumulative.set(range.label, c);
  }
  const totalWeight = (label: NodeLabel) => {
    const c = cumulative.get(label)!;
    return c[c.length - 1] ?? 0;
  };
  const sampleIn = (label: NodeLabel): number => {
    const c = cumulative.get(label)!;
    const x = rng() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return rangeOf.get(label)!.start + lo;
  };
  const sampleLabel = (labels: readonly NodeLabel[], totals: number[]): NodeLabel => {
    const sum = totals.reduce((a, b) => a + b, 0);
    let x = rng() * sum;
    for (let k = 0; k < labels.length; k++) {
      x -= totals[k]!;
      if (x < 0) return labels[k]!;
    }
    return labels[labels.length - 1]!;
  };

  // Relationships: contiguous ranges per type; one per (from, type, to), no loops.
  const drawnTypes = REL_TYPES.filter((t) => !REL_TYPE_INFO[t].derived && TYPE_WEIGHT[t] > 0);
  const typeCounts = apportion(
    rels,
    drawnTypes.map((t) => TYPE_WEIGHT[t]),
    1,
  );
  const from = new Int32Array(rels);
  const to = new Int32Array(rels);
  const typeRanges: TypeRange[] = [];
  const seen = new Set<number>();
  let e = 0;
  drawnTypes.forEach((type, t) => {
    const count = typeCounts[t] ?? 0;
    const info = REL_TYPE_INFO[type];
    const fromTotals = info.from.map(totalWeight);
    const toTotals = info.to.map(totalWeight);
    const begin = e;
    const maxAttempts = count * 20 + 100;
    for (let attempt = 0; e < begin + count; attempt++) {
      if (attempt >= maxAttempts) throw new Error(`could not place ${count} ${type} relationships: make --rels smaller or --nodes larger`);
      const a = sampleIn(sampleLabel(info.from, fromTotals));
      const b = sampleIn(sampleLabel(info.to, toTotals));
      if (a === b) continue;
      const key = (a * drawnTypes.length + t) * nodes + b;
      if (seen.has(key)) continue;
      seen.add(key);
      from[e] = a;
      to[e] = b;
      e++;
    }
    typeRanges.push({ type, start: begin, count });
  });
  seen.clear();

  const graph: SyntheticGraph = {
    size: { nodes, rels },
    seed,
    labelRanges,
    typeRanges,
    from,
    to,
    reportedFrom: new Int32Array(0),
    reportedTo: new Int32Array(0),
    picks: { hubs: [], pairs: [], detailNodes: [], searchQueries: [] },
    stats: {
      nodesPerLabel: {},
      relationshipsPerType: {},
      derivedReportedIn: 0,
      degree: { mean: 0, median: 0, p99: 0, max: 0, isolated: 0 },
    },
  };

  // Derived REPORTED_IN: for every REPORTED_IN_EVERY-th relationship, each end to its first source.
  const reported = new Map<number, [number, number]>();
  for (let r = 0; r < rels; r += REPORTED_IN_EVERY) {
    const source = edgeSourceIndexes(graph, r)[0]!;
    for (const end of [from[r]!, to[r]!]) reported.set(end * sources.count + (source - sources.start), [end, source]);
  }
  graph.reportedFrom = Int32Array.from([...reported.values()].map(([a]) => a));
  graph.reportedTo = Int32Array.from([...reported.values()].map(([, b]) => b));

  // Undirected adjacency (CSR) of the non-derived relationships: what expand and paths traverse.
  const degree = new Int32Array(nodes);
  for (let r = 0; r < rels; r++) {
    degree[from[r]!]! += 1;
    degree[to[r]!]! += 1;
  }
  const offsets = new Int32Array(nodes + 1);
  for (let i = 0; i < nodes; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const adjacency = new Int32Array(rels * 2);
  const fill = offsets.slice(0, nodes);
  for (let r = 0; r < rels; r++) {
    adjacency[fill[from[r]!]!++] = to[r]!;
    adjacency[fill[to[r]!]!++] = from[r]!;
  }

  graph.picks = choosePicks(graph, degree, offsets, adjacency);
  const sortedDegrees = Int32Array.from(degree.subarray(0, sources.start)).sort();
  graph.stats = {
    nodesPerLabel: Object.fromEntries(labelRanges.map((r) => [r.label, r.count])),
    relationshipsPerType: Object.fromEntries(typeRanges.map((r) => [r.type, r.count])),
    derivedReportedIn: graph.reportedFrom.length,
    degree: {
      mean: Math.round(((rels * 2) / Math.max(1, sources.start)) * 10) / 10,
      median: sortedDegrees[Math.floor(sortedDegrees.length / 2)] ?? 0,
      p99: sortedDegrees[Math.floor(sortedDegrees.length * 0.99)] ?? 0,
      max: sortedDegrees[sortedDegrees.length - 1] ?? 0,
      isolated: sortedDegrees.filter((d) => d === 0).length,
    },
  };
  return graph;
}

function choosePicks(graph: SyntheticGraph, degree: Int32Array, offsets: Int32Array, adjacency: Int32Array): GraphPicks {
  const rng = rngFor(graph.seed, STREAM.picks, 0);
  const entities = graph.labelRanges.find((r) => r.label === 'Source')!.start; // sources come last
  const shuffled = Int32Array.from({ length: entities }, (_, i) => i);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }

  // Hubs: ~HUB_DEGREE relationships, widening the band only if the graph has too few.
  const wanted = 50;
  const hubs: GraphPicks['hubs'] = [];
  const taken = new Set<number>();
  for (const band of [2, 5, 10, 20]) {
    for (let k = 0; k < shuffled.length && hubs.length < wanted; k++) {
      const n = shuffled[k]!;
      if (!taken.has(n) && Math.abs(degree[n]! - HUB_DEGREE) <= band) {
        taken.add(n);
        hubs.push({ id: nodeId(graph, n), degree: degree[n]! });
      }
    }
    if (hubs.length >= wanted) break;
  }

  // Pairs at distance exactly PAIR_DISTANCE: a bounded BFS (depth PAIR_DISTANCE) from random starts.
  const pairs: GraphPicks['pairs'] = [];
  const dist = new Int8Array(degree.length).fill(-1);
  const queue = new Int32Array(degree.length);
  const maxStarts = 400;
  for (let s = 0; s < maxStarts && s < shuffled.length && pairs.length < wanted; s++) {
    const start = shuffled[(s * 7919) % shuffled.length]!;
    if (degree[start] === 0) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    dist[start] = 0;
    const atDistance: number[] = [];
    while (head < tail) {
      const n = queue[head++]!;
      const d = dist[n]!;
      if (d === PAIR_DISTANCE) {
        atDistance.push(n);
        continue;
      }
      for (let k = offsets[n]!; k < offsets[n + 1]!; k++) {
        const m = adjacency[k]!;
        if (dist[m] === -1) {
          dist[m] = d + 1;
          queue[tail++] = m;
        }
      }
    }
    for (let k = 0; k < tail; k++) dist[queue[k]!] = -1;
    if (atDistance.length > 0)
      pairs.push({ from: nodeId(graph, start), to: nodeId(graph, atDistance[Math.floor(rng() * atDistance.length)]!) });
  }

  const detailNodes = hubs.map((h) => h.id);
  for (let k = 0; k < shuffled.length && detailNodes.length < hubs.length + wanted; k++) {
    const id = nodeId(graph, shuffled[shuffled.length - 1 - k]!);
    if (!detailNodes.includes(id)) detailNodes.push(id);
  }
  return { hubs, pairs, detailNodes, searchQueries: searchQueries(graph) };
}

/** Search phrases a person would type: word prefixes, one-edit typos, two words, a name with its number. */
function searchQueries(graph: SyntheticGraph): GraphPicks['searchQueries'] {
  const rng = rngFor(graph.seed, STREAM.queries, 0);
  const words = [...ADJECTIVES, ...ACTOR_NOUNS, ...TOOL_NOUNS, ...GANG_NOUNS, ...CAMPAIGN_NOUNS].filter((w) => w.length >= 5);
  const typo = (word: string): string => {
    const at = intBetween(rng, 1, word.length - 2);
    const edit = intBetween(rng, 0, 2);
    if (edit === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2); // swap
    if (edit === 1) return word.slice(0, at) + word.slice(at + 1); // drop
    const letter = 'aeioustrnl'[intBetween(rng, 0, 9)]!;
    return word.slice(0, at) + (letter === word[at] ? 'x' : letter) + word.slice(at + 1); // substitute
  };
  const queries: GraphPicks['searchQueries'] = [];
  for (let k = 0; k < 20; k++) {
    const word = pick(rng, words);
    queries.push({ q: word.slice(0, intBetween(rng, 3, Math.min(6, word.length - 1))), kind: 'prefix' });
  }
  for (let k = 0; k < 20; k++) queries.push({ q: typo(pick(rng, words)), kind: 'typo' });
  for (let k = 0; k < 10; k++)
    queries.push({
      q: `${pick(rng, ADJECTIVES)} ${typo(
        pick(
          rng,
          ACTOR_NOUNS.filter((w) => w.length >= 5),
        ),
      )}`,
      kind: 'phrase',
    });
  // A whole name, as pasted from a report (domains left out: their names are one token string).
  const entities = graph.labelRanges.find((r) => r.label === 'Source')!.start;
  for (let k = 0, names = 0; k < 100 && names < 10; k++) {
    const n = Math.floor(rng() * entities);
    if (labelOf(graph, n) === 'Domain') continue;
    queries.push({ q: String(nodeProps(graph, n).name).toLowerCase(), kind: 'name' });
    names++;
  }
  return queries;
}

// ---- properties, made on demand from (seed, index) ----

function partialDateOf(rng: Rng, fromYear = 2014): string {
  const year = intBetween(rng, fromYear, 2024);
  const precision = rng();
  if (precision < 0.3) return String(year);
  const month = String(intBetween(rng, 1, 12)).padStart(2, '0');
  if (precision < 0.6) return `${year}-${month}`;
  return `${year}-${month}-${String(intBetween(rng, 1, 28)).padStart(2, '0')}`;
}

function fullDateOf(rng: Rng): string {
  return `${intBetween(rng, 2014, 2024)}-${String(intBetween(rng, 1, 12)).padStart(2, '0')}-${String(intBetween(rng, 1, 28)).padStart(2, '0')}`;
}

function iso2Of(rng: Rng): string {
  const letters = 'ABCDEFGHIKLMNOPRSTUVYZ';
  return letters[intBetween(rng, 0, letters.length - 1)]! + letters[intBetween(rng, 0, letters.length - 1)]!;
}

function aliasesOf(rng: Rng, adjective: string, noun: string, n: number): string[] {
  const count = intBetween(rng, 0, 3);
  const aliases: string[] = [];
  for (let k = 0; k < count; k++) {
    const form = intBetween(rng, 0, 2);
    if (form === 0) aliases.push(`${pick(rng, ALIAS_PREFIXES)}${intBetween(rng, 1, 9999)}`);
    else if (form === 1) aliases.push(`${capitalise(pick(rng, ADJECTIVES))} ${capitalise(pick(rng, ACTOR_NOUNS))}`);
    else aliases.push(`${capitalise(adjective)}${capitalise(noun.replace(/\s+/g, ''))}${n % 100}`);
  }
  return [...new Set(aliases)];
}

/** Every property of node `n` (its label's own properties included, as the seed has them). */
export function nodeProps(graph: Pick<SyntheticGraph, 'labelRanges' | 'seed'>, n: number): Record<string, unknown> {
  const rng = rngFor(graph.seed, STREAM.node, n);
  const label = labelOf(graph, n);
  const adjective = pick(rng, ADJECTIVES);
  const Adj = capitalise(adjective);
  let noun: string;
  let name: string;
  let extra: Record<string, unknown>;
  switch (label) {
    case 'State':
      noun = pick(rng, STATE_SUFFIXES);
      name = `Republic of ${Adj}${noun} ${n}`;
      extra = { iso2: iso2Of(rng) };
      break;
    case 'ThreatActor':
      noun = pick(rng, ACTOR_NOUNS);
      name = `${Adj} ${capitalise(noun)} ${n}`;
      extra = { actorType: pick(rng, KIND_ENUMS.actorType) };
      break;
    case 'ProxyGang':
      noun = pick(rng, GANG_NOUNS);
      name = `${Adj} ${capitalise(noun)} ${n}`;
      extra = { proxyType: pick(rng, KIND_ENUMS.proxyType) };
      break;
    case 'Tool':
      noun = pick(rng, TOOL_NOUNS);
      // Half run the words together, as many malware names do ("QuartzKeylogger").
      name = rng() < 0.5 ? `${Adj}${capitalise(noun)} ${n}` : `${Adj} ${capitalise(noun)} ${n}`;
      extra = { toolType: pick(rng, KIND_ENUMS.toolType) };
      break;
    case 'Technique':
      noun = pick(rng, TOOL_NOUNS);
      name = `${Adj} ${capitalise(noun)} Technique ${n}`;
      extra = { externalId: `T${intBetween(rng, 1000, 1999)}` };
      break;
    case 'Domain':
      noun = pick(rng, DOMAIN_WORDS);
      name = `${adjective}-${noun}-${n}.${pick(rng, DOMAIN_TLDS)}`;
      extra = { status: pick(rng, KIND_ENUMS.status) };
      break;
    case 'Target':
      noun = pick(rng, TARGET_NOUNS);
      name = `${Adj} ${noun.split(' ').map(capitalise).join(' ')} ${n}`;
      extra = { targetType: pick(rng, KIND_ENUMS.targetType), country: iso2Of(rng) };
      break;
    case 'Election':
      noun = pick(rng, ['presidential', 'parliamentary', 'general', 'regional']);
      name = `${Adj}${pick(rng, STATE_SUFFIXES)} ${capitalise(noun)} Election ${n}`;
      extra = { country: iso2Of(rng), date: fullDateOf(rng) };
      break;
    case 'Campaign': {
      noun = pick(rng, CAMPAIGN_NOUNS);
      name = `Operation ${Adj} ${capitalise(noun)} ${n}`;
      const firstSeen = partialDateOf(rng);
      extra = { campaignType: pick(rng, KIND_ENUMS.campaignType), firstSeen };
      break;
    }
    case 'EnforcementAction':
      noun = pick(rng, CAMPAIGN_NOUNS);
      name = `Seizure of ${Adj} ${capitalise(noun)} domains ${n}`;
      extra = { actionType: 'domain-seizure', date: fullDateOf(rng), domainsSeized: intBetween(rng, 1, 120) };
      break;
    case 'Organization':
      noun = pick(rng, ORG_NOUNS);
      name = `${Adj} ${capitalise(noun)} ${n}`;
      extra = { orgType: pick(rng, KIND_ENUMS.orgType), country: iso2Of(rng) };
      break;
    case 'Person':
      noun = pick(rng, FAMILY_NAMES);
      name = `${capitalise(pick(rng, GIVEN_NAMES))} ${capitalise(noun)} ${n}`;
      extra = { role: pick(rng, ROLES) };
      break;
    case 'Source': {
      noun = pick(rng, ACTOR_NOUNS);
      const title = `${pick(rng, PUBLISHERS)} on ${Adj} ${capitalise(noun)} activity ${n}`;
      name = title;
      extra = {
        publisher: pick(rng, PUBLISHERS),
        title,
        published: fullDateOf(rng),
        url: `https://synthetic.example/reports/${n}`,
        sourceType: pick(rng, KIND_ENUMS.sourceType),
      };
      break;
    }
  }
  return {
    id: nodeId(graph, n),
    name,
    aliases: label === 'Source' ? [] : aliasesOf(rng, adjective, noun, n),
    summary: `${name} is a synthetic ${label} for benchmarks, linked to ${adjective} ${noun} activity against ${pick(rng, TARGET_NOUNS)} since ${intBetween(rng, 2010, 2024)}.`,
    ...extra,
  };
}

function edgeSourceIndexes(graph: Pick<SyntheticGraph, 'labelRanges' | 'seed'>, e: number): number[] {
  const rng = rngFor(graph.seed, STREAM.edge, e);
  const sources = graph.labelRanges.find((r) => r.label === 'Source')!;
  const count = Math.min(sources.count, intBetween(rng, 1, 3));
  const picked: number[] = [];
  for (let k = 0; k < count * 4 && picked.length < count; k++) {
    const s = sources.start + Math.floor(rng() * sources.count);
    if (!picked.includes(s)) picked.push(s);
  }
  return picked;
}

function typeOf(graph: SyntheticGraph, e: number): RelType {
  for (const range of graph.typeRanges) if (e < range.start + range.count) return range.type;
  throw new Error(`relationship index ${e} out of range`);
}

/** The evidence properties of relationship `e`: id, sources, summary, confidence, firstSeen (, lastSeen). */
export function edgeProps(graph: SyntheticGraph, e: number): Record<string, unknown> {
  const rng = rngFor(graph.seed ^ 0x5eed, STREAM.edge, e);
  const type = typeOf(graph, e);
  const from = nodeId(graph, graph.from[e]!);
  const to = nodeId(graph, graph.to[e]!);
  const firstSeen = partialDateOf(rng);
  const props: Record<string, unknown> = {
    id: relationshipId({ from, type, to }),
    sources: edgeSourceIndexes(graph, e).map((s) => nodeId(graph, s)),
    summary: `Synthetic evidence: ${pick(rng, PUBLISHERS)} ${pick(rng, EVIDENCE_VERBS)} that ${from} ${REL_TYPE_INFO[type].meaning.split(' (')[0]} ${to}.`,
    confidence: intBetween(rng, 5, 20) * 5,
    firstSeen,
  };
  if (rng() < 0.3) props.lastSeen = `${intBetween(rng, Number(firstSeen.slice(0, 4)) + 1, 2025)}`;
  return props;
}

// ---- loading ----

export interface LoadOptions {
  batchSize?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

interface RelationshipRow {
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface LoadReport {
  nodes: number;
  relationships: number;
  derivedReportedIn: number;
  seconds: { schema: number; nodes: number; relationships: number; reportedIn: number; total: number };
}

/** Applies the schema, then writes the planned graph in batched UNWIND transactions. */
export async function loadGraph(db: Database, graph: SyntheticGraph, options: LoadOptions = {}): Promise<LoadReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const log = options.log ?? (() => {});
  const started = performance.now();
  const lap = (since: number) => Math.round((performance.now() - since) / 100) / 10;
  const checkAborted = () => {
    if (options.signal?.aborted) throw new Error('generation interrupted');
  };

  let t = performance.now();
  await applySchema(db);
  const schemaSeconds = lap(t);

  t = performance.now();
  for (const range of graph.labelRanges) {
    const query = withSchemaNames(cypher('bench/create-nodes'), { label: range.label });
    for (let i = 0; i < range.count; i += batchSize) {
      checkAborted();
      const rows: Record<string, unknown>[] = [];
      for (let n = range.start + i; n < range.start + Math.min(range.count, i + batchSize); n++) rows.push(nodeProps(graph, n));
      await db.write((tx) => tx.run(query, { rows }));
    }
  }
  const nodeSeconds = lap(t);
  log(`  ${graph.size.nodes} nodes in ${nodeSeconds} s`);

  t = performance.now();
  let written = 0;
  let nextReport = 100_000;
  for (const range of graph.typeRanges) {
    const query = withSchemaNames(cypher('bench/create-relationships'), { type: range.type });
    for (let i = 0; i < range.count; i += batchSize) {
      checkAborted();
      const rows: RelationshipRow[] = [];
      for (let e = range.start + i; e < range.start + Math.min(range.count, i + batchSize); e++) {
        rows.push({ from: nodeId(graph, graph.from[e]!), to: nodeId(graph, graph.to[e]!), props: edgeProps(graph, e) });
      }
      await db.write((tx) => tx.run(query, { rows }));
      written += rows.length;
      if (written >= nextReport) {
        log(`  ${written} / ${graph.size.rels} relationships (${lap(t)} s)`);
        nextReport += 100_000;
      }
    }
  }
  const relSeconds = lap(t);
  log(`  ${graph.size.rels} relationships in ${relSeconds} s`);

  t = performance.now();
  const reportedQuery = withSchemaNames(cypher('bench/create-relationships'), { type: 'REPORTED_IN' });
  for (let i = 0; i < graph.reportedFrom.length; i += batchSize) {
    checkAborted();
    const rows: RelationshipRow[] = [];
    for (let k = i; k < Math.min(graph.reportedFrom.length, i + batchSize); k++) {
      const from = nodeId(graph, graph.reportedFrom[k]!);
      const source = nodeId(graph, graph.reportedTo[k]!);
      rows.push({
        from,
        to: source,
        props: {
          id: relationshipId({ from, type: 'REPORTED_IN', to: source }),
          sources: [source],
          summary: 'Cited as evidence for a synthetic relationship involving this entity.',
          confidence: 100,
        },
      });
    }
    await db.write((tx) => tx.run(reportedQuery, { rows }));
  }
  const reportedSeconds = lap(t);
  log(`  ${graph.reportedFrom.length} derived REPORTED_IN in ${reportedSeconds} s`);

  return {
    nodes: graph.size.nodes,
    relationships: graph.size.rels,
    derivedReportedIn: graph.reportedFrom.length,
    seconds: { schema: schemaSeconds, nodes: nodeSeconds, relationships: relSeconds, reportedIn: reportedSeconds, total: lap(started) },
  };
}

/** Nodes (:Entity) and relationships (all types) the database holds, from the count store. */
export async function graphCounts(db: Database): Promise<{ nodes: number; relationships: number }> {
  const result = await db.read((tx) => tx.run(cypher('bench/counts')));
  const row = result.records[0];
  return { nodes: Number(row?.get('nodes') ?? 0), relationships: Number(row?.get('relationships') ?? 0) };
}

/** `--nodes N --rels M` (and the benchmark's own options) from argv. */
export function parseSize(argv: string[]): GraphSize & { seed: number } {
  const { values } = parseArgs({
    args: argv,
    options: { nodes: { type: 'string' }, rels: { type: 'string' }, seed: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const int = (value: unknown, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    const n = Number(String(value).replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, not "${String(value)}"`);
    return n;
  };
  return {
    nodes: int(values.nodes, DEFAULT_NODES, 'nodes'),
    rels: int(values.rels, DEFAULT_RELS, 'rels'),
    seed: int(values.seed, DEFAULT_SEED, 'seed'),
  };
}

// ---- stand-alone use ----

async function main(argv: string[]): Promise<number> {
  const size = parseSize(argv);
  const dryRun = argv.includes('--dry-run');
  let t = performance.now();
  const graph = planGraph(size);
  console.log(`planned in ${Math.round(performance.now() - t)} ms: ${JSON.stringify(graph.stats)}`);
  console.log(
    `picks: ${graph.picks.hubs.length} hubs, ${graph.picks.pairs.length} distance-${PAIR_DISTANCE} pairs, ${graph.picks.searchQueries.length} queries`,
  );
  if (dryRun) return 0;

  const config = loadConfig();
  if (!config.NEO4J_URI) {
    console.error(
      'Set NEO4J_URI (and NEO4J_PASSWORD) to an empty Neo4j to load into, or use --dry-run. `npm run bench:api` runs its own instance.',
    );
    return 2;
  }
  const db = new Database({
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD ?? '',
    database: config.NEO4J_DATABASE,
  });
  try {
    const counts = await graphCounts(db);
    if (counts.nodes > 0) {
      console.error(
        `The database at ${config.NEO4J_URI} is not empty (${counts.nodes} entities): the generator writes only into an empty one.`,
      );
      return 1;
    }
    t = performance.now();
    const report = await loadGraph(db, graph, { log: (m) => console.log(m) });
    console.log(`generated in ${Math.round((performance.now() - t) / 100) / 10} s: ${JSON.stringify(report)}`);
    return 0;
  } finally {
    await db.close();
  }
}

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
