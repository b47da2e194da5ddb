// The requests of the fuzz test (test/fuzz.test.ts): malformed and hostile requests over every
// route, each generated from the seed and its own number alone (mulberry32), so that one request
// can be rebuilt and replayed without the others. Write routes never get a valid body: each is
// checked against the route's own zod schema before it is sent (writeRisk). The one exception is
// flagged `semantic`: a saved query zod accepts but the server must refuse on its own checks (Cypher
// that would write or administer, that does not compile, a parameter declared twice or with a
// default of the wrong type); if the server saved one, the test's database fingerprint says so.
import { brotliCompressSync, constants as zlib, deflateSync, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { mulberry32, type Rng } from '../../bench/random.js';
import { checkPassword } from '../../server/auth/cli-args.js';
import { savedQueryInputSchema, type SavedQuery } from '@model/api.js';
import { AUDIT_ACTIONS, createUserRequestSchema, resetPasswordRequestSchema, setRoleRequestSchema } from '@model/audit.js';
import { ACCOUNT_ROLES } from '@model/auth.js';
import { NODE_LABELS, REL_TYPES } from '@model/graph-model.js';
import {
  EXPORT_FORMATS,
  VIEW_FORMAT,
  duplicateSnapshotRequestSchema,
  patchSnapshotRequestSchema,
  saveSnapshotRequestSchema,
} from '@model/snapshot.js';
import { createShareRequestSchema } from '@model/sharing.js';
import { confirmImportRequestSchema } from '@model/stix-import.js';
import type { Sent } from './http-request.js';

/** Requests that carry the big bodies (over 1 MB and over 16 MB): slow, so only these few. */
export const OVERSIZE_AT = [100, 1_900, 3_700, 5_500, 7_300, 9_100];

// ---------------------------------------------------------------------------------------------
// Deterministic choices

class G {
  constructor(private readonly rng: Rng) {}
  float(): number {
    return this.rng();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rng() * xs.length)]!;
  }
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((s, [w]) => s + w, 0);
    let x = this.rng() * total;
    for (const [w, v] of entries) {
      x -= w;
      if (x < 0) return v;
    }
    return entries[entries.length - 1]![1];
  }
  sample<T>(xs: readonly T[], k: number): T[] {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < k && copy.length > 0) out.push(copy.splice(Math.floor(this.rng() * copy.length), 1)[0]!);
    return out;
  }
}

/** Request n's own generator: independent of every other request, so it replays alone. */
function rngFor(seed: number, n: number): G {
  return new G(mulberry32((seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0));
}

// ---------------------------------------------------------------------------------------------
// JSON with what JSON.stringify cannot write: raw tokens (1e999, -0, 30-digit integers), keys in
// a given order with duplicates, and own "__proto__" keys.

class Raw {
  constructor(readonly text: string) {}
}
class Obj {
  constructor(readonly entries: Array<[string, unknown]>) {}
}

function emit(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v); // lone surrogates come out as \udxxx escapes, which JSON.parse restores
  if (v instanceof Raw) return v.text;
  if (v instanceof Obj) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${emit(x)}`).join(',')}}`;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string' || typeof x === 'boolean' || x === null || (typeof x === 'number' && Number.isFinite(x))))
      return JSON.stringify(v);
    return `[${v.map(emit).join(',')}]`;
  }
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${emit(x)}`)
      .join(',')}}`;
  }
  if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return 'null';
  return JSON.stringify(v);
}

/** Sets a key as an own property, "__proto__" included. */
function setKey(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Hostile values

const NASTY = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\u202Etxt.exe\u202C',
  'مرحبا بالعالم',
  'שלום עולם',
  '\u200F\u200E\u061C',
  '😀',
  '👩‍👩‍👧‍👦',
  '🏴‍☠️',
  '\uD800',
  '\uDFFF',
  'a\uDBFFz',
  '\uFEFF',
  '\uFFFF',
  '\u2028\u2029',
  'Z\u0364\u0351\u0313a\u0308\u0356l\u036Eo\u0328',
  'İstanbul',
  'ß',
  'ﬀ',
  '../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%00',
  '%E0%A4%A',
  '\r\nSet-Cookie: x=1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '") DETACH DELETE n //',
  '`',
  '\\',
  '\\u0000',
  '${7*7}',
  '{{7*7}}',
  "=cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '+1',
  '-1',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'state--russia',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e308',
  '18446744073709551616',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '*:*',
  'name:(x',
  '"',
  "'",
  '~~~',
  'AND OR NOT',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  '\u001b[31mred',
  'sandworm',
  'APT44',
  'Russia',
  'x'.repeat(200),
  ' '.repeat(300),
] as const;

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const NUMBERS: readonly unknown[] = [
  0,
  new Raw('-0'),
  1,
  -1,
  0.5,
  -0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  2 ** 64,
  -(2 ** 64),
  3,
  8,
  9,
  10,
  11,
  100,
  101,
  500,
  501,
  1_000_001,
  new Raw('1e999'),
  new Raw('-1e999'),
  new Raw('123456789012345678901234567890'),
  new Raw('1E+2'),
  new Raw('1e-400'),
  new Raw('0.0'),
  new Raw('1.0'),
  new Raw('4.0000000000000001'),
];

/** Code point ranges and their weights: ASCII, controls, Latin, RTL, CJK, format marks, lone surrogates, private use, emoji. */
const UNICODE_RANGES: ReadonlyArray<readonly [number, number, number]> = [
  [6, 0x20, 0x7e],
  [1, 0x00, 0x1f],
  [2, 0xa0, 0x24f],
  [2, 0x590, 0x6ff],
  [2, 0x4e00, 0x4fff],
  [1, 0x200b, 0x202e],
  [1, 0xd800, 0xdfff],
  [1, 0xe000, 0xe0ff],
  [2, 0x1f300, 0x1faff],
];
const UNICODE_WEIGHT = UNICODE_RANGES.reduce((s, [w]) => s + w, 0);

function unicodeString(g: G, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    let x = g.float() * UNICODE_WEIGHT;
    let range = UNICODE_RANGES[0]!;
    for (const r of UNICODE_RANGES) {
      range = r;
      x -= r[0];
      if (x < 0) break;
    }
    s += String.fromCodePoint(g.int(range[1], range[2]));
  }
  return s;
}

function hostileString(g: G): string {
  return g.weighted<() => string>([
    [6, () => g.pick(NASTY)],
    [3, () => unicodeString(g, g.int(1, 40))],
    [
      1,
      () =>
        g.pick(['x', '😀', 'ي', '\u0000', ' ']).repeat(
          g.weighted([
            [4, 201],
            [4, 1_001],
            [4, 2_001],
            [2, 20_001],
            [1, 100_000],
          ] as const),
        ),
    ],
  ])();
}

function deepNest(g: G): Raw {
  const levels = g.weighted([
    [3, 64],
    [3, 1_000],
    [6, 10_000],
    [1, 100_000],
  ] as const);
  const kind = g.pick(['object', 'array', 'mixed', 'proto'] as const);
  const open = { object: '{"a":', array: '[', mixed: '[{"a":', proto: '{"__proto__":' }[kind];
  const close = { object: '}', array: ']', mixed: '}]', proto: '}' }[kind];
  return new Raw(open.repeat(levels) + '1' + close.repeat(levels));
}

function protoObject(g: G): Json {
  const o: Json = {};
  const polluted = g.pick<unknown>([
    { polluted: true },
    { isAdmin: true, toString: 'x' },
    { prototype: { polluted: 1 } },
    [1, 2],
    'string',
    42,
    null,
  ]);
  setKey(o, g.pick(PROTO_KEYS), polluted);
  if (g.chance(0.5)) setKey(o, g.pick(PROTO_KEYS), { polluted: 'again' });
  return o;
}

function hostileValue(g: G, depth = 0): unknown {
  return g.weighted<() => unknown>([
    [8, () => hostileString(g)],
    [6, () => g.pick(NUMBERS)],
    [2, () => g.pick([true, false, null])],
    [2, () => g.pick([[], {}])],
    [depth < 3 ? 3 : 0, () => Array.from({ length: g.int(1, 5) }, () => hostileValue(g, depth + 1))],
    [
      depth < 3 ? 3 : 0,
      () => {
        const o: Json = {};
        for (let i = g.int(1, 4); i > 0; i--)
          setKey(o, g.chance(0.3) ? g.pick(PROTO_KEYS) : hostileString(g).slice(0, 50), hostileValue(g, depth + 1));
        return o;
      },
    ],
    [2, () => protoObject(g)],
    [0.7, () => deepNest(g)],
    [0.3, () => Array.from({ length: g.pick([1_000, 10_000]) }, () => g.pick(['x', 1, null]))],
  ])();
}

/** Adds prototype keys to an object inside `value`, up to `depth` levels down. */
function injectProto(g: G, value: unknown, depth: number): void {
  let target: unknown = value;
  for (let d = g.int(0, depth); d > 0; d--) {
    const children =
      target !== null && typeof target === 'object' && !(target instanceof Raw) && !(target instanceof Obj) ? Object.values(target) : [];
    const objects = children.filter((c) => c !== null && typeof c === 'object' && !(c instanceof Raw) && !(c instanceof Obj));
    if (objects.length === 0) break;
    target = g.pick(objects);
  }
  if (target === null || typeof target !== 'object' || target instanceof Raw || target instanceof Obj) return;
  const host = Array.isArray(target) ? (target.push({}), target[target.length - 1] as object) : target;
  setKey(host, g.pick(PROTO_KEYS), protoObject(g));
}

/** A path segment or query value: percent-encoded UTF-8 (lone surrogates become U+FFFD), as a browser would send it. */
function pct(s: string): string {
  return encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Segments a router cannot or should not take at face value. */
const RAW_SEGMENTS = [
  '..',
  '.',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2E%2E',
  '..%5c..%5cwindows%5cwin.ini',
  '%00',
  'state--russia%00',
  'state--russia%00.json',
  '%E0%A4%A',
  '%',
  '%zz',
  '%C0%AE%C0%AE%C0%AF',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%FF%FE',
  '%3Cscript%3E',
  'a%2Fb',
  '%20state--russia%20',
  'STATE--RUSSIA',
  'state--russia;rm%20-rf',
  '%25',
  '%252e%252e%252f',
  '~',
  '%7E',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '%u002e%u002e',
] as const;

// ---------------------------------------------------------------------------------------------
// Requests

export interface Ctx {
  entityIds: string[];
  names: string[];
  builtins: SavedQuery[];
  fixtureSnapshot: string;
  fixtureQuery: string;
  existingSnapshots: ReadonlySet<string>;
  existingQueries: ReadonlySet<string>;
  /** A live guest token of the fixture snapshot, and its link's id: guest reads get past the token check. */
  shareToken: string;
  fixtureShare: string;
  /** Every share link's id, and every account's name (lower case), before the run. */
  existingShares: ReadonlySet<string>;
  existingUsers: ReadonlySet<string>;
  /** The node ids the fixture snapshot shows (guest node details answer for these only). */
  fixtureNodes: string[];
  /** The objects of a real STIX 2.1 bundle (test/fixtures/stix/poisonivy.json), to build uploads from. */
  stixObjects: Array<Record<string, unknown>>;
}

export interface Draft {
  family: string;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  /** The JSON text as the route's parser will read it (before any Content-Encoding). */
  text?: string;
  /** Bytes to send instead of `text` (invalid UTF-8). */
  bytes?: Buffer;
  what: string[];
  /** A body zod accepts that the server must refuse on its own checks (a query that would write). */
  semantic?: boolean;
  /** Must not answer 2xx: a console query that would write or administer (named here). */
  mustFail?: string;
}

export interface FuzzRequest extends Draft {
  n: number;
  sent: Sent;
}

const SAFE_CYPHER = [
  'MATCH (n:State) RETURN n LIMIT 5',
  'MATCH (a:Entity {id: $id})--(b) RETURN b.name AS name LIMIT 10',
  'RETURN $x AS x',
  'CALL db.labels()',
  'MATCH p=(:State)-[*1..2]-(:ThreatActor) RETURN p LIMIT 3',
  'RETURN 1 AS one // a comment; with a semicolon',
  'MATCH (n) RETURN count(n) AS nodes',
  'UNWIND range(1, 5000) AS i RETURN i',
  'CALL db.index.fulltext.queryNodes("entity_search", "sandworm") YIELD node RETURN node LIMIT 3',
];
/**
 * Each would write, administer or look into other sessions (the procedures dbms.* stand for):
 * refused before it runs. None could do harm here if it did run.
 */
const WRITE_CYPHER = [
  'CREATE (n:FuzzWrite {at: 1}) RETURN n',
  'MATCH (n:FuzzNothing) DETACH DELETE n',
  'MATCH (n:FuzzNothing) SET n.fuzzed = true RETURN n',
  'MERGE (n:FuzzWrite {id: "fuzz"}) RETURN n',
  'LOAD CSV FROM "file:///etc/passwd" AS line RETURN line',
  'CALL { CREATE (:FuzzWrite) } IN TRANSACTIONS',
  'FOREACH (x IN [1] | CREATE (:FuzzWrite))',
  'MATCH (n:FuzzNothing) REMOVE n:FuzzNothing RETURN n',
  'CREATE INDEX fuzz_index IF NOT EXISTS FOR (n:FuzzWrite) ON (n.x)',
  'DROP INDEX fuzz_index_none IF EXISTS',
  'RETURN 1; CREATE (:FuzzWrite)',
  'CALL db.createLabel("FuzzWrite")',
  'CALL db.clearQueryCaches()',
  'CALL dbms.listConfig()',
  'CALL dbms.security.listUsers()',
  'SHOW USERS',
  'USE system SHOW USERS',
  'SHOW DATABASES',
  'CREATE DATABASE fuzz IF NOT EXISTS',
  'CALL apoc.help("x")',
  'TERMINATE TRANSACTIONS "neo4j-transaction-1"',
  'SHOW TRANSACTIONS',
  'SHOW SETTINGS YIELD name, value RETURN name, value',
];
const BAD_CYPHER = [
  'MATCH (n RETURN n',
  'RETURN',
  '))))',
  'RETURN 1 /* unterminated',
  "RETURN 'unterminated",
  'EXPLAIN PROFILE MATCH (n) RETURN n',
  'MATCH (n) RETURN n LIMIT -1',
  'MATCH (n) WHERE n.id = $missing RETURN n',
  'RETURN $x.y.z',
  'RETURN 1 / 0',
  'RETURN toInteger("x") + 1',
  ';;;',
  '// only a comment',
  'RETURN "\\u0000"',
  'WITH 1 AS x RETURN y',
];

/** Refused by the server before anything runs: not Cypher, empty, or more than one statement. */
const UNCOMPILABLE_CYPHER = [
  'MATCH (n RETURN n',
  'RETURN',
  '))))',
  "RETURN 'unterminated",
  'EXPLAIN PROFILE MATCH (n) RETURN n',
  'WITH 1 AS x RETURN y',
  ';;;',
  '// only a comment',
  'RETURN 1; RETURN 2',
];

const DATES = ['2014', '2016-11', '2020-02-29', '2024-12-31', '2024-13', '2024-00-10', '99999', '2024-1-1', ''];

/** A valid view document over real ids (small), for exports and as the base of broken ones. */
function plausibleDoc(g: G, ctx: Ctx): Json {
  const ids = g.sample(ctx.entityIds, g.int(0, 8));
  const nodes = ids.map((id) => ({
    group: 'nodes',
    data: {
      id,
      label: g.pick(NODE_LABELS),
      name: g.chance(0.7) ? g.pick(ctx.names) : hostileString(g).slice(0, 1_000),
      properties: g.chance(0.5) ? {} : { summary: 'x', aliases: ['a', 'b'], confidence: 50 },
    },
    position: { x: g.int(-2_000, 2_000), y: g.int(-2_000, 2_000) },
    classes: g.pick(['', 'faded', 'pinned highlight', 'gone']),
    ...(g.chance(0.3)
      ? { rendered: { shape: 'ellipse', color: '#ff0000', width: 30, height: 30, opacity: 1, visible: g.chance(0.8) } }
      : {}),
  }));
  const edges =
    ids.length < 2
      ? []
      : Array.from({ length: g.int(0, ids.length) }, (_, i) => ({
          group: 'edges',
          data: {
            id: `fuzz-edge-${i}`,
            source: g.pick(ids),
            target: g.pick(ids),
            type: g.pick(REL_TYPES),
            ...(g.chance(0.5) ? { confidence: g.int(0, 100) } : {}),
            evidence: {
              sources: g.chance(0.5) ? [] : ['source--x'],
              ...(g.chance(0.3) ? { quote: hostileString(g).slice(0, 500), firstSeen: '2020', lastSeen: '2021-05' } : {}),
            },
            properties: {},
          },
          classes: '',
        }));
  const doc: Json = {
    format: VIEW_FORMAT,
    version: 1,
    elements: { nodes, edges },
    zoom: g.pick([1, 0.25, 2.5, 0.001]),
    pan: { x: g.int(-500, 500), y: g.int(-500, 500) },
    viewport: { width: g.pick([800, 1920, 320]), height: g.pick([600, 1080, 240]) },
  };
  if (g.chance(0.6)) doc.title = g.chance(0.5) ? 'Fuzz view' : hostileString(g).slice(0, 200);
  if (g.chance(0.4)) doc.caption = hostileString(g).slice(0, 2_000);
  if (g.chance(0.3)) doc.style = [{ selector: 'node', style: { 'background-color': '#123456', width: 20 } }];
  if (g.chance(0.3)) doc.layout = g.pick(['fcose', 'grid', 'concentric', '']);
  if (g.chance(0.3) && ids.length > 0) doc.hidden = g.sample(ids, 1);
  if (g.chance(0.3) && ids.length > 0) doc.pinned = g.sample(ids, g.int(1, ids.length));
  if (g.chance(0.3))
    doc.filters = {
      hiddenLabels: g.sample(NODE_LABELS, 2),
      hiddenTypes: [],
      minConfidence: g.int(0, 100),
      dateFrom: g.pick([null, '2014']),
      dateTo: null,
      mode: g.pick(['fade', 'hide']),
    };
  if (g.chance(0.2)) doc.highlight = { nodes: ids.slice(0, 1), edges: [] };
  if (g.chance(0.3) && ids.length > 0) {
    const notes: Json = {};
    notes[g.pick(ids)] = hostileString(g).slice(0, 2_000);
    doc.notes = notes;
  }
  return doc;
}

/** Changes that keep a document valid but odd: prototype keys, hostile properties, extreme numbers. */
function docNoise(g: G, doc: Json): string[] {
  const what: string[] = [];
  const nodes = (doc.elements as { nodes: Array<{ data: Json; position: Json }> }).nodes;
  for (let i = g.int(0, 2); i > 0; i--) {
    const op = g.pick(['props', 'passthrough', 'proto', 'extreme', 'zoom'] as const);
    if (op === 'zoom') {
      doc.zoom = g.pick([1e308, 5e-324, 1e-300]);
      doc.viewport = { width: g.pick([1, 1e308, 0.0001]), height: g.pick([1, 1e308]) };
      what.push('extreme zoom/viewport');
      continue;
    }
    if (nodes.length === 0) continue;
    const node = g.pick(nodes);
    if (op === 'props') {
      const props: Json = {};
      setKey(props, g.chance(0.3) ? g.pick(PROTO_KEYS) : hostileString(g).slice(0, 40), hostileValue(g));
      node.data.properties = props;
      what.push('hostile node properties');
    } else if (op === 'passthrough') {
      setKey(node.data, g.chance(0.5) ? g.pick(PROTO_KEYS) : 'extra', hostileValue(g));
      what.push('extra keys in node data');
    } else if (op === 'proto') {
      injectProto(g, doc, 4);
      what.push('prototype keys in the document');
    } else {
      node.position = { x: g.pick([1e308, -1e308, 5e-324, 0]), y: g.pick([1e308, -1e308, 0]) };
      what.push('extreme positions');
    }
  }
  return what;
}

const long = (g: G, min: number) => g.pick(['x', 'é', '😀', 'ש']).repeat(min + g.int(1, 50));
const nonString = (g: G) => g.pick<unknown>([5, 0, true, null, [], ['x'], {}, { a: 1 }, new Raw('1e999')]);

/** Changes that make a document invalid, each for certain. */
function breakDoc(g: G, doc: Json, ctx: Ctx): string {
  const nodes = (doc.elements as { nodes: Array<Json & { data: Json }> }).nodes;
  const edges = (doc.elements as { edges: Array<Json & { data: Json }> }).edges;
  const kinds = [
    'drop',
    'format',
    'version',
    'zoom',
    'pan',
    'viewport',
    'unknown',
    'title',
    'caption',
    'nodes',
    'node',
    'edge',
    'hidden',
    'notes',
    'style',
    'filters',
    'highlight',
    'layout',
    'elements',
  ] as const;
  const kind = g.pick(kinds);
  switch (kind) {
    case 'drop': {
      const field = g.pick(['format', 'version', 'elements', 'zoom', 'pan', 'viewport']);
      delete doc[field];
      return `document.${field} missing`;
    }
    case 'format':
      doc.format = g.pick<unknown>([
        'threat-network-explorer/view2',
        '',
        VIEW_FORMAT.toUpperCase(),
        ` ${VIEW_FORMAT}`,
        null,
        1,
        hostileString(g) + '!',
      ]);
      return 'document.format wrong';
    case 'version':
      doc.version = g.pick<unknown>([0, 2, '1', null, true, new Raw('1e999'), 1.5, -1]);
      return 'document.version wrong';
    case 'zoom':
      doc.zoom = g.pick<unknown>([0, -1, new Raw('-0'), new Raw('1e999'), '1', null, []]);
      return 'document.zoom not a positive finite number';
    case 'pan':
      doc.pan = g.pick<unknown>([null, { x: '0', y: 0 }, { x: new Raw('1e999'), y: 0 }, { x: 0 }, [], 'center']);
      return 'document.pan broken';
    case 'viewport':
      doc.viewport = g.pick<unknown>([
        { width: 0, height: 10 },
        { width: -5, height: 10 },
        { width: new Raw('1e999'), height: 1 },
        { width: 10 },
        null,
      ]);
      return 'document.viewport broken';
    case 'unknown':
      setKey(doc, g.pick(['extra', 'id', 'baseline', 'createdAt', 'nodeIds', 'relIds', 'document']), hostileValue(g));
      return 'unknown document key';
    case 'title':
      doc.title = g.chance(0.5) ? long(g, 200) : nonString(g);
      return 'document.title too long or not a string';
    case 'caption':
      doc.caption = g.chance(0.5) ? long(g, 2_000) : nonString(g);
      return 'document.caption too long or not a string';
    case 'elements':
      doc.elements = g.pick<unknown>([null, [], {}, { nodes: [] }, { edges: [] }, { nodes: {}, edges: [] }, 'elements']);
      return 'document.elements broken';
    case 'nodes':
      (doc.elements as Json).nodes = g.chance(0.97)
        ? g.pick<unknown>([null, {}, 'nodes', [null], [1], [[]]])
        : Array.from({ length: 5_001 }, (_, i) => ({ data: { id: `fuzz--n${i}`, label: 'State', name: 'n' }, position: { x: i, y: 0 } }));
      (doc.elements as Json).edges = [];
      delete doc.hidden;
      delete doc.pinned;
      delete doc.notes;
      return 'document.elements.nodes broken or over 5,000';
    case 'node': {
      const node: Json & { data: Json } = nodes[0] ?? {
        data: { id: g.pick(ctx.entityIds), label: 'State', name: 'x' },
        position: { x: 0, y: 0 },
      };
      if (nodes.length === 0) nodes.push(node);
      const how = g.pick([
        'id',
        'blank',
        'longid',
        'dup',
        'label',
        'name',
        'position',
        'x',
        'classes',
        'opacity',
        'group',
        'properties',
      ] as const);
      if (how === 'id') node.data.id = nonString(g);
      else if (how === 'blank') node.data.id = g.pick(['', '   ', '\t\n']);
      else if (how === 'longid') node.data.id = long(g, 200);
      else if (how === 'dup') nodes.push(JSON.parse(JSON.stringify(node)) as Json & { data: Json });
      else if (how === 'label') node.data.label = g.chance(0.5) ? long(g, 100) : nonString(g);
      else if (how === 'name') node.data.name = g.chance(0.5) ? long(g, 1_000) : nonString(g);
      else if (how === 'position') delete node.position;
      else if (how === 'x') node.position = { x: g.pick<unknown>([new Raw('1e999'), '0', null]), y: 0 };
      else if (how === 'classes') node.classes = g.chance(0.5) ? long(g, 200) : 5;
      else if (how === 'opacity')
        node.rendered = {
          shape: 'ellipse',
          color: 'red',
          width: 1,
          height: 1,
          opacity: g.pick([2, -0.1, new Raw('1e999')]),
          visible: true,
        };
      else if (how === 'group') node.group = g.pick(['edges', 'node', '', 1]);
      else node.data.properties = g.pick<unknown>([[], 'props', 5, null]);
      return `document node ${how} broken`;
    }
    case 'edge': {
      const how = g.pick(['source', 'dupid', 'evidence', 'confidence', 'id', 'sources'] as const);
      const base = nodes[0]?.data.id as string | undefined;
      const edge: Json & { data: Json } = edges[0] ?? {
        data: { id: 'fuzz-e', source: base ?? 'fuzz--a', target: base ?? 'fuzz--a', type: 'USES', evidence: { sources: [] } },
      };
      if (edges.length === 0) edges.push(edge);
      if (how === 'source' || base === undefined) edge.data[g.pick(['source', 'target'])] = `fuzz--not-in-the-view-${g.int(0, 1e6)}`;
      else if (how === 'dupid') edges.push(JSON.parse(JSON.stringify(edge)) as Json & { data: Json });
      else if (how === 'evidence') edge.data.evidence = g.pick<unknown>([undefined, null, 'evidence', []]);
      else if (how === 'confidence') edge.data.confidence = g.pick<unknown>([101, -1, '50', new Raw('1e999')]);
      else if (how === 'id') edge.data.id = g.pick<unknown>(['', long(g, 200), 5]);
      else edge.data.evidence = { sources: g.pick<unknown>(['source--x', [1], null]) };
      return `document edge ${how} broken`;
    }
    case 'hidden':
      doc[g.pick(['hidden', 'pinned'])] = g.chance(0.5) ? [`fuzz--not-a-node-${g.int(0, 1e6)}`] : g.pick<unknown>(['x', [''], [5], null]);
      return 'document.hidden/pinned names no node of the view';
    case 'notes': {
      const notes: Json = {};
      const id = nodes[0]?.data.id as string | undefined;
      if (id !== undefined && g.chance(0.5)) notes[id] = g.chance(0.5) ? long(g, 2_000) : nonString(g);
      else notes[`fuzz--not-a-node-${g.int(0, 1e6)}`] = 'note';
      doc.notes = notes;
      return 'document.notes broken';
    }
    case 'style':
      doc.style = g.pick<unknown>([
        [{ selector: '', style: {} }],
        [{ selector: 'node', style: { color: { nested: 1 } } }],
        [{ selector: 'node' }],
        Array.from({ length: 201 }, () => ({ selector: 'node', style: {} })),
        'node { color: red }',
      ]);
      return 'document.style broken';
    case 'filters':
      doc.filters = g.pick<unknown>([
        { mode: 'blink' },
        { minConfidence: 101 },
        { minConfidence: new Raw('1e999') },
        { dateFrom: '2024-01-01T00:00' },
        { hiddenLabels: 'State' },
        { hiddenTypes: Array.from({ length: 101 }, () => 'USES') },
        null,
      ]);
      return 'document.filters broken';
    case 'highlight':
      doc.highlight = g.pick<unknown>([{ nodes: 'x' }, { edges: [1] }, [], null]);
      return 'document.highlight broken';
    case 'layout':
      doc.layout = g.chance(0.5) ? long(g, 40) : nonString(g);
      return 'document.layout broken';
  }
}

/** A valid body made into invalid JSON text, or a top-level value that is not an object. */
function brokenText(g: G, text: string): { text: string; what: string } {
  const kind = g.pick([
    'truncate',
    'trailing-comma',
    'single-quotes',
    'comment',
    'nan',
    'two-values',
    'xssi-prefix',
    'control-char',
    'bad-escape',
    'top-level',
    'unquoted',
    'bom-broken',
  ] as const);
  switch (kind) {
    case 'truncate':
      return { text: text.slice(0, g.int(0, Math.max(0, text.length - 1))), what: 'truncated JSON' };
    case 'trailing-comma':
      return { text: text.replace(/\}\s*$/, ',}'), what: 'trailing comma' };
    case 'single-quotes':
      return { text: text.replaceAll('"', "'"), what: 'single quotes' };
    case 'comment':
      return { text: `/* comment */${text}`, what: 'comment' };
    case 'nan':
      return { text: text.replace(/^\{/, '{"fuzzNaN":NaN,'), what: 'NaN token' };
    case 'two-values':
      return { text: text + text, what: 'two JSON values' };
    case 'xssi-prefix':
      return { text: `)]}'\n${text}`, what: 'XSSI prefix' };
    case 'control-char':
      return { text: text.replace(/^\{/, '{"fuzz":"\u0001\u0000",'), what: 'raw control characters in a string' };
    case 'bad-escape':
      return { text: text.replace(/^\{/, '{"fuzz":"\\uZZZZ\\x41",'), what: 'bad escapes' };
    case 'top-level':
      return { text: g.pick(['null', 'true', '5', '"string"', '1e999', '-0']), what: 'a JSON value that is not an object' };
    case 'unquoted':
      return { text: text.replace(/"([A-Za-z]+)":/, '$1:'), what: 'unquoted key' };
    case 'bom-broken':
      return { text: `\uFEFF${text.slice(0, -1)}`, what: 'BOM and a missing brace' };
  }
}

/** For bodies of read routes: valid, a bit off, or broken in every way. */
function mutateRead(g: G, body: Json): { text: string; what: string[] } {
  const what: string[] = [];
  const roll = g.float();
  if (roll < 0.15) return { text: emit(body), what: ['valid'] };
  if (roll < 0.85) {
    for (let i = g.int(1, 3); i > 0; i--) {
      const keys = Object.keys(body);
      const op = g.pick(['drop', 'retype', 'extra', 'proto', 'dupkey', 'deep'] as const);
      if (op === 'drop' && keys.length > 0) {
        const k = g.pick(keys);
        delete body[k];
        what.push(`${k} missing`);
      } else if (op === 'retype' && keys.length > 0) {
        const k = g.pick(keys);
        setKey(body, k, hostileValue(g));
        what.push(`${k} hostile`);
      } else if (op === 'extra') {
        setKey(body, hostileString(g).slice(0, 30), hostileValue(g));
        what.push('unknown key');
      } else if (op === 'proto') {
        injectProto(g, body, 3);
        what.push('prototype keys');
      } else if (op === 'dupkey' && keys.length > 0) {
        const k = g.pick(keys);
        const entries = Object.entries(body);
        const dup: [string, unknown] = [k, hostileValue(g)];
        if (g.chance(0.5)) entries.push(dup);
        else entries.unshift(dup);
        return { text: emit(new Obj(entries)), what: [...what, `duplicated key ${k}`] };
      } else if (op === 'deep' && keys.length > 0) {
        const k = g.pick(keys);
        setKey(body, k, deepNest(g));
        what.push(`${k} deeply nested`);
      }
    }
    return { text: emit(body), what };
  }
  if (roll < 0.95) {
    const broken = brokenText(g, emit(body));
    return { text: broken.text, what: [broken.what] };
  }
  return { text: emit(hostileValue(g)), what: ['the whole body hostile'] };
}

function paramValue(g: G, type: string, ctx: Ctx): unknown {
  switch (type) {
    case 'integer':
      return g.int(0, 100);
    case 'float':
      return g.float() * 100;
    case 'boolean':
      return g.chance(0.5);
    case 'id':
      return g.pick(ctx.entityIds);
    case 'label':
      return g.pick(NODE_LABELS);
    case 'relType':
      return g.pick(REL_TYPES);
    case 'date':
      return g.pick(DATES.slice(0, 4));
    case 'string[]':
      return g.sample(ctx.names, g.int(0, 3));
    default:
      return g.pick(ctx.names);
  }
}

function snapshotSegment(g: G, ctx: Ctx, fixture: boolean): string {
  return g.weighted<() => string>([
    [fixture ? 5 : 0, () => ctx.fixtureSnapshot],
    [
      3,
      () => Array.from({ length: 16 }, () => g.pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''))).join(''),
    ],
    [1, () => g.pick(['abc', 'abcde', 'x'.repeat(65), 'abc!def', 'abc%20def', 'abc.def.ghi', 'a'.repeat(64), '------', '______'])],
    [2, () => pct(hostileString(g).slice(0, 300))],
    [2, () => g.pick(RAW_SEGMENTS)],
  ])();
}

function querySegment(g: G, ctx: Ctx, fixture: boolean): string {
  return g.weighted<() => string>([
    [5, () => g.pick(ctx.builtins).id],
    [fixture ? 2 : 0, () => ctx.fixtureQuery],
    [2, () => `user-${g.int(0, 1e9).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`],
    [2, () => pct(hostileString(g).slice(0, 300))],
    [2, () => g.pick(RAW_SEGMENTS)],
  ])();
}

function formatSegment(g: G): string {
  return g.weighted<() => string>([
    [6, () => g.pick(EXPORT_FORMATS)],
    [
      1,
      () =>
        g.pick([
          'PNG',
          'Json',
          'svg%20',
          'json%00',
          'exe',
          'html.php',
          'csv%3B',
          'pdf',
          'xml',
          'graphml%2F..%2F..',
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
        ]),
    ],
    [1, () => g.pick(RAW_SEGMENTS)],
    [1, () => pct(hostileString(g).slice(0, 100))],
  ])();
}

function queryString(g: G, entries: Array<[string, string]>): string {
  const parts = entries.map(([k, v]) => `${pct(k)}=${g.chance(0.9) ? pct(v) : v.replace(/[^\x21-\x7e]/g, '')}`);
  if (g.chance(0.15))
    parts.push(
      g.pick([
        '',
        '&',
        '=',
        '==x',
        '%',
        '%zz=1',
        'a[b]=c',
        'a[]=1&a[]=2',
        '__proto__=1',
        'constructor[prototype][x]=1',
        ';',
        '+',
        'x=%E0%A4%A',
      ]),
    );
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function searchQuery(g: G, ctx: Ctx): string {
  const entries: Array<[string, string]> = [];
  const q = () =>
    g.weighted<() => string>([
      [4, () => g.pick(ctx.names)],
      [3, () => hostileString(g)],
      [1, () => g.pick(ctx.names).slice(0, g.int(1, 6))],
    ])();
  if (g.chance(0.9)) entries.push(['q', q()]);
  if (g.chance(0.15)) entries.push(['q', q()]);
  if (g.chance(0.3)) entries.push(['labels', g.chance(0.7) ? g.sample(NODE_LABELS, g.int(1, 3)).join(',') : hostileString(g)]);
  if (g.chance(0.1)) entries.push(['labels', g.pick(NODE_LABELS)]);
  if (g.chance(0.4))
    entries.push([
      'limit',
      g.chance(0.5)
        ? String(g.int(1, 100))
        : g.pick(['0', '101', '-1', '1e308', 'NaN', '', '1.5', ' 5 ', '0x10', '18446744073709551616', 'Infinity', '-0', '2e1']),
    ]);
  if (g.chance(0.1)) entries.push([hostileString(g).slice(0, 20), hostileString(g).slice(0, 20)]);
  return queryString(g, entries);
}

function exportOptionsQuery(g: G): string {
  const entries: Array<[string, string]> = [];
  if (g.chance(0.4)) entries.push(['scale', g.pick(['1', '2', '4', '0', '5', '1e308', 'NaN', '', '0x2', ' 2 ', '-0', '4.0000001', '3.5'])]);
  if (g.chance(0.3)) entries.push(['background', g.pick(['white', 'transparent', 'black', '', 'WHITE'])]);
  if (g.chance(0.3)) entries.push(['area', g.pick(['all', 'visible', 'none', ''])]);
  if (g.chance(0.1)) entries.push(['scale', '2']);
  if (g.chance(0.1)) entries.push([g.pick(['format', 'x', '__proto__', 'constructor']), '1']);
  return queryString(g, entries);
}

function savedQueryBody(g: G, ctx: Ctx): Json {
  const body: Json = { name: g.chance(0.7) ? 'Fuzz query' : hostileString(g).trim().slice(0, 200) || 'x', cypher: g.pick(SAFE_CYPHER) };
  if (g.chance(0.5)) body.description = hostileString(g).slice(0, 2_000);
  if (g.chance(0.5)) {
    body.parameters = [
      { name: 'id', type: 'id', default: g.pick(ctx.entityIds), description: 'an id' },
      ...(g.chance(0.5) ? [{ name: 'x', type: g.pick(['string', 'integer', 'float', 'boolean', 'date', 'string[]']) }] : []),
    ];
  }
  return body;
}

/** Breaks a saved query body: for zod certainly, or (semantic) only for the server's own checks. */
function breakSavedQuery(g: G, body: Json): { what: string; semantic: boolean } {
  const kind = g.pick([
    'drop',
    'name',
    'cypher',
    'description',
    'parameters',
    'param',
    'unknown',
    'write',
    'dup-param',
    'bad-default',
    'syntax',
  ] as const);
  switch (kind) {
    case 'drop': {
      const k = g.pick(['name', 'cypher']);
      delete body[k];
      return { what: `${k} missing`, semantic: false };
    }
    case 'name':
      body.name = g.pick<unknown>(['', '   ', long(g, 200), 5, null, ['x']]);
      return { what: 'name empty, too long or not a string', semantic: false };
    case 'cypher':
      body.cypher = g.pick<unknown>(['', ' \n ', `RETURN 1 ${' '.repeat(20_000)}x`, 5, null, { query: 'RETURN 1' }]);
      return { what: 'cypher empty, too long or not a string', semantic: false };
    case 'description':
      body.description = g.chance(0.5) ? long(g, 2_000) : g.pick<unknown>([5, null, []]);
      return { what: 'description too long or not a string', semantic: false };
    case 'parameters':
      body.parameters = g.pick<unknown>(['id', {}, null, Array.from({ length: 21 }, (_, i) => ({ name: `p${i}`, type: 'string' }))]);
      return { what: 'parameters not a list or over 20', semantic: false };
    case 'param':
      body.parameters = [
        g.pick<Json>([
          { name: '1x', type: 'string' },
          { name: 'a-b', type: 'string' },
          { name: '', type: 'string' },
          { name: 'x', type: 'int' },
          { name: 'x' },
          { type: 'string' },
          { name: 'x', type: 'string', description: 5 },
          { name: 'x y', type: 'string' },
        ]),
      ];
      return { what: 'a parameter declaration broken', semantic: false };
    case 'unknown':
      setKey(body, g.pick(['id', 'builtIn', 'extra', 'createdAt']), hostileValue(g));
      return { what: 'unknown key', semantic: false };
    case 'write':
      body.cypher = g.pick(WRITE_CYPHER);
      delete body.parameters;
      return { what: 'a query that would write or administer', semantic: true };
    case 'dup-param':
      body.parameters = [
        { name: 'id', type: 'string' },
        { name: 'id', type: 'integer' },
      ];
      return { what: 'a parameter declared twice', semantic: true };
    case 'bad-default':
      body.parameters = [
        g.pick<Json>([
          { name: 'n', type: 'integer', default: 1.5 },
          { name: 'n', type: 'id', default: 'not an id' },
          { name: 'n', type: 'date', default: '2024-13' },
          { name: 'n', type: 'label', default: 'Nope' },
          { name: 'n', type: 'string[]', default: [1] },
          { name: 'n', type: 'integer', default: 2 ** 64 },
        ]),
      ];
      return { what: 'a default of the wrong type', semantic: true };
    case 'syntax':
      body.cypher = g.pick(UNCOMPILABLE_CYPHER);
      delete body.parameters;
      return { what: 'Cypher that does not compile', semantic: true };
  }
}

type DraftBase = Omit<Draft, 'headers'> & { headers?: Record<string, string | string[]>; chunks?: Buffer[] };
type Family = (g: G, ctx: Ctx) => DraftBase;

// ---------------------------------------------------------------------------------------------
// The routes added after the first families: accounts, share links and guests, the STIX import
// and export, the audit trail. The fuzz server runs with AUTH=none: every caller is the local
// admin, so the admin routes are reached, and a sign-in with a well-formed body answers 200
// without checking anything (no password hashing, no slowing of failed sign-ins to trip).

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const randomChars = (g: G, n: number, alphabet = BASE64URL) => Array.from({ length: n }, () => g.pick(alphabet.split(''))).join('');

/** Printable ASCII only: anything else in a header value makes node:http throw before sending. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

/** An account name in a path: never an existing account's when the route has no body to make invalid. */
function usernameSegment(g: G, ctx: Ctx, existing: boolean): string {
  return g.weighted<() => string>([
    [existing && ctx.existingUsers.size > 0 ? 2 : 0, () => g.pick([...ctx.existingUsers])],
    [3, () => `fuzz-nobody-${g.int(0, 1e6)}`],
    // AUTH=none's caller: "not your own account" (400) on role and disable.
    [2, () => g.pick(['local', 'LOCAL', 'anonymous', 'cli'])],
    [1, () => g.pick(['a'.repeat(64), 'a'.repeat(65), 'a.b_c-d', '.', '-', '_', 'x%40y', 'a%20b', '%20local%20'])],
    [2, () => pct(hostileString(g).slice(0, 200))],
    [2, () => g.pick(RAW_SEGMENTS)],
  ])();
}

/** A share link id in a path, with a snapshot id it goes with: the fixture's link only under another snapshot. */
function sharePath(g: G, ctx: Ctx): { id: string; shareId: string } {
  const shareId = g.weighted<() => string>([
    [2, () => ctx.fixtureShare],
    [3, () => randomChars(g, g.int(6, 64))],
    [1, () => g.pick(['abcde', 'a'.repeat(65), 'abc%20def', 'abc.def', '------'])],
    [2, () => pct(hostileString(g).slice(0, 200))],
    [2, () => g.pick(RAW_SEGMENTS)],
  ])();
  let id = snapshotSegment(g, ctx, true);
  if (shareId === ctx.fixtureShare && ctx.existingSnapshots.has(safeDecode(id) ?? '')) id = `nosuch${randomChars(g, 10)}`;
  return { id, shareId };
}

/** The snapshot of a guest read: mostly the one the live token opens, so the reads get past the checks. */
function guestSnapshotSegment(g: G, ctx: Ctx): string {
  return g.chance(0.6) ? ctx.fixtureSnapshot : snapshotSegment(g, ctx, true);
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** The X-Share-Token header of a guest request: the live token (often), none, or a bogus one. */
function shareTokenHeader(g: G, ctx: Ctx): { headers: Record<string, string | string[]>; what: string } {
  const t = ctx.shareToken;
  const [value, what] = g.weighted<() => [string | string[] | undefined, string]>([
    [10, () => [t, 'live token']],
    [2, () => [undefined, 'no token']],
    [1, () => ['', 'empty token']],
    [2, () => [randomChars(g, t.length), 'random token of the right length']],
    [1, () => [`${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`, 'live token, last character changed']],
    [1, () => [t.toUpperCase(), 'live token, upper case']],
    [1, () => [` ${t} `, 'live token with spaces around']],
    [1, () => [`${t}${t}`, 'live token twice']],
    [1, () => [[t, t], 'the header twice']],
    [1, () => [`Bearer ${t}`, 'Bearer prefix']],
    [1, () => ['x'.repeat(g.pick([100, 101, 5_000])), 'long token']],
    [2, () => [headerSafe(hostileString(g).slice(0, 300)), 'hostile token']],
  ])();
  return { headers: value === undefined ? {} : { 'x-share-token': value }, what: `X-Share-Token: ${what}` };
}

/** A Cookie header that names a session that does not exist, or is malformed (AUTH=none ignores it; sign-out reads it). */
function bogusCookie(g: G): Record<string, string> {
  if (g.chance(0.4)) return {};
  return {
    cookie: g.pick([
      `tne_session=${randomChars(g, 43)}`,
      'tne_session=',
      `tne_session=${'x'.repeat(101)}`,
      'tne_session="quoted"; tne_session=again',
      'tne_session=%E0%A4%A',
      '__proto__=x; constructor=y',
      `session=${randomChars(g, 43)}`,
      ';;;==',
      headerSafe(hostileString(g).slice(0, 200)),
    ]),
  };
}

/** Moments for the audit filters: ISO forms zod takes, and everything else. */
const MOMENTS = [
  '2024-01-01',
  '2024-01-01T00:00:00Z',
  '2024-06-30T12:34:56.789+02:00',
  '2999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '9999-12-31T23:59:59+23:59',
  'yesterday',
  'now',
  '2024-13-01',
  '2024-01-01T00:00:00',
  '2024-01-01 00:00:00Z',
  '1700000000',
  '-1',
  '+275760-09-13T00:00:00Z',
  '2024-01-01T00:00:00+99:99',
  '',
  'NaN',
];

function auditQuery(g: G, csv: boolean): string {
  const entries: Array<[string, string]> = [];
  if (g.chance(0.4))
    entries.push(['user', g.chance(0.5) ? g.pick(['local', 'anonymous', 'cli', 'fuzz-nobody', 'x'.repeat(65), '']) : hostileString(g)]);
  if (g.chance(0.4))
    entries.push([
      'action',
      g.chance(0.6) ? g.pick(AUDIT_ACTIONS) : g.pick(['login', 'LOGIN.SUCCESS', 'snapshot.*', '', '__proto__', 'user.create ']),
    ]);
  if (g.chance(0.4)) entries.push(['from', g.pick(MOMENTS)]);
  if (g.chance(0.4)) entries.push(['to', g.pick(MOMENTS)]);
  if (g.chance(0.4))
    entries.push([
      'limit',
      g.chance(0.5)
        ? String(g.int(1, csv ? 2_000 : 500))
        : g.pick(['0', '-1', '501', '50000', '50001', '1e3', 'NaN', '', '1.5', ' 5 ', '0x10', '18446744073709551616', 'Infinity']),
    ]);
  if (!csv && g.chance(0.3))
    entries.push([
      'cursor',
      g.pick([
        randomChars(g, g.int(1, 60)),
        randomChars(g, 201),
        Buffer.from(JSON.stringify({ at: g.pick(MOMENTS), id: g.pick(['x', '', 5]) })).toString('base64url'),
        Buffer.from('{"at":').toString('base64url'),
        Buffer.from(JSON.stringify([1, 2])).toString('base64url'),
        Buffer.from('null').toString('base64url'),
        'abc=',
        hostileString(g),
      ]),
    ]);
  if (g.chance(0.1)) entries.push([g.pick(['from', 'user', 'action', 'limit']), '2024-01-01']);
  if (g.chance(0.1)) entries.push([g.pick(['x', 'cursor', '__proto__', 'constructor']), 'y']);
  return queryString(g, entries);
}

/** A STIX upload: a few objects of a real bundle, valid now and then, most often broken. */
function stixUpload(g: G, ctx: Ctx): { text: string; what: string[] } {
  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const objects = g.sample(ctx.stixObjects, g.int(0, 12)).map(clone);
  const bundle: Json = { type: 'bundle', id: `bundle--${randomChars(g, 8, '0123456789abcdef')}-0000-4000-8000-000000000000`, objects };
  const what: string[] = [`${objects.length} objects`];
  const kind = g.weighted([
    [2, 'as is'],
    [3, 'object field'],
    [1, 'bundle field'],
    [1, 'duplicate id'],
    [1, 'many objects'],
    [2, 'read-style'],
    [1, 'not a bundle'],
  ] as const);
  what.push(kind);
  const obj = objects.length > 0 ? g.pick(objects) : undefined;
  switch (kind) {
    case 'as is':
      break;
    case 'object field':
      if (obj) {
        const field = g.pick([
          'type',
          'id',
          'spec_version',
          'created',
          'modified',
          'name',
          'source_ref',
          'target_ref',
          'relationship_type',
          'labels',
        ]);
        setKey(
          obj,
          field,
          g.chance(0.5) ? hostileValue(g) : g.pick<unknown>([null, '', 'x', 5, [], 'malware--not-a-uuid', '2024-13-01T00:00:00Z']),
        );
        what.push(`object ${field} hostile`);
      }
      break;
    case 'bundle field':
      setKey(bundle, g.pick(['type', 'id', 'objects', 'spec_version', '__proto__']), hostileValue(g));
      break;
    case 'duplicate id':
      if (obj) objects.push(clone(obj));
      break;
    case 'many objects':
      for (let i = g.pick([1_000, 5_000]); i > 0; i--) objects.push({ type: 'x-fuzz', id: `x-fuzz--${i}` });
      break;
    case 'read-style': {
      const { text, what: w } = mutateRead(g, bundle);
      return { text, what: [...what, ...w] };
    }
    case 'not a bundle':
      return { text: g.pick(['', '[]', 'null', '{}', '"bundle"', '1e999', '{"type":"bundle"}', '{"objects":[]}']), what };
  }
  return { text: emit(bundle), what };
}

function stixName(g: G): string {
  if (g.chance(0.5)) return '';
  const name = g.pick([
    'poisonivy.json',
    'a/b.json',
    '..\\x.json',
    '../../etc/passwd',
    '',
    'x'.repeat(201),
    '.json',
    '😀.json',
    hostileString(g),
  ]);
  return queryString(g, [['name', name], ...(g.chance(0.1) ? ([['name', 'twice.json']] as Array<[string, string]>) : [])]);
}

function importIdSegment(g: G): string {
  return g.weighted<() => string>([
    [4, () => `${randomChars(g, 8, '0123456789abcdef')}-0000-4000-8000-${randomChars(g, 12, '0123456789abcdef')}`],
    [1, () => '-'.repeat(36)],
    [
      1,
      () =>
        g.pick(['00000000-0000-0000-0000-00000000000', '00000000-0000-0000-0000-0000000000000', 'ZZZZZZZZ-0000-4000-8000-000000000000']),
    ],
    [2, () => pct(hostileString(g).slice(0, 100))],
    [2, () => g.pick(RAW_SEGMENTS)],
  ])();
}

/** A body for a route that takes none: mostly nothing, sometimes junk. */
function junkBody(g: G): { text?: string } {
  return g.chance(0.7) ? {} : { text: g.pick(['', '{}', '[]', 'null', 'garbage', '{"role":"admin"}', emit(hostileValue(g))]) };
}

const ACCOUNT_FAMILIES: ReadonlyArray<readonly [number, Family]> = [
  // ---- auth ----
  [
    4,
    (g, ctx) => {
      const body: Json = {
        username: g.chance(0.5) ? g.pick(['local', 'admin', 'fuzz-nobody', ...ctx.existingUsers]) : hostileString(g).slice(0, 250),
        password: g.chance(0.5) ? g.pick(['password', 'x'.repeat(12), "' OR '1'='1"]) : hostileString(g).slice(0, 1_100),
      };
      const { text, what } = mutateRead(g, body);
      return { family: 'POST /api/auth/login', method: 'POST', path: '/api/auth/login', text, headers: bogusCookie(g), what };
    },
  ],
  [
    2,
    (g) => ({
      family: 'POST /api/auth/logout',
      method: 'POST',
      path: '/api/auth/logout',
      headers: bogusCookie(g),
      ...junkBody(g),
      what: [],
    }),
  ],
  [1.5, (g) => ({ family: 'GET /api/auth/me', method: 'GET', path: '/api/auth/me', headers: bogusCookie(g), what: [] })],
  [1, () => ({ family: 'GET /api/auth/config', method: 'GET', path: '/api/auth/config', what: [] })],
  [1, (g) => ({ family: 'GET /api/auth/oidc/login', method: 'GET', path: `/api/auth/oidc/login${auditQuery(g, false)}`, what: [] })],
  [
    1.5,
    (g) => ({
      family: 'GET /api/auth/oidc/callback',
      method: 'GET',
      path: `/api/auth/oidc/callback${queryString(g, [
        ['code', g.chance(0.5) ? randomChars(g, 30) : hostileString(g)],
        ['state', g.chance(0.5) ? randomChars(g, 43) : hostileString(g)],
        ...(g.chance(0.3) ? ([['error', g.pick(['access_denied', 'login_required', '<script>'])]] as Array<[string, string]>) : []),
        ...(g.chance(0.2) ? ([['iss', g.pick(['http://evil.example', 'javascript:alert(1)'])]] as Array<[string, string]>) : []),
      ])}`,
      headers: g.chance(0.3) ? { cookie: `tne_oidc=${randomChars(g, 43)}` } : {},
      what: [],
    }),
  ],

  // ---- share links and guests ----
  [
    3,
    (g, ctx) => {
      const body: Json = {};
      if (g.chance(0.8))
        body.expiresAt = g.pick<unknown>([
          '2020-01-01T00:00:00Z',
          '2001-09-09T01:46:40.000+00:00',
          '2999-01-01T00:00:00Z',
          '2999-01-01',
          '2999-01-01T00:00:00',
          'tomorrow',
          '',
          1e13,
          null,
          '2999-02-30T00:00:00Z',
          '9999-12-31T23:59:59+23:59',
          hostileString(g),
        ]);
      const { text, what } = mutateRead(g, body);
      return {
        family: 'POST /api/snapshots/:id/share',
        method: 'POST',
        path: `/api/snapshots/${snapshotSegment(g, ctx, true)}/share`,
        text,
        what,
      };
    },
  ],
  [
    2,
    (g, ctx) => ({
      family: 'GET /api/snapshots/:id/share',
      method: 'GET',
      path: `/api/snapshots/${snapshotSegment(g, ctx, true)}/share`,
      what: [],
    }),
  ],
  [
    2,
    (g, ctx) => {
      const { id, shareId } = sharePath(g, ctx);
      return {
        family: 'DELETE /api/snapshots/:id/share/:shareId',
        method: 'DELETE',
        path: `/api/snapshots/${id}/share/${shareId}`,
        ...junkBody(g),
        what: [],
      };
    },
  ],
  [
    3,
    (g, ctx) => {
      const token = shareTokenHeader(g, ctx);
      return {
        family: 'GET /api/guest/snapshot',
        method: 'GET',
        path: `/api/guest/snapshot${
          g.chance(0.2)
            ? queryString(g, [
                ['token', ctx.shareToken],
                ['id', ctx.fixtureSnapshot],
              ])
            : ''
        }`,
        headers: { ...token.headers, ...bogusCookie(g) },
        what: [token.what],
      };
    },
  ],
  [
    4,
    (g, ctx) => {
      const token = shareTokenHeader(g, ctx);
      return {
        family: 'GET /api/guest/snapshots/:id/export/:format',
        method: 'GET',
        path: `/api/guest/snapshots/${guestSnapshotSegment(g, ctx)}/export/${formatSegment(g)}${exportOptionsQuery(g)}`,
        headers: token.headers,
        what: [token.what],
      };
    },
  ],
  [
    4,
    (g, ctx) => {
      const token = shareTokenHeader(g, ctx);
      const nodeId = g.weighted<() => string>([
        [4, () => g.pick(ctx.fixtureNodes)],
        [2, () => g.pick(ctx.entityIds)],
        [1, () => pct(` ${g.pick(ctx.fixtureNodes).toUpperCase()} `)],
        [2, () => pct(hostileString(g).slice(0, 300))],
        [2, () => g.pick(RAW_SEGMENTS)],
      ])();
      return {
        family: 'GET /api/guest/snapshots/:id/nodes/:nodeId',
        method: 'GET',
        path: `/api/guest/snapshots/${guestSnapshotSegment(g, ctx)}/nodes/${nodeId}`,
        headers: token.headers,
        what: [token.what],
      };
    },
  ],

  // ---- STIX import and export ----
  [
    4,
    (g, ctx) => {
      const { text, what } = stixUpload(g, ctx);
      return { family: 'POST /api/import/stix', method: 'POST', path: `/api/import/stix${stixName(g)}`, text, what };
    },
  ],
  [
    2,
    (g, ctx) => {
      const body: Json = {};
      if (g.chance(0.7)) {
        const map: Json = {};
        for (let i = g.int(0, 3); i > 0; i--)
          setKey(
            map,
            g.chance(0.6) ? String(g.pick(ctx.stixObjects).id) : hostileString(g).slice(0, 100),
            g.chance(0.6) ? g.pick(['new', g.pick(ctx.entityIds)]) : hostileValue(g),
          );
        body.map = map;
      }
      const { text, what } = mutateRead(g, body);
      return {
        family: 'POST /api/import/stix/:importId/confirm',
        method: 'POST',
        path: `/api/import/stix/${importIdSegment(g)}/confirm`,
        text,
        what,
      };
    },
  ],
  [
    1.5,
    (g) => ({
      family: 'DELETE /api/import/stix/:importId',
      method: 'DELETE',
      path: `/api/import/stix/${importIdSegment(g)}`,
      ...junkBody(g),
      what: [],
    }),
  ],
  [
    3,
    (g, ctx) => {
      const { id, text, what } = queryRunBody(g, ctx, 8);
      return {
        family: 'POST /api/queries/:id/export/stix',
        method: 'POST',
        path: `/api/queries/${id}/export/${g.chance(0.9) ? 'stix' : formatSegment(g)}`,
        text,
        what,
      };
    },
  ],

  // ---- the audit trail ----
  [3, (g) => ({ family: 'GET /api/audit', method: 'GET', path: `/api/audit${auditQuery(g, false)}`, what: [] })],
  [2, (g) => ({ family: 'GET /api/audit.csv', method: 'GET', path: `/api/audit.csv${auditQuery(g, true)}`, what: [] })],

  // ---- accounts (admin) ----
  [1, (g) => ({ family: 'GET /api/users', method: 'GET', path: `/api/users${g.chance(0.2) ? auditQuery(g, false) : ''}`, what: [] })],
  [
    3,
    (g, ctx) => {
      const body: Json = {
        username: g.chance(0.6) ? g.pick(['fuzz-new-user', 'local', 'a'.repeat(64), ...ctx.existingUsers]) : hostileString(g).slice(0, 80),
        role: g.chance(0.7) ? g.pick(ACCOUNT_ROLES) : g.pick(['anonymous', 'root', 'Admin', '', 'admin ']),
        // Under the rule's 12 characters: zod takes it, the server refuses it before hashing.
        password: g.chance(0.7) ? 'x'.repeat(g.int(1, 11)) : g.pick(['', 'x'.repeat(1_025), 'correct horse battery staple']),
      };
      const { text, what } = mutateRead(g, body);
      return { family: 'POST /api/users', method: 'POST', path: '/api/users', text, what };
    },
  ],
  [
    2,
    (g, ctx) => {
      const { text, what } = mutateRead(g, { role: g.chance(0.6) ? g.pick(ACCOUNT_ROLES) : hostileValue(g) });
      return {
        family: 'PUT /api/users/:username/role',
        method: 'PUT',
        path: `/api/users/${usernameSegment(g, ctx, true)}/role`,
        text,
        what,
      };
    },
  ],
  [
    2,
    (g, ctx) => {
      const action = g.pick(['disable', 'enable'] as const);
      return {
        family: `POST /api/users/:username/${action}`,
        method: 'POST',
        path: `/api/users/${usernameSegment(g, ctx, false)}/${action}`,
        ...junkBody(g),
        what: [],
      };
    },
  ],
  [
    2,
    (g, ctx) => {
      const { text, what } = mutateRead(g, { password: g.chance(0.6) ? 'x'.repeat(g.int(1, 11)) : hostileString(g).slice(0, 1_100) });
      return {
        family: 'POST /api/users/:username/password',
        method: 'POST',
        path: `/api/users/${usernameSegment(g, ctx, true)}/password`,
        text,
        what,
      };
    },
  ],
];

/**
 * A saved query to run (a built-in `builtinWeight` times in `builtinWeight + 3`, else the fixture's
 * or a hostile id) and a body of parameters for it, mutated as read bodies are.
 */
function queryRunBody(g: G, ctx: Ctx, builtinWeight: number): { id: string; text: string; what: string[] } {
  const query = g.weighted<() => SavedQuery | null>([
    [builtinWeight, () => g.pick(ctx.builtins)],
    [2, () => null],
    [1, () => ({ id: pct(hostileString(g).slice(0, 100)), parameters: [] }) as unknown as SavedQuery],
  ])();
  const id = query === null ? ctx.fixtureQuery : query.id;
  const params: Json = {};
  for (const p of query?.parameters ?? [
    { name: 'id', type: 'id' },
    { name: 'n', type: 'integer' },
  ]) {
    if (g.chance(0.7)) params[p.name] = paramValue(g, p.type, ctx);
  }
  return { id, ...mutateRead(g, g.chance(0.9) ? { params } : params) };
}

const FAMILIES: ReadonlyArray<readonly [number, Family]> = [
  [1, () => ({ family: 'GET /api/health', method: 'GET', path: '/api/health', what: [] })],
  [2, () => ({ family: 'GET /api/health/live', method: 'GET', path: '/api/health/live', what: [] })],
  [0.4, () => ({ family: 'GET /api/meta', method: 'GET', path: '/api/meta', what: [] })],
  [
    2,
    (g) => ({
      family: 'GET /api/openapi.json',
      method: 'GET',
      path: `/api/openapi.json${g.chance(0.2) ? queryString(g, [['x', hostileString(g)]]) : ''}`,
      what: [],
    }),
  ],
  [7, (g, ctx) => ({ family: 'GET /api/search', method: 'GET', path: `/api/search${searchQuery(g, ctx)}`, what: [] })],
  [
    6,
    (g, ctx) => {
      const seg = g.weighted<() => string>([
        [3, () => g.pick(ctx.entityIds)],
        [2, () => pct(hostileString(g).slice(0, 400))],
        [1, () => 'a'.repeat(g.pick([199, 200, 201, 1_000, 8_000]))],
        [2, () => g.pick(RAW_SEGMENTS)],
        [1, () => pct(` ${g.pick(ctx.entityIds).toUpperCase()} `)],
      ])();
      return { family: 'GET /api/nodes/:id', method: 'GET', path: `/api/nodes/${seg}`, what: [] };
    },
  ],
  [
    6,
    (g, ctx) => {
      const body: Json = { ids: g.sample(ctx.entityIds, g.int(1, 4)) };
      if (g.chance(0.4)) body.relTypes = g.sample(REL_TYPES, g.int(1, 3));
      if (g.chance(0.5)) body.direction = g.pick(['out', 'in', 'both']);
      if (g.chance(0.3)) body.labels = g.sample(NODE_LABELS, g.int(1, 3));
      if (g.chance(0.6)) body.limit = g.int(1, 500);
      if (g.chance(0.3)) body.skip = g.int(0, 1_000);
      if (g.chance(0.3)) body.minConfidence = g.int(0, 100);
      if (g.chance(0.2)) body.from = g.pick(DATES);
      if (g.chance(0.2)) body.to = g.pick(DATES);
      if (g.chance(0.05)) body.ids = Array.from({ length: g.pick([50, 51, 1_000]) }, (_, i) => ctx.entityIds[i % ctx.entityIds.length]);
      const { text, what } = mutateRead(g, body);
      return { family: 'POST /api/expand', method: 'POST', path: '/api/expand', text, what };
    },
  ],
  [
    4,
    (g, ctx) => {
      const size = g.weighted([
        [3, 1],
        [3, 5],
        [3, 50],
        [2, 500],
        [1, 2_000],
        [1, 2_001],
        [0.3, 10_000],
      ] as const);
      const body: Json = {
        ids: Array.from({ length: size }, (_, i) => (i % 3 === 0 ? `fuzz--missing-${i}` : ctx.entityIds[i % ctx.entityIds.length])),
      };
      const { text, what } = mutateRead(g, body);
      return { family: 'POST /api/subgraph', method: 'POST', path: '/api/subgraph', text, what: [`${size} ids`, ...what] };
    },
  ],
  [
    4,
    (g, ctx) => {
      const [from, to] = g.sample(ctx.entityIds, 2);
      const body: Json = { from, to };
      if (g.chance(0.7)) body.maxHops = g.chance(0.9) ? g.int(1, 5) : g.int(6, 8);
      if (g.chance(0.3)) body.relTypes = g.sample(REL_TYPES, g.int(1, 4));
      if (g.chance(0.2)) body.excludeLabels = g.sample(NODE_LABELS, g.int(0, 3));
      if (g.chance(0.5)) body.mode = g.pick(['shortest', 'allShortest', 'k']);
      if (g.chance(0.3)) body.k = g.int(1, 10);
      if (g.chance(0.05)) body.to = body.from;
      const { text, what } = mutateRead(g, body);
      return { family: 'POST /api/paths', method: 'POST', path: '/api/paths', text, what };
    },
  ],
  [1, () => ({ family: 'GET /api/queries', method: 'GET', path: '/api/queries', what: [] })],
  [4, (g, ctx) => ({ family: 'GET /api/queries/:id', method: 'GET', path: `/api/queries/${querySegment(g, ctx, true)}`, what: [] })],
  [
    5,
    (g, ctx) => {
      const body = savedQueryBody(g, ctx);
      const { what, semantic } = breakSavedQuery(g, body);
      return { family: 'POST /api/queries', method: 'POST', path: '/api/queries', text: emit(body), what: [what], semantic };
    },
  ],
  [
    4,
    (g, ctx) => {
      const body = savedQueryBody(g, ctx);
      const { what, semantic } = breakSavedQuery(g, body);
      return {
        family: 'PUT /api/queries/:id',
        method: 'PUT',
        path: `/api/queries/${querySegment(g, ctx, true)}`,
        text: emit(body),
        what: [what],
        semantic,
      };
    },
  ],
  [
    3,
    (g, ctx) => ({
      family: 'DELETE /api/queries/:id',
      method: 'DELETE',
      path: `/api/queries/${querySegment(g, ctx, false)}`,
      ...(g.chance(0.2) ? { text: emit(hostileValue(g)) } : {}),
      what: [],
    }),
  ],
  [
    5,
    (g, ctx) => {
      const { id, text, what } = queryRunBody(g, ctx, 17);
      return { family: 'POST /api/queries/:id/run', method: 'POST', path: `/api/queries/${id}/run`, text, what };
    },
  ],
  [
    7,
    (g) => {
      const pick = g.weighted<() => [string, string]>([
        [5, () => [g.pick(SAFE_CYPHER), 'read query']],
        [3, () => [g.pick(WRITE_CYPHER), 'a query that would write']],
        [2, () => [g.pick(BAD_CYPHER), 'bad Cypher']],
        [1, () => [hostileString(g), 'hostile text']],
        [0.5, () => [`RETURN 1 ${' '.repeat(g.pick([19_980, 20_001]))}`, 'at the length limit']],
      ])();
      const params: Json = {};
      if (g.chance(0.7)) params.id = g.pick(['state--russia', 'threat-actor--seashell-blizzard']);
      if (g.chance(0.5)) params.x = hostileValue(g);
      const body: Json = { query: pick[0], params };
      const writes = pick[1] === 'a query that would write' ? pick[0] : undefined;
      const { text, what } = mutateRead(g, body);
      return {
        family: 'POST /api/cypher',
        method: 'POST',
        path: '/api/cypher',
        text,
        what: [pick[1], ...what],
        ...(writes ? { mustFail: writes } : {}),
      };
    },
  ],
  [1, () => ({ family: 'GET /api/snapshots', method: 'GET', path: '/api/snapshots', what: [] })],
  [
    6,
    (g, ctx) => {
      const doc = plausibleDoc(g, ctx);
      const noise = docNoise(g, doc);
      const broken = breakDoc(g, doc, ctx);
      const body: Json = { document: doc };
      if (g.chance(0.1)) setKey(body, g.pick(['id', 'baseline', 'extra']), hostileValue(g));
      return { family: 'POST /api/snapshots', method: 'POST', path: '/api/snapshots', text: emit(body), what: [...noise, broken] };
    },
  ],
  [3, (g, ctx) => ({ family: 'GET /api/snapshots/:id', method: 'GET', path: `/api/snapshots/${snapshotSegment(g, ctx, true)}`, what: [] })],
  [
    4,
    (g, ctx) => {
      const doc = plausibleDoc(g, ctx);
      const noise = docNoise(g, doc);
      const broken = breakDoc(g, doc, ctx);
      return {
        family: 'PUT /api/snapshots/:id',
        method: 'PUT',
        path: `/api/snapshots/${snapshotSegment(g, ctx, true)}`,
        text: emit({ document: doc }),
        what: [...noise, broken],
      };
    },
  ],
  [
    4,
    (g, ctx) => {
      const body = g.pick<() => unknown>([
        () => ({}),
        () => ({ title: nonString(g) }),
        () => ({ caption: nonString(g) }),
        () => ({ title: long(g, 200) }),
        () => ({ caption: long(g, 2_000) }),
        () => ({ title: 'Renamed', [g.pick(['document', 'extra', 'id', 'nodeIds'])]: hostileValue(g) }),
        () => ({ title: null, caption: 'x' }),
        () => [{ title: 'x' }],
        () =>
          new Obj([
            ['title', 'x'],
            ['caption', 'y'],
            ['title', 5],
          ]),
      ])();
      const proto = g.chance(0.2);
      if (proto && body !== null && typeof body === 'object' && !(body instanceof Obj)) injectProto(g, body, 1);
      return {
        family: 'PATCH /api/snapshots/:id',
        method: 'PATCH',
        path: `/api/snapshots/${snapshotSegment(g, ctx, true)}`,
        text: emit(body),
        what: ['invalid change', ...(proto ? ['prototype keys'] : [])],
      };
    },
  ],
  [
    3,
    (g, ctx) => ({
      family: 'DELETE /api/snapshots/:id',
      method: 'DELETE',
      path: `/api/snapshots/${snapshotSegment(g, ctx, false)}`,
      ...(g.chance(0.2) ? { text: emit(hostileValue(g)) } : {}),
      what: [],
    }),
  ],
  [
    3,
    (g, ctx) => {
      const body = g.pick<() => unknown>([
        () => ({ title: nonString(g) }),
        () => ({ title: long(g, 200) }),
        () => ({ title: 'Copy', [g.pick(['document', 'id', 'extra'])]: hostileValue(g) }),
        () => ['x'],
        () =>
          new Obj([
            ['title', 'ok'],
            ['title', 5],
          ]),
      ])();
      return {
        family: 'POST /api/snapshots/:id/duplicate',
        method: 'POST',
        path: `/api/snapshots/${snapshotSegment(g, ctx, true)}/duplicate`,
        text: emit(body),
        what: ['invalid copy'],
      };
    },
  ],
  [
    3,
    (g, ctx) => ({
      family: 'GET /api/snapshots/:id/changes',
      method: 'GET',
      path: `/api/snapshots/${snapshotSegment(g, ctx, true)}/changes`,
      what: [],
    }),
  ],
  [
    5,
    (g, ctx) => ({
      family: 'GET /api/snapshots/:id/export/:format',
      method: 'GET',
      path: `/api/snapshots/${snapshotSegment(g, ctx, true)}/export/${formatSegment(g)}${exportOptionsQuery(g)}`,
      what: [],
    }),
  ],
  [
    6,
    (g, ctx) => {
      const doc = plausibleDoc(g, ctx);
      const noise = docNoise(g, doc);
      const body: Json = { document: doc };
      if (g.chance(0.5)) {
        const options: Json = {};
        if (g.chance(0.6)) options.scale = g.chance(0.7) ? g.pick([1, 2, 1.5]) : g.pick<unknown>([0, 5, 4, '2', null, new Raw('1e999')]);
        if (g.chance(0.5)) options.background = g.pick(['white', 'transparent', 'black']);
        if (g.chance(0.5)) options.area = g.pick(['all', 'visible', 'none']);
        body.options = options;
      }
      const { text, what } = g.chance(0.6) ? { text: emit(body), what: ['valid document'] } : mutateRead(g, body);
      return {
        family: 'POST /api/export/:format',
        method: 'POST',
        path: `/api/export/${formatSegment(g)}`,
        text,
        what: [...noise, ...what],
      };
    },
  ],
  [
    3,
    (g) => {
      const path = g.pick([
        '/api',
        '/api/',
        '/api/nope',
        '/api/search/extra',
        '/api/nodes',
        '/api/nodes/',
        '/api/nodes/a/b',
        '/api/snapshots/abcdefgh/export',
        '/api/snapshots/abcdefgh/export/json/x',
        '/api/queries/x/run/y',
        '/api/../meta',
        '/api/%2e%2e/meta',
        '/api/./meta',
        '/API/META',
        '/api/Meta',
        '/api/meta/',
        '/api/health/live/x',
        '/api/openapi.json.bak',
        '/api/openapi',
        '/api/__proto__',
        '/api/constructor',
        '/api/toString',
        '/api/export',
        '/api/export/',
        '/api/cypher/x',
        '/api/expand?ids=x',
        '/api//meta',
        '/api/%00',
        '/api/%E0%A4%A',
        '/api/' + 'x'.repeat(3_000),
        '/api/snapshots/abcdefgh/changes/x',
      ]);
      const method = g.pick(['GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
      return {
        family: 'unknown API path',
        method,
        path,
        ...(method === 'GET' ? {} : { text: g.pick(['[]', '{"a":1}', 'garbage']) }),
        what: [],
      };
    },
  ],
  [
    3,
    (g) => ({
      family: 'static path',
      method: g.pick(['GET', 'GET', 'HEAD', 'POST']),
      path: g.pick(
        [
          '/',
          '/index.html',
          '/favicon.ico',
          '/assets/index-abc.js',
          '/../../etc/passwd',
          '/%2e%2e/%2e%2e/etc/passwd',
          '/..%2f..%2fetc%2fpasswd',
          '/%00',
          '/%E0%A4%A',
          '/snapshots/abc',
          '/.env',
          '/.git/config',
          '/server/app.ts',
          '/package.json',
          '/node_modules/express/package.json',
          '//api/search?q=x',
          '/api.json',
          '/apis',
          '/%61pi/meta',
          '/?x=<script>alert(1)</script>',
          '/<script>alert(1)</script>',
          '/\u00e9',
          '/' + 'a'.repeat(5_000),
        ].map((p) => p.replace(/[^\x21-\x7e]/g, (c) => pct(c))),
      ),
      what: [],
    }),
  ],
  [
    4,
    (g, ctx) => {
      const method = g.pick([
        'OPTIONS',
        'HEAD',
        'TRACE',
        'PROPFIND',
        'PROPPATCH',
        'MKCOL',
        'COPY',
        'MOVE',
        'LOCK',
        'UNLOCK',
        'SEARCH',
        'REPORT',
        'PURGE',
        'LINK',
        'UNLINK',
        'PATCH',
        'PUT',
        'DELETE',
        'POST',
        'GET',
      ]);
      const path = g.pick([
        '/api/health',
        '/api/meta',
        '/api/search?q=sandworm',
        `/api/nodes/${g.pick(ctx.entityIds)}`,
        '/api/expand',
        '/api/subgraph',
        '/api/paths',
        '/api/queries',
        `/api/queries/${g.pick(ctx.builtins).id}`,
        `/api/queries/${g.pick(ctx.builtins).id}/run`,
        '/api/cypher',
        '/api/snapshots',
        '/api/snapshots/nonexistent0001',
        '/api/snapshots/nonexistent0001/duplicate',
        '/api/snapshots/nonexistent0001/changes',
        '/api/snapshots/nonexistent0001/export/json',
        '/api/export/svg',
        '/api/openapi.json',
        '/',
        '/index.html',
      ]);
      const text = g.chance(0.5) ? undefined : g.pick(['', '[]', '"x"', 'null', 'garbage', '{"a":1}', '{"title":5}']);
      return { family: 'odd method', method, path, ...(text === undefined ? {} : { text }), what: [`${method} ${path}`] };
    },
  ],
  ...ACCOUNT_FAMILIES,
];

// ---------------------------------------------------------------------------------------------
// Headers

const ALLOWED_HOSTS_VARIANTS = ['localhost', 'localhost:1', 'LOCALHOST:65535', '[::1]:8080', '[::1]', '127.0.0.1', 'LocalHost:3000'];
const REFUSED_HOSTS = [
  'evil.example.com',
  '127.0.0.1.evil.com',
  'localhost.',
  '0.0.0.0:3000',
  'localhost.evil.com:80',
  '[::2]:80',
  'xn--80ak6aa92e.com',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/json, text/plain',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/json ; charset=UTF-8',
  'application/vnd.api+json',
  'text/json',
  '',
  'application/json; charset="utf-8"',
  'application/json; boundary=x',
  'application/json; charset=nope',
];

function decorate(g: G, d: Draft, port: number): string[] {
  const what: string[] = [];
  const h = d.headers;
  if (d.text !== undefined || d.bytes !== undefined || ['POST', 'PUT', 'PATCH', 'DELETE'].includes(d.method))
    h['content-type'] = 'application/json';
  if (g.chance(0.04)) {
    h.host = g.chance(0.6) ? g.pick(ALLOWED_HOSTS_VARIANTS) : g.pick(REFUSED_HOSTS);
    what.push(`Host: ${h.host}`);
  } else {
    h.host = `127.0.0.1:${port}`;
  }
  if (g.chance(0.08)) {
    const type = g.pick(CONTENT_TYPES);
    if (type === '' && g.chance(0.5)) delete h['content-type'];
    else h['content-type'] = type;
    what.push(`Content-Type: ${String(h['content-type'] ?? '(none)')}`);
  }
  if (g.chance(0.03)) {
    h['sec-fetch-site'] = g.pick(['same-origin', 'same-site', 'none', 'cross-site', 'CROSS-SITE', 'garbage', '']);
    what.push(`Sec-Fetch-Site: ${h['sec-fetch-site']}`);
  }
  if (g.chance(0.03)) {
    h.origin = g.pick([
      'http://127.0.0.1:5173',
      'http://localhost:3000',
      'http://evil.example',
      'null',
      'file://',
      'http://127.0.0.1.evil.example',
      '',
      'not a url',
    ]);
    what.push(`Origin: ${h.origin}`);
  }
  if (g.chance(0.05)) h.accept = g.pick(['text/html', '*/*', 'application/xml', 'image/png', 'garbage;;;', '', 'application/json;q=0']);
  if (g.chance(0.05)) {
    const junk = g.pick([
      ['x-forwarded-for', '1.2.3.4, <script>, ::1, 999.999.999.999'],
      ['x-forwarded-host', 'evil.example.com'],
      ['x-http-method-override', 'DELETE'],
      ['cookie', 'a=b; __proto__=x; ' + 'c'.repeat(4_000)],
      ['user-agent', 'u'.repeat(8_000)],
      ['range', 'bytes=0-10,5-1'],
      ['if-none-match', '*'],
      ['authorization', 'Basic bmVvNGo6bmVvNGo='],
      ['x-request-id', '../../etc/passwd'],
      ['accept-encoding', 'gzip, deflate, br, zstd'],
      ['x-dup', ['1', '2', '3']],
      ['accept-language', '*;q=0.5, ' + 'en-US,'.repeat(200)],
    ] as const);
    h[junk[0]] = junk[1] as unknown as string | string[];
    what.push(`${junk[0]} header`);
  }
  if (g.chance(0.004) && d.text === undefined) {
    h['x-huge'] = 'h'.repeat(20_000);
    what.push('headers over 16 KB');
  }
  if (g.chance(0.01)) {
    h.expect = '100-continue';
    what.push('Expect: 100-continue');
  }
  return what;
}

// ---------------------------------------------------------------------------------------------
// Write safety: before sending, prove that no request can change the database

/**
 * Each write route: its family, the path it answers (Express matches case-insensitively and takes
 * a trailing slash), the zod schema of its body (null: none), and what besides a valid body it
 * needs to succeed (an id that exists, a password the server's own rule accepts...): `needs`
 * answers null when the request cannot succeed for that reason alone.
 */
interface WriteRoute {
  method: string;
  family: string;
  pattern: RegExp;
  schema: z.ZodType | null;
  needs?: (ids: string[], body: unknown, ctx: Ctx) => string | null;
}

const existingSnapshot = ([id]: string[], _b: unknown, ctx: Ctx) =>
  id !== undefined && ctx.existingSnapshots.has(id) ? 'an existing snapshot' : null;
const existingQuery = ([id]: string[], _b: unknown, ctx: Ctx) =>
  id !== undefined && ctx.existingQueries.has(id) ? 'an existing query' : null;
const existingUser = ([name]: string[], _b: unknown, ctx: Ctx) =>
  name !== undefined && ctx.existingUsers.has(name.trim().toLowerCase()) ? 'an existing account' : null;
/** The server refuses a password its rule (the CLI's) refuses, before it hashes or writes anything. */
const acceptedPassword = (body: unknown) => checkPassword(String((body as { password?: unknown }).password)) === null;

const WRITE_ROUTES: readonly WriteRoute[] = [
  { method: 'POST', family: 'POST /api/snapshots', pattern: /^\/api\/+snapshots\/?$/i, schema: saveSnapshotRequestSchema },
  { method: 'PUT', family: 'PUT /api/snapshots/:id', pattern: /^\/api\/+snapshots\/([^/]+)\/?$/i, schema: saveSnapshotRequestSchema },
  { method: 'PATCH', family: 'PATCH /api/snapshots/:id', pattern: /^\/api\/+snapshots\/([^/]+)\/?$/i, schema: patchSnapshotRequestSchema },
  {
    method: 'DELETE',
    family: 'DELETE /api/snapshots/:id',
    pattern: /^\/api\/+snapshots\/([^/]+)\/?$/i,
    schema: null,
    needs: existingSnapshot,
  },
  {
    method: 'POST',
    family: 'POST /api/snapshots/:id/duplicate',
    pattern: /^\/api\/+snapshots\/([^/]+)\/duplicate\/?$/i,
    schema: duplicateSnapshotRequestSchema,
    needs: existingSnapshot,
  },
  { method: 'POST', family: 'POST /api/queries', pattern: /^\/api\/+queries\/?$/i, schema: savedQueryInputSchema },
  { method: 'PUT', family: 'PUT /api/queries/:id', pattern: /^\/api\/+queries\/([^/]+)\/?$/i, schema: savedQueryInputSchema },
  { method: 'DELETE', family: 'DELETE /api/queries/:id', pattern: /^\/api\/+queries\/([^/]+)\/?$/i, schema: null, needs: existingQuery },
  {
    method: 'POST',
    family: 'POST /api/snapshots/:id/share',
    pattern: /^\/api\/+snapshots\/([^/]+)\/share\/?$/i,
    schema: createShareRequestSchema,
    // An expiry that is not in the future is refused by the handler (after the ownership check).
    needs: (ids, body, ctx) => {
      const at = (body as { expiresAt?: string }).expiresAt;
      return at !== undefined && Date.parse(at) <= Date.now() ? null : existingSnapshot(ids, body, ctx);
    },
  },
  {
    method: 'DELETE',
    family: 'DELETE /api/snapshots/:id/share/:shareId',
    pattern: /^\/api\/+snapshots\/([^/]+)\/share\/([^/]+)\/?$/i,
    schema: null,
    needs: ([id, shareId], body, ctx) =>
      shareId !== undefined && ctx.existingShares.has(shareId) ? existingSnapshot([id!], body, ctx) : null,
  },
  {
    method: 'POST',
    family: 'POST /api/users',
    pattern: /^\/api\/+users\/?$/i,
    schema: createUserRequestSchema,
    needs: (_ids, body) => (acceptedPassword(body) ? 'a password the rule accepts' : null),
  },
  {
    method: 'PUT',
    family: 'PUT /api/users/:username/role',
    pattern: /^\/api\/+users\/([^/]+)\/role\/?$/i,
    schema: setRoleRequestSchema,
    needs: existingUser,
  },
  {
    method: 'POST',
    family: 'POST /api/users/:username/disable',
    pattern: /^\/api\/+users\/([^/]+)\/disable\/?$/i,
    schema: null,
    needs: existingUser,
  },
  {
    method: 'POST',
    family: 'POST /api/users/:username/enable',
    pattern: /^\/api\/+users\/([^/]+)\/enable\/?$/i,
    schema: null,
    needs: existingUser,
  },
  {
    method: 'POST',
    family: 'POST /api/users/:username/password',
    pattern: /^\/api\/+users\/([^/]+)\/password\/?$/i,
    schema: resetPasswordRequestSchema,
    needs: (ids, body, ctx) => (acceptedPassword(body) ? existingUser(ids, body, ctx) : null),
  },
  // An upload's id is a random UUID the server makes and the generator never reads: no request can
  // name a live one, so neither route can succeed; listed so that a success is a finding.
  {
    method: 'POST',
    family: 'POST /api/import/stix/:importId/confirm',
    pattern: /^\/api\/+import\/stix\/([^/]+)\/confirm\/?$/i,
    schema: confirmImportRequestSchema,
    needs: () => null,
  },
  {
    method: 'DELETE',
    family: 'DELETE /api/import/stix/:importId',
    pattern: /^\/api\/+import\/stix\/([^/]+)\/?$/i,
    schema: null,
    needs: () => null,
  },
];

/** Families that must never answer 2xx. */
export const WRITE_FAMILIES = new Set(WRITE_ROUTES.map((r) => r.family));

/** The body as the route sees it: BOM stripped (as body-parser does), empty as {}; `invalid` if no JSON. */
function asRouteSees(text: string | undefined): { value: unknown } | 'invalid' {
  const t = (text ?? '').replace(/^\uFEFF/, '');
  if (t.trim() === '') return { value: {} };
  try {
    const value: unknown = JSON.parse(t);
    return value !== null && typeof value === 'object' ? { value } : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** Why this request could write, or null. Only bodies zod refuses (or `semantic` ones) may reach a write route. */
function writeRisk(d: Draft, ctx: Ctx): string | null {
  const pathname = d.path.split('?')[0]!;
  for (const { method, family, pattern, schema, needs } of WRITE_ROUTES) {
    if (d.method !== method) continue;
    const m = pathname.match(pattern);
    if (!m) continue;
    let ids: string[];
    try {
      ids = m.slice(1).map((x) => decodeURIComponent(x));
    } catch {
      continue; // the router cannot decode it: the route is not reached
    }
    const body = asRouteSees(d.text);
    let value: unknown = {};
    if (schema !== null) {
      if (body === 'invalid') continue;
      const parsed = schema.safeParse(body.value);
      if (!parsed.success) continue;
      if (d.semantic && family.includes('queries')) continue;
      value = parsed.data;
    }
    if (!needs) return `${family} with a valid body`;
    const why = needs(ids, value, ctx);
    if (why !== null) return `${family} of ${why}${schema === null ? '' : ' with a valid body'}`;
  }
  return null;
}

/** Makes a write body invalid for certain: an unknown key (every write schema is strict). */
function forceInvalid(d: Draft): void {
  const t = d.text ?? '';
  delete d.bytes;
  d.text = /^\s*\{/.test(t) ? t.replace(/^\s*\{/, '{"fuzz-unknown-key":1,').replace(/,\s*\}$/, '}') : '{"fuzz-unknown-key":1}';
  d.what.push('made invalid with an unknown key');
}

// ---------------------------------------------------------------------------------------------
// Build one request

function oversize(n: number, ctx: Ctx): DraftBase {
  const big = (bytes: number) => 'x'.repeat(bytes);
  switch (OVERSIZE_AT.indexOf(n)) {
    case 0:
      return {
        family: 'POST /api/snapshots',
        method: 'POST',
        path: '/api/snapshots',
        text: `{"document":"${big(17 * 1024 * 1024)}"}`,
        what: ['17 MB body'],
      };
    case 1: {
      const text = `{"document":{"format":"${VIEW_FORMAT}","title":"${big(17 * 1024 * 1024)}"}}`;
      return {
        family: 'POST /api/export/:format',
        method: 'POST',
        path: '/api/export/svg',
        text,
        what: ['17 MB body, chunked'],
        chunks: chunk(Buffer.from(text), 64 * 1024),
      };
    }
    case 2:
      return {
        family: 'POST /api/expand',
        method: 'POST',
        path: '/api/expand',
        text: `{"ids":["${big(1_500_000)}"]}`,
        what: ['1.5 MB body'],
      };
    case 3:
      return {
        family: 'POST /api/cypher',
        method: 'POST',
        path: '/api/cypher',
        text: `{"query":"RETURN 1","params":{"x":"${big(1_100_000)}"}}`,
        what: ['1.1 MB body'],
      };
    case 4: {
      const text = emit({
        document: {
          format: VIEW_FORMAT,
          version: 1,
          elements: {
            nodes: [
              { data: { id: ctx.entityIds[0], label: 'State', name: 'x', properties: { blob: big(3_000_000) } }, position: { x: 0, y: 0 } },
            ],
            edges: [],
          },
          zoom: 0,
          pan: { x: 0, y: 0 },
          viewport: { width: 1, height: 1 },
        },
      });
      return {
        family: 'PUT /api/snapshots/:id',
        method: 'PUT',
        path: `/api/snapshots/${ctx.fixtureSnapshot}`,
        text,
        what: ['3 MB body, zoom 0'],
      };
    }
    default: {
      const text = emit({
        document: {
          format: VIEW_FORMAT,
          version: 1,
          elements: {
            nodes: [
              { data: { id: ctx.entityIds[0], label: 'State', name: 'x', properties: { blob: big(2_000_000) } }, position: { x: 0, y: 0 } },
            ],
            edges: [],
          },
          zoom: 1,
          pan: { x: 0, y: 0 },
          viewport: { width: 100, height: 100 },
        },
      });
      return { family: 'POST /api/export/:format', method: 'POST', path: '/api/export/json', text, what: ['2 MB valid document'] };
    }
  }
}

function chunk(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

export function build(seed: number, n: number, ctx: Ctx, port: number): FuzzRequest {
  const g = rngFor(seed, n);
  const base = OVERSIZE_AT.includes(n) ? oversize(n, ctx) : g.weighted(FAMILIES)(g, ctx);
  const { chunks: _chunks, ...rest } = base;
  const d: Draft = { ...rest, headers: { ...base.headers }, what: [...base.what] };
  // Invalid UTF-8 in a few bodies.
  if (d.text !== undefined && g.chance(0.01)) {
    d.bytes = Buffer.concat([
      Buffer.from(d.text.replace(/\}\s*$/, ',"fuzz":"')),
      Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    d.text = d.bytes.toString('utf8');
    d.what.push('invalid UTF-8');
  }
  d.what.push(...decorate(g, d, port));
  let risk = writeRisk(d, ctx);
  if (risk !== null) {
    forceInvalid(d);
    risk = writeRisk(d, ctx);
  }
  if (risk !== null) throw new Error(`request ${n}: the generator made a request that could write (${risk}); fix the generator`);
  let wire: Buffer | undefined = d.bytes ?? (d.text === undefined ? undefined : Buffer.from(d.text, 'utf8'));
  let chunks = base.chunks;
  if (wire !== undefined && !chunks && g.chance(0.02)) {
    const encoding = g.pick(['gzip', 'deflate', 'br', 'gzip-bogus', 'deflate-bogus', 'identity', 'compress', 'gzip, gzip'] as const);
    d.headers['content-encoding'] = encoding.replace('-bogus', '');
    wire =
      encoding === 'gzip'
        ? gzipSync(wire)
        : encoding === 'deflate'
          ? deflateSync(wire)
          : encoding === 'br'
            ? brotliCompressSync(wire, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } })
            : wire;
    d.what.push(`Content-Encoding: ${encoding}`);
  }
  if (wire !== undefined && !chunks && g.chance(0.05)) {
    chunks = chunk(wire, Math.max(1, Math.ceil(wire.length / g.int(2, 10))));
    d.what.push('chunked');
  }
  return {
    ...d,
    n,
    sent: { method: d.method, path: d.path, headers: d.headers, ...(chunks ? { body: chunks } : wire !== undefined ? { body: wire } : {}) },
  };
}
