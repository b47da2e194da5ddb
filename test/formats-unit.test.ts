// The export writers (server/snapshots/exports) called directly on small view documents, without a database:
// what each format holds for each element, what it leaves out, and how it escapes. The API test
// (export-formats) reads real seed data back through the tools a reader would use; these pin down
// the rules one by one. (Holes found by npm run test:mutation -- --mutate 'server/snapshots/exports/*.ts'.)
import { existsSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { viewDocumentSchema, type ViewDocument, type ViewDocumentInput } from '@model/snapshot.js';
import { toCsvZip } from '../server/snapshots/exports/csv.js';
import { toGraphml } from '../server/snapshots/exports/graphml.js';
import { codeScript, escapeHtml, toHtml } from '../server/snapshots/exports/html.js';
import { toJson } from '../server/snapshots/exports/json.js';
import { fallbackStyle } from '../server/snapshots/exports/html-style.js';
import { LABEL_STYLES } from '@model/label-styles.js';
import { canvasStyle } from '../client/src/features/canvas/cy-style.js';
import { PNG_PIXELS_MAX, toPng } from '../server/snapshots/exports/png.js';
import { boundaryDistance, shapePath } from '../server/snapshots/exports/shapes.js';
import {
  edgeConfidence,
  evidenceColumns,
  isFaded,
  otherProperties,
  propertyText,
  shownElements,
  xmlSafe,
} from '../server/snapshots/exports/view.js';
import { exportFile } from '../server/snapshots/exports/writers.js';
import { InvalidInputError } from '../server/errors.js';

type NodeInput = ViewDocumentInput['elements']['nodes'][number];
type EdgeInput = ViewDocumentInput['elements']['edges'][number];

const n = (
  id: string,
  extra: Partial<NodeInput> & { x?: number; y?: number; name?: string; label?: string; properties?: Record<string, unknown> } = {},
): NodeInput => {
  const { x = 0, y = 0, name = id.split('--')[1] ?? id, label = 'State', properties = {}, ...rest } = extra;
  return { data: { id, label, name, properties }, position: { x, y }, ...rest };
};
const e = (
  id: string,
  source: string,
  target: string,
  extra: Partial<EdgeInput> & { evidence?: Record<string, unknown>; confidence?: number; type?: string } = {},
): EdgeInput => {
  const { evidence = {}, confidence, type = 'DIRECTS', ...rest } = extra;
  return {
    data: {
      id,
      source,
      target,
      type,
      ...(confidence !== undefined ? { confidence } : {}),
      evidence: { sources: ['source--a'], ...evidence },
      properties: {},
    },
    ...rest,
  };
};

function view(nodes: NodeInput[], edges: EdgeInput[] = [], extra: Partial<ViewDocumentInput> = {}): ViewDocument {
  return viewDocumentSchema.parse({
    format: 'threat-network-explorer/view',
    version: 1,
    title: 'A view',
    elements: { nodes, edges },
    zoom: 1,
    pan: { x: 0, y: 0 },
    viewport: { width: 800, height: 600 },
    ...extra,
  });
}

describe('which elements a view shows', () => {
  it('leaves out hidden, gone and invisible nodes, and edges without both ends or themselves gone or invisible', () => {
    const doc = view(
      [
        n('state--a'),
        n('state--b', { classes: 'faded' }),
        n('state--hidden'),
        n('state--gone', { classes: 'pinned gone' }),
        n('state--invisible', { rendered: { shape: 'star', color: '#000', width: 10, height: 10, opacity: 1, visible: false } }),
        n('state--visible', {
          classes: 'notgone',
          rendered: { shape: 'star', color: '#000', width: 10, height: 10, opacity: 1, visible: true },
        }),
      ],
      [
        e('ab', 'state--a', 'state--b'),
        e('ba', 'state--b', 'state--a', { classes: 'highlight gone' }),
        e('a-hidden', 'state--a', 'state--hidden'),
        e('hidden-a', 'state--hidden', 'state--a'),
        e('gone-a', 'state--gone', 'state--a'),
        e('a-invisible', 'state--a', 'state--invisible'),
        e('a-visible', 'state--a', 'state--visible'),
        e('a-b-unseen', 'state--a', 'state--b', { rendered: { color: '#000', width: 1, opacity: 1, visible: false } }),
      ],
      { hidden: ['state--hidden'] },
    );
    const shown = shownElements(doc);
    expect(shown.nodes.map((x) => x.data.id)).toEqual(['state--a', 'state--b', 'state--visible']);
    expect(shown.edges.map((x) => x.data.id)).toEqual(['ab', 'a-visible']);
    expect(isFaded(doc.elements.nodes[1]!)).toBe(true);
    expect(isFaded({ classes: 'unfaded highlight' })).toBe(false);
  });
});

describe('values as text', () => {
  it('writes nothing as empty, strings as they are, numbers and booleans plainly, lists and maps as JSON', () => {
    expect(propertyText(null)).toBe('');
    expect(propertyText(undefined)).toBe('');
    expect(propertyText('Fancy Bear')).toBe('Fancy Bear');
    expect(propertyText('')).toBe('');
    expect(propertyText(0)).toBe('0');
    expect(propertyText(2.5)).toBe('2.5');
    expect(propertyText(false)).toBe('false');
    expect(propertyText(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(propertyText(['a', 1])).toBe('["a",1]');
    expect(propertyText({ k: 'v' })).toBe('{"k":"v"}');
  });

  it('reads an edge confidence from the edge, else from its evidence', () => {
    const doc = view(
      [n('state--a'), n('state--b')],
      [
        e('x', 'state--a', 'state--b', { confidence: 30, evidence: { confidence: 90 } }),
        e('y', 'state--a', 'state--b', { evidence: { confidence: 90 } }),
        e('z', 'state--a', 'state--b'),
      ],
    );
    expect(doc.elements.edges.map(edgeConfidence)).toEqual([30, 90, undefined]);
  });

  it('gives the evidence as columns, missing parts empty', () => {
    const doc = view(
      [n('state--a'), n('state--b')],
      [
        e('full', 'state--a', 'state--b', {
          evidence: {
            sources: ['source--a', 'source--b'],
            quote: 'q',
            summary: 's',
            firstSeen: '2014',
            lastSeen: '2024-05',
            confidence: 70,
          },
        }),
        e('bare', 'state--a', 'state--b'),
      ],
    );
    expect(evidenceColumns(doc.elements.edges[0]!)).toEqual({
      sources: 'source--a; source--b',
      quote: 'q',
      summary: 's',
      firstSeen: '2014',
      lastSeen: '2024-05',
      confidence: 70,
    });
    expect(evidenceColumns(doc.elements.edges[1]!)).toEqual({
      sources: 'source--a',
      quote: '',
      summary: '',
      firstSeen: '',
      lastSeen: '',
      confidence: undefined,
    });
  });

  it('keeps the properties that have no column of their own', () => {
    expect(otherProperties({ id: 'x', name: 'X', iso2: 'RU', founded: 1991 }, ['id', 'name'])).toEqual({ iso2: 'RU', founded: 1991 });
  });

  it('drops what XML 1.0 cannot hold, and keeps tabs, line breaks and whole surrogate pairs', () => {
    expect(xmlSafe('a\u0000b\u0008c\u000Bd\u000Ce\u000Ef\u001Fg\uFFFEh\uFFFF')).toBe('abcdefgh');
    expect(xmlSafe('tab\there\nline\rreturn')).toBe('tab\there\nline\rreturn');
    expect(xmlSafe('emoji \uD83D\uDE00 kept')).toBe('emoji \uD83D\uDE00 kept');
    expect(xmlSafe('lone \uD83D high, lone \uDE00 low')).toBe('lone  high, lone  low');
    expect(xmlSafe('\uDE00\uD83D')).toBe('');
  });
});

const csvOf = (doc: ViewDocument) => {
  const files = unzipSync(toCsvZip(doc));
  const parse = (name: string) => Papa.parse<Record<string, string>>(strFromU8(files[name]!), { header: true, skipEmptyLines: true });
  return { files, nodes: parse('nodes.csv'), edges: parse('edges.csv'), raw: (name: string) => strFromU8(files[name]!) };
};

describe('CSV', () => {
  it('writes a node row per shown node: columns, aliases as a list, note, position and the other properties', () => {
    const doc = view(
      [
        n('state--russia', {
          name: 'Russia',
          x: 12.5,
          y: -40,
          properties: { id: 'state--russia', name: 'Russia', summary: 'A state', aliases: ['RF', 'Russian Federation'], iso2: 'RU' },
        }),
        n('tool--x', { label: 'Tool', name: 'X', properties: { aliases: 'just one' } }),
      ],
      [],
      { notes: { 'state--russia': 'Watch this' } },
    );
    const { nodes } = csvOf(doc);
    expect(nodes.data).toEqual([
      {
        id: 'state--russia',
        label: 'State',
        name: 'Russia',
        summary: 'A state',
        aliases: 'RF; Russian Federation',
        note: 'Watch this',
        x: '12.5',
        y: '-40',
        properties: '{"iso2":"RU"}',
      },
      { id: 'tool--x', label: 'Tool', name: 'X', summary: '', aliases: 'just one', note: '', x: '0', y: '0', properties: '' },
    ]);
  });

  it('writes an edge row per shown edge with the names of its ends, its evidence and other properties', () => {
    const doc = view(
      [n('state--a', { name: 'Alpha' }), n('state--b', { name: 'Beta' }), n('state--h')],
      [
        e('ab', 'state--a', 'state--b', {
          type: 'FUNDS',
          evidence: { sources: ['source--1', 'source--2'], quote: 'q', summary: 's', firstSeen: '2020', lastSeen: '2021', confidence: 60 },
        }),
        { ...e('ba', 'state--b', 'state--a'), data: { ...e('ba', 'state--b', 'state--a').data, properties: { channel: 'telegram' } } },
        e('ah', 'state--a', 'state--h'),
      ],
      { hidden: ['state--h'] },
    );
    const { edges } = csvOf(doc);
    expect(edges.data).toEqual([
      {
        id: 'ab',
        type: 'FUNDS',
        source: 'state--a',
        target: 'state--b',
        source_name: 'Alpha',
        target_name: 'Beta',
        confidence: '60',
        first_seen: '2020',
        last_seen: '2021',
        sources: 'source--1; source--2',
        quote: 'q',
        summary: 's',
        properties: '',
      },
      {
        id: 'ba',
        type: 'DIRECTS',
        source: 'state--b',
        target: 'state--a',
        source_name: 'Beta',
        target_name: 'Alpha',
        confidence: '',
        first_seen: '',
        last_seen: '',
        sources: 'source--a',
        quote: '',
        summary: '',
        properties: '{"channel":"telegram"}',
      },
    ]);
  });

  it('keeps a cell that starts like a formula from running, and ends lines with CRLF', () => {
    const names = ['=1+1', '+cmd', '-2', '@SUM(A1)', '\tx', '\rx', 'plain'];
    const doc = view(names.map((name, i) => n(`person--p${i}`, { label: 'Person', name })));
    const { nodes, raw } = csvOf(doc);
    expect(nodes.data.map((r) => r.name)).toEqual(["'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'plain']);
    expect(raw('nodes.csv').split('\r\n')[0]).toBe('id,label,name,summary,aliases,note,x,y,properties');
  });
});

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['node', 'edge', 'key', 'data', 'g', 'text', 'path', 'rect'].includes(name),
});

describe('GraphML', () => {
  const doc = view(
    [
      n('state--a', {
        name: 'Alpha',
        x: 5,
        y: -7,
        properties: {
          id: 'state--a',
          name: 'Alpha',
          iso2: 'AA',
          population: 12,
          member: true,
          label: 'own label',
          tags: ['x', 'y'],
          gone: null,
        },
      }),
      n('state--b', { name: 'Beta', properties: { population: 'many', member: false } }),
    ],
    [
      e('ab', 'state--a', 'state--b', {
        type: 'FUNDS',
        evidence: {
          sources: ['source--1', 'source--2'],
          quote: 'said so',
          summary: 'in short',
          firstSeen: '2019',
          lastSeen: '2023',
          confidence: 80,
        },
      }),
      e('ba', 'state--b', 'state--a'),
    ],
    { notes: { 'state--a': 'noted' } },
  );
  // Written in each test, not here: Stryker switches a mutant on only once the tests start.
  const parsed = (d: ViewDocument = doc) => {
    const graphml = xml.parse(toGraphml(d)).graphml;
    const keys = graphml.key as Array<Record<string, string>>;
    const values = (element: { data?: Array<Record<string, string | number | boolean>> }) =>
      Object.fromEntries((element.data ?? []).map((x) => [keys.find((k) => k['@id'] === x['@key'])!['@attr.name'], x['#text']]));
    return { graphml, keys, values };
  };

  it('declares for nodes, then edges, the fixed keys and one per property, typed by every value it takes', () => {
    const { keys } = parsed();
    expect(keys.map((k) => [k['@id'], k['@for'], k['@attr.name'], k['@attr.type']])).toEqual([
      ['n0', 'node', 'label', 'string'],
      ['n1', 'node', 'name', 'string'],
      ['n2', 'node', 'note', 'string'],
      ['n3', 'node', 'x', 'double'],
      ['n4', 'node', 'y', 'double'],
      ['n5', 'node', 'iso2', 'string'],
      ['n6', 'node', 'population', 'string'],
      ['n7', 'node', 'member', 'boolean'],
      ['n8', 'node', 'property.label', 'string'],
      ['n9', 'node', 'tags', 'string'],
      ['e0', 'edge', 'type', 'string'],
      ['e1', 'edge', 'confidence', 'double'],
      ['e2', 'edge', 'sources', 'string'],
      ['e3', 'edge', 'quote', 'string'],
      ['e4', 'edge', 'summary', 'string'],
      ['e5', 'edge', 'firstSeen', 'string'],
      ['e6', 'edge', 'lastSeen', 'string'],
    ]);
  });

  it('writes each node with its label, name, note, position and properties; nothing for empty values', () => {
    const { graphml, values } = parsed();
    const [a, b] = graphml.graph.node;
    expect(a['@id']).toBe('state--a');
    expect(values(a)).toEqual({
      label: 'State',
      name: 'Alpha',
      note: 'noted',
      x: 5,
      y: -7,
      iso2: 'AA',
      population: 12,
      member: true,
      'property.label': 'own label',
      tags: '["x","y"]',
    });
    expect(values(b)).toEqual({ label: 'State', name: 'Beta', x: 0, y: 0, population: 'many', member: false });
  });

  it('writes each edge with its ends, type and evidence', () => {
    const { graphml, values } = parsed();
    const [ab, ba] = graphml.graph.edge;
    expect([ab['@id'], ab['@source'], ab['@target']]).toEqual(['ab', 'state--a', 'state--b']);
    expect(values(ab)).toEqual({
      type: 'FUNDS',
      confidence: 80,
      sources: 'source--1; source--2',
      quote: 'said so',
      summary: 'in short',
      firstSeen: 2019,
      lastSeen: 2023,
    });
    expect(values(ba)).toEqual({ type: 'DIRECTS', sources: 'source--a' });
    expect(graphml.graph['@edgedefault']).toBe('directed');
  });

  it('types a property double only when every value is a finite number', () => {
    const numbers = view([n('state--a', { properties: { score: 1.5 } }), n('state--b', { properties: { score: 2 } })]);
    const mixed = view([n('state--a', { properties: { flag: true } }), n('state--b', { properties: { flag: 1 } })]);
    const typeOf = (d: ViewDocument, name: string) =>
      (xml.parse(toGraphml(d)).graphml.key as Array<Record<string, string>>).find((k) => k['@attr.name'] === name)!['@attr.type'];
    expect(typeOf(numbers, 'score')).toBe('double');
    expect(typeOf(mixed, 'flag')).toBe('string');
  });

  it('is well-formed XML with the GraphML namespace, and drops characters XML cannot hold', () => {
    const text = toGraphml(view([n('state--a', { name: 'bell\u0007 <tag> & "q"' })]));
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(text).toContain('xmlns="http://graphml.graphdrawing.org/xmlns"');
    const { graphml, values } = parsed(view([n('state--a', { name: 'bell\u0007 <tag> & "q"' })]));
    expect(values(graphml.graph.node[0]).name).toBe('bell <tag> & "q"');
    // Indented, one element a line, for people who read it too.
    expect(text.split('\n').length).toBeGreaterThan(10);
  });

  it('writes edge properties too, and skips empty ones', () => {
    const d = view(
      [n('state--a'), n('state--b')],
      [
        {
          ...e('ab', 'state--a', 'state--b'),
          data: { ...e('ab', 'state--a', 'state--b').data, properties: { channel: 'telegram', weight: 2, none: null, empty: '' } },
        },
      ],
    );
    const { graphml, keys, values } = parsed(d);
    expect(keys.filter((k) => k['@for'] === 'edge').map((k) => k['@attr.name'])).toEqual([
      'type',
      'confidence',
      'sources',
      'quote',
      'summary',
      'firstSeen',
      'lastSeen',
      'channel',
      'weight',
      'empty',
    ]);
    expect(values(graphml.graph.edge[0])).toEqual({ type: 'DIRECTS', sources: 'source--a', channel: 'telegram', weight: 2 });
  });

  // `values` above cannot tell a data element with no text from no element at all: these list the
  // keys each element carries.
  const written = (d: ViewDocument) => {
    const { graphml, keys } = parsed(d);
    const name = (id: string) => keys.find((k) => k['@id'] === id)!['@attr.name'];
    const of = (element: { data?: Array<Record<string, string>> }) => (element.data ?? []).map((x) => name(x['@key']!));
    return {
      nodes: (graphml.graph.node as Array<{ data?: Array<Record<string, string>> }>).map(of),
      edges: ((graphml.graph.edge ?? []) as Array<{ data?: Array<Record<string, string>> }>).map(of),
      keys,
    };
  };

  it('writes no data element for a value that is missing, null or empty, and one for zero and false', () => {
    const d = view(
      [
        n('state--a', { properties: { iso2: '', founded: null, motto: 'x', members: 0, active: false } }),
        n('state--b', { properties: { iso2: 'BB', founded: 1991, motto: '' } }),
      ],
      [
        {
          ...e('ab', 'state--a', 'state--b'),
          data: { ...e('ab', 'state--a', 'state--b').data, properties: { channel: '', since: null, weight: 0 } },
        },
      ],
      { notes: { 'state--b': '' } },
    );
    const { nodes, edges } = written(d);
    expect(nodes).toEqual([
      ['label', 'name', 'x', 'y', 'motto', 'members', 'active'],
      ['label', 'name', 'x', 'y', 'iso2', 'founded'],
    ]);
    expect(edges).toEqual([['type', 'sources', 'weight']]);
  });

  it('types a property from the values it has: a property left undefined on a node is missing there', () => {
    const d = view([n('state--a', { properties: { score: 2 } }), n('state--b', { properties: {} })]);
    // Only a document built in code can hold undefined (JSON has none); it counts as no value.
    d.elements.nodes[1]!.data.properties = { score: undefined, never: undefined };
    const { nodes, keys } = written(d);
    expect(
      keys
        .filter((k) => k['@for'] === 'node')
        .map((k) => [k['@attr.name'], k['@attr.type']])
        .slice(5),
    ).toEqual([['score', 'double']]);
    expect(nodes[1]).toEqual(['label', 'name', 'x', 'y']);
  });

  it('types a property holding infinity or NaN as text, since GraphML doubles are finite', () => {
    for (const odd of [Number.POSITIVE_INFINITY, Number.NaN]) {
      const d = view([n('state--a', { properties: { score: 1 } }), n('state--b', { properties: { score: odd } })]);
      const { graphml, keys, values } = parsed(d);
      expect(keys.find((k) => k['@attr.name'] === 'score')!['@attr.type'], String(odd)).toBe('string');
      expect(String(values(graphml.graph.node[1]).score)).toBe(String(odd));
    }
  });

  it('closes elements without content at once, as <key .../>', () => {
    const text = toGraphml(view([n('state--a')]));
    expect(text).toContain('<key id="n0" for="node" attr.name="label" attr.type="string"/>');
    expect(text).not.toMatch(/<(\w+)[^>]*><\/\1>/);
  });
});

const svgXml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: true,
  isArray: (name) => ['g', 'text', 'path', 'rect'].includes(name),
});
const svgOf = (
  doc: ViewDocument,
  options: { background?: 'white' | 'transparent'; area?: 'all' | 'visible' } = {},
  raster?: { scale: number },
) => svgXml.parse(toSvg(doc, { background: options.background ?? 'white', area: options.area ?? 'all' }, raster).svg).svg;
const group = (svg: Record<string, unknown>, name: string) => (svg.g as Array<Record<string, unknown>>).find((g) => g['@class'] === name)!;
const items = (svg: Record<string, unknown>, name: string, inner: string) =>
  (group(svg, name)[inner] ?? []) as Array<Record<string, unknown>>;

import { RASTER_EXTENT_MAX, toSvg } from '../server/snapshots/exports/svg.js';

describe('SVG', () => {
  it('titles the image with the view title or a default, and describes it with the caption', () => {
    const svg = svgOf(view([n('state--a')], [], { title: 'Who pays', caption: 'From the seed' }));
    expect(svg.title).toBe('Who pays');
    expect(svg.desc).toBe('From the seed');
    const bare = svgOf(view([n('state--a')], [], { title: '', caption: '' }));
    expect(bare.title).toBe('Threat-network view');
    expect(bare.desc).toBeUndefined();
  });

  it('fills the background only when asked for white', () => {
    const white = svgOf(view([n('state--a')]), { background: 'white' });
    const [vx, vy, vw, vh] = String(white['@viewBox']).split(' ').map(Number);
    expect(white.rect).toEqual([{ '@x': vx, '@y': vy, '@width': vw, '@height': vh, '@fill': '#ffffff' }]);
    expect(svgOf(view([n('state--a')]), { background: 'transparent' }).rect).toBeUndefined();
  });

  it('frames the drawing with a margin around nodes and their names', () => {
    // One 26-unit node at the origin; its name is drawn under it: the box reaches 13 + 3 + 13 below.
    const svg = svgOf(view([n('state--a', { name: 'A' })]));
    const [x, y, w, h] = String(svg['@viewBox']).split(' ').map(Number) as [number, number, number, number];
    expect(x).toBe(-13 - 20);
    expect(y).toBe(-13 - 20);
    expect(w).toBe(26 + 40);
    expect(h).toBe(13 + 13 + 3 + 13 + 40);
    expect([svg['@width'], svg['@height']]).toEqual([w, h]);
  });

  it('frames the visible part of the canvas from pan and zoom, and an empty view as a small square', () => {
    const visible = svgOf(view([n('state--a')], [], { zoom: 2, pan: { x: 100, y: 50 }, viewport: { width: 400, height: 300 } }), {
      area: 'visible',
    });
    expect([visible['@width'], visible['@height'], visible['@viewBox']]).toEqual([400, 300, '-50 -25 200 150']);
    const empty = svgOf(view([]));
    expect([empty['@width'], empty['@height'], empty['@viewBox']]).toEqual([140, 140, '-20 -20 140 140']);
  });

  it('draws a very large view smaller, within 4096 pixels a side', () => {
    const svg = svgOf(view([n('state--a', { x: 0 }), n('state--b', { x: 20_000, y: 5_000 })]));
    expect(svg['@width']).toBe(4096);
    expect(svg['@height']).toBeLessThan(4096);
    const [, , w, h] = String(svg['@viewBox']).split(' ').map(Number) as [number, number, number, number];
    expect(w).toBeGreaterThan(20_000);
    expect(Math.abs(w / h - Number(svg['@width']) / Number(svg['@height']))).toBeLessThan(0.01);
  });

  it('draws each node in its label style, or as it was rendered when that is a plain colour and shape', () => {
    const doc = view([
      n('state--a', { x: 0, y: 0 }),
      n('tool--t', { label: 'Tool', x: 100 }),
      n('state--r', {
        x: 200,
        rendered: { shape: 'rectangle', color: 'rgb(1, 2, 3)', width: 40, height: 20, opacity: 0.5, visible: true },
      }),
      n('state--bad', { x: 300, rendered: { shape: 'url(#x)', color: 'url(#evil)', width: 26, height: 26, opacity: 1, visible: true } }),
      n('person--p', { label: 'Nobody', x: 400, classes: 'faded pinned' }),
    ]);
    const nodes = items(svgOf(doc), 'nodes', 'g');
    const paths = nodes.map((g) => (g.path as Array<Record<string, unknown>>)[0]!);
    expect(paths.map((p) => p['@fill'])).toEqual(['#b91c1c', '#0f766e', 'rgb(1, 2, 3)', '#b91c1c', '#9ca3af']);
    expect(paths[0]!['@d']).toBe(shapePath('star', 0, 0, 26, 26));
    expect(paths[1]!['@d']).toBe(shapePath('round-rectangle', 100, 0, 26, 26));
    expect(paths[2]!['@d']).toBe(shapePath('rectangle', 200, 0, 40, 20));
    expect(paths[3]!['@d']).toBe(shapePath('star', 300, 0, 26, 26));
    expect(paths[4]!['@d']).toBe(shapePath('ellipse', 400, 0, 26, 26));
    expect(paths.map((p) => p['@stroke-width'])).toEqual([1, 1, 1, 1, 3]);
    expect(nodes.map((g) => g['@opacity'])).toEqual([1, 1, 0.5, 1, 0.15]);
    expect(nodes.map((g) => g['@data-id'])).toEqual(['state--a', 'tool--t', 'state--r', 'state--bad', 'person--p']);
  });

  it('names each node under it, cut at twenty characters, marks noted ones, and gives its full name as a tooltip', () => {
    const long = 'Main Centre for Special Technologies';
    const doc = view(
      [n('state--a', { name: long }), n('state--b', { name: 'Short', x: 300 }), n('state--c', { name: 'Faded', x: 600, classes: 'faded' })],
      [],
      { notes: { 'state--b': 'a note' } },
    );
    const svg = svgOf(doc);
    const labels = items(svg, 'node-labels', 'text');
    expect(labels.map((t) => t['#text'])).toEqual([`${long.slice(0, 19)}…`, '✎ Short']);
    // Under the node: 13 (half its height) + 3 + the font size.
    expect(labels.map((t) => [t['@x'], t['@y']])).toEqual([
      [0, 26],
      [300, 26],
    ]);
    expect(items(svg, 'nodes', 'g').map((g) => g.title)).toEqual([long, 'Short', 'Faded']);
  });

  it('puts an amber box behind highlighted nodes', () => {
    const svg = svgOf(view([n('state--a', { classes: 'highlight' }), n('state--b', { x: 100 })]));
    expect(items(svg, 'highlights', 'rect')).toEqual([{ '@x': -18, '@y': -18, '@width': 36, '@height': 36, '@rx': 4 }]);
  });

  it('draws edges as wide as their confidence, highlighted ones wide and amber, rendered ones as they were', () => {
    const doc = view(
      [n('state--a'), n('state--b', { x: 200 }), n('state--c', { y: 200 }), n('state--d', { x: 200, y: 200 })],
      [
        e('zero', 'state--a', 'state--b', { confidence: 0 }),
        e('half', 'state--a', 'state--c', { confidence: 50 }),
        e('full', 'state--a', 'state--d', { confidence: 100 }),
        e('none', 'state--b', 'state--c'),
        e('lit', 'state--b', 'state--d', { confidence: 10, classes: 'highlight' }),
        e('drawn', 'state--c', 'state--d', { confidence: 10, rendered: { color: '#123456', width: 3, opacity: 0.4, visible: true } }),
        e('unsafe', 'state--d', 'state--c', { rendered: { color: 'url(#x)', width: 2, opacity: 1, visible: true } }),
      ],
    );
    const groups = items(svgOf(doc), 'edges', 'g');
    const line = (g: Record<string, unknown>) => (g.path as Array<Record<string, unknown>>)[0]!;
    const arrow = (g: Record<string, unknown>) => (g.path as Array<Record<string, unknown>>)[1]!;
    expect(groups.map((g) => g['@data-id'])).toEqual(['zero', 'half', 'full', 'none', 'lit', 'drawn', 'unsafe']);
    expect(groups.map((g) => line(g)['@stroke-width'])).toEqual([0.6, 2.8, 5, 1, 5, 3, 2]);
    expect(groups.map((g) => line(g)['@stroke'])).toEqual(['#9ca3af', '#9ca3af', '#9ca3af', '#9ca3af', '#d97706', '#123456', '#9ca3af']);
    expect(groups.map((g) => arrow(g)['@fill'])).toEqual(groups.map((g) => line(g)['@stroke']));
    expect(groups.map((g) => g['@opacity'])).toEqual([1, 1, 1, 1, 1, 0.4, 1]);
  });

  it('draws a straight edge from the outline of one node to the arrow tip at the other', () => {
    // a at (0, 0), b at (200, 0), both 26 wide: the curve leaves a at x 13, the arrow's tip is on
    // b's outline at x 187. A thin edge's arrow is Cytoscape's smallest: 29 × 0.8 long 0.3, half wide 0.15.
    const doc = view(
      [n('state--a'), n('state--b', { x: 200 }), n('state--c', { y: 200 }), n('state--d', { x: 200, y: 200 })],
      [e('ab', 'state--a', 'state--b', { confidence: 0 }), e('cd', 'state--c', 'state--d', { confidence: 100 })],
    );
    const groups = items(svgOf(doc), 'edges', 'g');
    const [line, arrow] = (groups[0]!.path as Array<Record<string, unknown>>).map((p) => String(p['@d']));
    expect(line).toBe('M13 0Q100 0 180.04 0');
    expect(arrow).toBe('M187 0L180.04 3.48L180.04 -3.48Z');
    // A wide edge has a larger arrow: (5 × 13.37)^0.9 × 0.8 long 0.3.
    const length = Math.pow(5 * 13.37, 0.9) * 0.8 * 0.3;
    const wide = String((groups[1]!.path as Array<Record<string, unknown>>)[1]!['@d']);
    const base = Number(/^M187 200L([\d.]+) /.exec(wide)![1]);
    expect(base).toBeCloseTo(187 - length, 1);
  });

  it('bows parallel edges apart, both ways the same for a pair, and loops an edge to its own node', () => {
    const doc = view(
      [n('state--a'), n('state--b', { x: 200 })],
      [
        e('ab1', 'state--a', 'state--b'),
        e('ab2', 'state--a', 'state--b'),
        e('ba', 'state--b', 'state--a'),
        e('aa', 'state--a', 'state--a'),
      ],
    );
    const groups = items(svgOf(doc), 'edges', 'g');
    const controls = groups.map((g) => /Q(-?[\d.]+) (-?[\d.]+)/.exec(String((g.path as Array<Record<string, string>>)[0]!['@d'])));
    // Three edges between a and b: offsets -16, 0 and 16 on the pair's axis, the control point twice that away.
    expect(controls.slice(0, 3).map((m) => Number(m![2]))).toEqual([-32, 0, 32]);
    expect(controls.slice(0, 3).map((m) => Number(m![1]))).toEqual([100, 100, 100]);
    const loop = String((groups[3]!.path as Array<Record<string, string>>)[0]!['@d']);
    // Out of the top (0, -13), back into the right side (13, 0) with a cubic curve.
    expect(loop).toMatch(/^M0 -13C0 -43 43 0 /);
  });

  it('writes edge types along the edges, level with them, but not on faded edges', () => {
    const doc = view(
      [n('state--a'), n('state--b', { x: 100, y: 100 }), n('state--c', { x: -100, y: 100 }), n('state--d', { x: 200 })],
      [
        e('down-right', 'state--a', 'state--b', { type: 'FUNDS' }),
        e('down-left', 'state--a', 'state--c', { type: 'USES' }),
        e('left', 'state--d', 'state--a', { type: 'DIRECTS' }),
        e('faded', 'state--b', 'state--c', { type: 'HIDDEN_TYPE', classes: 'faded' }),
      ],
    );
    const svg = svgOf(doc);
    const labels = items(svg, 'edge-labels', 'text');
    expect(labels.map((t) => t['#text'])).toEqual(['FUNDS', 'USES', 'DIRECTS']);
    // Angles are kept within ±90° so text never reads upside down; a horizontal edge has none.
    expect(labels[0]!['@transform']).toBe('rotate(45 50 50)');
    expect(labels[1]!['@transform']).toBe('rotate(-45 -50 50)');
    expect(labels[2]!['@transform']).toBeUndefined();
    expect([labels[2]!['@x'], labels[2]!['@y']]).toEqual([100, 0]);
    const faded = items(svg, 'edges', 'g').find((g) => g['@data-id'] === 'faded')!;
    expect(faded['@opacity']).toBe(0.15);
  });

  it('for a PNG, leaves out labels too small to read at its scale, and what lies outside the picture', () => {
    // 20,000 units wide: drawn about 0.2 pixels a unit, 2 pixels a 10-unit name.
    const far = view([n('state--a'), n('state--b', { x: 20_000 })], [e('ab', 'state--a', 'state--b', { type: 'FUNDS' })]);
    const plain = svgOf(far);
    expect(items(plain, 'node-labels', 'text')).toHaveLength(2);
    expect(items(plain, 'edge-labels', 'text')).toHaveLength(1);
    const small = svgOf(far, {}, { scale: 1 });
    expect(items(small, 'node-labels', 'text')).toHaveLength(0);
    expect(items(small, 'edge-labels', 'text')).toHaveLength(0);
    expect(items(small, 'nodes', 'g')).toHaveLength(2);
    // At scale 4 a node name is 10 × 0.2 × 4 = 8 pixels high: readable; an edge type 6.4: too.
    const big = svgOf(far, {}, { scale: 4 });
    expect(items(big, 'node-labels', 'text')).toHaveLength(2);
    expect(items(big, 'edge-labels', 'text')).toHaveLength(1);

    // The visible area of the canvas holds a only: b and d, the edge between them and invisible
    // elements are left out; the edge from a to b crosses the picture and stays.
    const doc = view(
      [
        n('state--a'),
        n('state--b', { x: 5_000 }),
        n('state--d', { x: 5_000, y: 5_000 }),
        n('state--c', { x: 50, rendered: { shape: 'star', color: '#000', width: 26, height: 26, opacity: 0, visible: true } }),
      ],
      [
        e('ab', 'state--a', 'state--b'),
        e('bd', 'state--b', 'state--d'),
        e('ca', 'state--c', 'state--a', { rendered: { color: '#000', width: 1, opacity: 0, visible: true } }),
      ],
      { pan: { x: 400, y: 300 } },
    );
    const raster = svgOf(doc, { area: 'visible' }, { scale: 1 });
    expect(items(raster, 'nodes', 'g').map((g) => g['@data-id'])).toEqual(['state--a']);
    expect(items(raster, 'edges', 'g').map((g) => g['@data-id'])).toEqual(['ab']);
    const vector = svgOf(doc, { area: 'visible' });
    expect(items(vector, 'nodes', 'g')).toHaveLength(4);
    expect(items(vector, 'edges', 'g')).toHaveLength(3);
  });
});

describe('SVG, more of the drawing rules', () => {
  it('loops an edge from the top of its node round to its right side, its type level beside the loop', () => {
    const svg = svgOf(view([n('state--a')], [e('aa', 'state--a', 'state--a', { type: 'SELF' })]));
    const [line, arrow] = (items(svg, 'edges', 'g')[0]!.path as Array<Record<string, unknown>>).map((p) => String(p['@d']));
    // Out of (0, -13), controls 30 units out, back into (13, 0); a width-1 edge's arrow is 6.96 long.
    expect(line).toBe('M0 -13C0 -43 43 0 19.96 0');
    expect(arrow).toBe('M13 0L19.96 -3.48L19.96 3.48Z');
    const label = items(svg, 'edge-labels', 'text')[0]!;
    expect([label['@x'], label['@y'], label['@transform']]).toEqual([17.75, -17.75, undefined]);
  });

  it('turns edge types that would read upside down by half a turn', () => {
    const doc = view(
      [n('state--a'), n('state--b', { x: 100, y: 100 })],
      [e('up-left', 'state--b', 'state--a', { type: 'UP_LEFT' }), e('down-right', 'state--a', 'state--b', { type: 'DOWN_RIGHT' })],
    );
    const labels = items(svgOf(doc), 'edge-labels', 'text');
    // -135° (up and left) reads as 45°, like the edge the other way.
    expect(labels.map((t) => String(t['@transform']).split(' ')[0])).toEqual(['rotate(45', 'rotate(45']);
  });

  it('writes no name or type for elements drawn invisible', () => {
    const doc = view(
      [
        n('state--a'),
        n('state--b', { x: 200, rendered: { shape: 'star', color: '#000', width: 26, height: 26, opacity: 0, visible: true } }),
      ],
      [e('ab', 'state--a', 'state--b', { type: 'SHOWN', rendered: { color: '#000', width: 1, opacity: 0, visible: true } })],
    );
    const svg = svgOf(doc);
    expect(items(svg, 'node-labels', 'text').map((t) => t['#text'])).toEqual(['a']);
    expect(items(svg, 'edge-labels', 'text')).toEqual([]);
  });

  it('makes room for long names and edge types in the frame', () => {
    // A 20-character name is 20 × 10 × 0.58 = 116 wide; it is not cut, a 21st character is.
    const name = 'Main Centre for Spec';
    const wide = svgOf(view([n('state--a', { name })]));
    expect(wide['@viewBox']).toBe('-78 -33 156 82');
    expect(items(wide, 'node-labels', 'text')[0]!['#text']).toBe(name);
    expect(items(svgOf(view([n('state--a', { name: `${name}i` })])), 'node-labels', 'text')[0]!['#text']).toBe(`${name.slice(0, 19)}…`);
    // A 30-letter type, 139.2 wide, written along a vertical edge from (0, 0) to (0, 400).
    const typed = svgOf(
      view(
        [n('state--a', { name: 'A' }), n('state--b', { name: 'B', y: 400 })],
        [e('ab', 'state--a', 'state--b', { type: 'X'.repeat(30) })],
      ),
    );
    const [x, , w] = String(typed['@viewBox']).split(' ').map(Number);
    expect(x).toBeCloseTo(-89.6, 5);
    expect(w).toBe(Math.round(139.2 + 40));
  });

  it('is at least one pixel a side', () => {
    const tiny = svgOf(view([n('state--a')], [], { viewport: { width: 0.2, height: 0.2 } }), { area: 'visible' });
    expect([tiny['@width'], tiny['@height']]).toEqual([1, 1]);
  });
});

describe('SVG, curves, angles and what a PNG leaves out', () => {
  it('bows two edges between the same nodes to either side, from outline to outline', () => {
    const svg = svgOf(
      view([n('state--a'), n('state--b', { x: 200 })], [e('ab1', 'state--a', 'state--b'), e('ab2', 'state--a', 'state--b')]),
    );
    const [first, second] = items(svg, 'edges', 'g').map((g) => (g.path as Array<Record<string, unknown>>).map((p) => String(p['@d'])));
    // Offset -8: the control point 16 above the middle; the curve leaves a's circle towards it
    // and its arrow ends on b's circle, coming from it.
    expect(first).toEqual(['M12.84 -2.05Q100 -16 180.29 -3.15', 'M187.16 -2.05L179.74 0.28L180.84 -6.59Z']);
    // Offset +8: the mirror image below.
    expect(second).toEqual(['M12.84 2.05Q100 16 180.29 3.15', 'M187.16 2.05L180.84 6.59L179.74 -0.28Z']);
    const labels = items(svg, 'edge-labels', 'text');
    expect(labels.map((t) => [t['@x'], t['@y']])).toEqual([
      [100, -9.03],
      [100, 9.03],
    ]);
  });

  it('loops two edges on one node one outside the other', () => {
    const svg = svgOf(view([n('state--a')], [e('aa1', 'state--a', 'state--a'), e('aa2', 'state--a', 'state--a')]));
    const lines = items(svg, 'edges', 'g').map((g) => String((g.path as Array<Record<string, unknown>>)[0]!['@d']));
    // Offsets -8 and 8: both reach 30 + 8 out.
    expect(lines).toEqual(['M0 -13C0 -51 51 0 19.96 0', 'M0 -13C0 -51 51 0 19.96 0']);
  });

  it('writes a vertical edge type turned a quarter, down one way and up the other', () => {
    const doc = view([n('state--a'), n('state--b', { y: 100 })], [e('down', 'state--a', 'state--b'), e('up', 'state--b', 'state--a')]);
    const labels = items(svgOf(doc), 'edge-labels', 'text');
    expect(labels.map((t) => String(t['@transform']).split(' ')[0])).toEqual(['rotate(90', 'rotate(-90']);
  });

  it('for a PNG of the visible area, keeps what touches the picture and leaves out what does not', () => {
    // The canvas showed x -400..400 and y -300..300. Nodes are 26 units: one at x -413 just touches it.
    const doc = view(
      [
        n('state--left', { x: -413 }),
        n('state--right', { x: 413 }),
        n('state--top', { y: -313 }),
        n('state--bottom', { y: 313 }),
        n('state--out-left', { x: -414, y: 100 }),
        n('state--out-right', { x: 414, y: 100 }),
        n('state--out-top', { x: 100, y: -314 }),
        n('state--out-bottom', { x: 100, y: 314 }),
        // Below the picture, with edges between them: an edge's box reaches its width + 20 units further.
        n('state--low-a', { x: -50, y: 320 }),
        n('state--low-b', { x: 50, y: 320 }),
        n('state--lower-a', { x: -50, y: 322 }),
        n('state--lower-b', { x: 50, y: 322 }),
        n('state--far-a', { x: -420, y: -50 }),
        n('state--far-b', { x: -420, y: 50 }),
        n('state--farther-a', { x: -422, y: -50 }),
        n('state--farther-b', { x: -422, y: 50 }),
      ],
      [
        e('low', 'state--low-a', 'state--low-b'),
        e('lower', 'state--lower-a', 'state--lower-b'),
        e('far', 'state--far-a', 'state--far-b'),
        e('farther', 'state--farther-a', 'state--farther-b'),
      ],
      { pan: { x: 400, y: 300 } },
    );
    const raster = svgOf(doc, { area: 'visible' }, { scale: 1 });
    expect(raster['@viewBox']).toBe('-400 -300 800 600');
    expect(items(raster, 'nodes', 'g').map((g) => g['@data-id'])).toEqual(['state--left', 'state--right', 'state--top', 'state--bottom']);
    expect(items(raster, 'edges', 'g').map((g) => g['@data-id'])).toEqual(['low', 'far']);
  });

  it('draws names from 7 pixels high and edge types from 6, as the canvas does', () => {
    // Zoom 0.7 on a 700-pixel canvas: 0.7 pixels a unit, a 10-unit name exactly 7 pixels, an 8-unit type 5.6.
    const doc = (zoom: number) =>
      view([n('state--a', { x: 400, y: 400 }), n('state--b', { x: 600, y: 600 })], [e('ab', 'state--a', 'state--b')], {
        zoom,
        pan: { x: 0, y: 0 },
        viewport: { width: 1000 * zoom, height: 1000 * zoom },
      });
    const at07 = svgOf(doc(0.7), { area: 'visible' }, { scale: 1 });
    expect(items(at07, 'node-labels', 'text')).toHaveLength(2);
    expect(items(at07, 'edge-labels', 'text')).toHaveLength(0);
    // Zoom 0.75: an edge type is 6 pixels high.
    const at075 = svgOf(doc(0.75), { area: 'visible' }, { scale: 1 });
    expect(items(at075, 'edge-labels', 'text')).toHaveLength(1);
    // Zoom 0.65: names are too small as well.
    expect(items(svgOf(doc(0.65), { area: 'visible' }, { scale: 1 }), 'node-labels', 'text')).toHaveLength(0);
  });

  it('looks like the canvas: the colours of its stylesheet, and a white halo behind every label', () => {
    const rules = fallbackStyle();
    const style = (selector: string) => rules.find((r) => r.selector === selector)!.style as Record<string, unknown>;
    const svg = svgOf(view([n('state--a', { classes: 'highlight' }), n('state--b', { x: 200 })], [e('ab', 'state--a', 'state--b')]));
    expect(group(svg, 'highlights')['@fill']).toBe(style('.highlight')['overlay-color']);
    expect(group(svg, 'highlights')['@fill-opacity']).toBe(style('.highlight')['overlay-opacity']);
    expect(group(svg, 'nodes')['@stroke']).toBe(style('node')['border-color']);
    expect(group(svg, 'node-labels')['@fill']).toBe(style('node').color);
    expect(group(svg, 'edge-labels')['@fill']).toBe(style('edge').color);
    expect(group(svg, 'node-labels')['@text-anchor']).toBe('middle');
    expect(group(svg, 'edge-labels')['@text-anchor']).toBe('middle');
    expect(group(svg, 'edge-labels')['@dominant-baseline']).toBe('central');
    expect(items(svg, 'edges', 'g')[0]!.path).toMatchObject([{ '@fill': 'none' }, {}]);
    for (const label of [...items(svg, 'node-labels', 'text'), ...items(svg, 'edge-labels', 'text')]) {
      expect(label).toMatchObject({ '@stroke': '#ffffff', '@stroke-width': 2.5, '@stroke-linejoin': 'round', '@paint-order': 'stroke' });
    }
    // Compact: one line, empty elements closed at once.
    const text = toSvg(view([n('state--a')]), { background: 'transparent', area: 'all' }).svg;
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(/<(\w+)[^>]*><\/\1>/);
  });

  it('gives the canvas look per label in the HTML viewer fallback style', () => {
    const rules = fallbackStyle();
    for (const [label, look] of Object.entries(LABEL_STYLES)) {
      expect(rules.find((r) => r.selector === `node[label = "${label}"]`)?.style, label).toEqual({
        'background-color': look.color,
        shape: look.shape,
      });
    }
    // Nodes are named under them, edges by type, edge width by confidence as in the SVG export.
    expect(rules.find((r) => r.selector === 'node')?.style).toMatchObject({
      label: 'data(name)',
      'text-valign': 'bottom',
      width: 26,
      height: 26,
    });
    expect(rules.find((r) => r.selector === 'edge')?.style).toMatchObject({
      label: 'data(type)',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
    });
    expect(rules.find((r) => r.selector === 'edge[confidence >= 0]')?.style).toEqual({ width: 'mapData(confidence, 0, 100, 0.6, 5)' });
    expect(rules.find((r) => r.selector === '.faded')?.style).toEqual({ opacity: 0.15, 'text-opacity': 0 });
    expect(rules.find((r) => r.selector === 'node.pinned')?.style).toMatchObject({ 'border-width': 3 });
    expect(rules.map((r) => r.selector)).toEqual(expect.arrayContaining(['edge.highlight', ':selected']));
  });

  it('falls back on the canvas stylesheet itself, less what needs the app, selection in one rule', () => {
    type Rule = { selector: string; style: Record<string, unknown> };
    const canvas = canvasStyle() as Rule[];
    const fallback = fallbackStyle() as Rule[];
    const canvasRule = (selector: string) => canvas.find((r) => r.selector === selector)!.style;
    const without = (style: Record<string, unknown>, ...left: string[]) =>
      Object.fromEntries(Object.entries(style).filter(([k]) => !left.includes(k)));
    // The viewer draws every label, however small, on plain text boxes.
    const expected: Record<string, Record<string, unknown>> = {
      node: without(canvasRule('node'), 'min-zoomed-font-size', 'text-background-padding'),
      // An edge's width follows its confidence (the canvas's weight data is not in the document);
      // one without is drawn 1 wide, as in the SVG export.
      edge: { ...without(canvasRule('edge'), 'min-zoomed-font-size'), width: 1 },
      'edge[confidence >= 0]': { width: String(canvasRule('edge').width).replace('weight', 'confidence') },
      'node.pinned': without(canvasRule('node.pinned'), 'border-color'),
      '.highlight': without(canvasRule('.highlight'), 'z-index'),
      'edge.highlight': canvasRule('edge.highlight'),
      '.faded': canvasRule('.faded'),
      // Nodes and edges selected alike, edges no wider.
      ':selected': { ...canvasRule('node:selected'), ...without(canvasRule('edge:selected'), 'width') },
    };
    for (const [label] of Object.entries(LABEL_STYLES)) expected[`node[label = "${label}"]`] = canvasRule(`node[label = "${label}"]`);
    expect(Object.fromEntries(fallback.map((r) => [r.selector, r.style]))).toEqual(expected);
    // In this order: later rules win in Cytoscape, so selection and highlight come after the defaults.
    expect(fallback.map((r) => r.selector)).toEqual([
      'node',
      ...Object.keys(LABEL_STYLES).map((l) => `node[label = "${l}"]`),
      'edge',
      'edge[confidence >= 0]',
      'node.pinned',
      '.highlight',
      'edge.highlight',
      '.faded',
      ':selected',
    ]);
    const svg = svgOf(view([n('state--a'), n('state--b', { x: 200 })], [e('ab', 'state--a', 'state--b')]));
    expect((items(svg, 'edges', 'g')[0]!.path as Array<Record<string, unknown>>)[0]!['@stroke-width']).toBe(expected.edge!.width);
  });
});

describe('SVG, geometry off the axes and what a PNG keeps', () => {
  const numbers = (d: unknown) => [...String(d).matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  const paths = (svg: Record<string, unknown>) =>
    items(svg, 'edges', 'g').map((g) => (g.path as Array<Record<string, unknown>>).map((p) => String(p['@d'])));
  const control = (line: string) => /Q(-?[\d.]+) (-?[\d.]+)/.exec(line)!.slice(1, 3).map(Number) as [number, number];

  it('bows parallel edges square to the line between their nodes, whatever its direction', () => {
    // a at (0, 0), b at (120, 160): 200 apart, the middle at (60, 80).
    const doc = view(
      [n('state--a'), n('state--b', { x: 120, y: 160 })],
      [e('ab1', 'state--a', 'state--b'), e('ab2', 'state--a', 'state--b'), e('ab3', 'state--a', 'state--b')],
    );
    const fromMiddle = paths(svgOf(doc))
      .map(([line]) => control(line!))
      .map(([x, y]) => [x - 60, y - 80] as const);
    // Offsets -16, 0 and 16: the control point twice that far from the middle, square to a→b.
    fromMiddle.forEach(([x, y], i) => expect(Math.hypot(x, y)).toBeCloseTo([32, 0, 32][i]!, 5));
    for (const [x, y] of fromMiddle) expect(Math.abs(x * 120 + y * 160)).toBeLessThan(1);
    // The first and the last on either side.
    expect(fromMiddle[0]![0] + fromMiddle[2]![0]).toBeCloseTo(0, 5);
    expect(fromMiddle[0]![1] + fromMiddle[2]![1]).toBeCloseTo(0, 5);
  });

  it('bows only edges between the same two nodes, even when the ids of two pairs run on into one another', () => {
    // "x--a" + "yy--b" and "x--ay" + "y--b" read alike run together: each pair has one edge, straight.
    const doc = view(
      [n('x--a'), n('yy--b', { x: 200 }), n('x--ay', { y: 200 }), n('y--b', { x: 200, y: 200 })],
      [e('one', 'x--a', 'yy--b'), e('two', 'x--ay', 'y--b')],
    );
    expect(paths(svgOf(doc)).map(([line]) => control(line!))).toEqual([
      [100, 0],
      [100, 200],
    ]);
  });

  it('starts and ends an edge on the outline of a wide node, wherever the nodes are', () => {
    const wide = (id: string, x: number, y: number) =>
      n(id, { x, y, rendered: { shape: 'ellipse', color: '#000000', width: 60, height: 20, opacity: 1, visible: true } });
    const doc = view([wide('state--a', 100, 100), wide('state--b', 300, 200)], [e('ab', 'state--a', 'state--b')]);
    const [[line, arrow]] = paths(svgOf(doc)) as [[string, string]];
    const [sx, sy] = numbers(line);
    const [tx, ty] = numbers(arrow);
    // On the 60 × 20 ellipse round each centre, on the straight line between the centres.
    expect(((sx! - 100) / 30) ** 2 + ((sy! - 100) / 10) ** 2).toBeCloseTo(1, 2);
    expect(((tx! - 300) / 30) ** 2 + ((ty! - 200) / 10) ** 2).toBeCloseTo(1, 2);
    expect((sy! - 100) / (sx! - 100)).toBeCloseTo(0.5, 2);
    expect((ty! - 200) / (tx! - 300)).toBeCloseTo(0.5, 2);
  });

  it('draws a loop and its type the same wherever its node is', () => {
    const at = (x: number, y: number) => {
      const svg = svgOf(view([n('state--a', { x, y })], [e('aa', 'state--a', 'state--a', { type: 'SELF' })]));
      const label = items(svg, 'edge-labels', 'text')[0]!;
      return { points: paths(svg)[0]!.flatMap(numbers), label: [label['@x'], label['@y']] as number[] };
    };
    const origin = at(0, 0);
    const moved = at(100, 50);
    expect(moved.points).toHaveLength(origin.points.length);
    moved.points.forEach((v, i) => expect(v).toBeCloseTo(origin.points[i]! + (i % 2 === 0 ? 100 : 50), 5));
    expect(moved.label[0]).toBeCloseTo(origin.label[0]! + 100, 5);
    expect(moved.label[1]).toBeCloseTo(origin.label[1]! + 50, 5);
  });

  it('makes room above and below a long edge type too, as it is turned along its edge', () => {
    // A 30-letter type, 139.2 wide, on a level edge: its box reaches 69.6 above and below it.
    const typed = svgOf(
      view(
        [n('state--a', { name: 'A' }), n('state--b', { name: 'B', x: 400 })],
        [e('ab', 'state--a', 'state--b', { type: 'X'.repeat(30) })],
      ),
    );
    const [, y, , h] = String(typed['@viewBox']).split(' ').map(Number);
    expect(y).toBeCloseTo(-69.6 - 20, 5);
    expect(h).toBe(Math.round(139.2 + 40));
  });

  // The canvas showed x -400..400 and y -300..300.
  const picture = { pan: { x: 400, y: 300 } };
  const keptEdges = (doc: ViewDocument) => items(svgOf(doc, { area: 'visible' }, { scale: 1 }), 'edges', 'g').map((g) => g['@data-id']);

  it('for a PNG of the visible area, keeps edges that cross it from side to side or top to bottom', () => {
    const doc = view(
      [
        n('state--w', { x: -1000 }),
        n('state--e', { x: 1000 }),
        n('state--n', { y: -1000 }),
        n('state--s', { y: 1000 }),
        n('state--nw', { x: -1000, y: -1000 }),
        n('state--se', { x: 1000, y: 1000 }),
      ],
      [e('we', 'state--w', 'state--e'), e('ns', 'state--n', 'state--s'), e('diagonal', 'state--se', 'state--nw')],
      picture,
    );
    expect(keptEdges(doc)).toEqual(['we', 'ns', 'diagonal']);
  });

  it('for a PNG of the visible area, reaches the same width + 20 units beyond its top and right side', () => {
    const doc = view(
      [
        n('state--high-a', { x: -50, y: -320 }),
        n('state--high-b', { x: 50, y: -320 }),
        n('state--higher-a', { x: -50, y: -322 }),
        n('state--higher-b', { x: 50, y: -322 }),
        n('state--near-a', { x: 420, y: -50 }),
        n('state--near-b', { x: 420, y: 50 }),
        n('state--nearer-a', { x: 422, y: -50 }),
        n('state--nearer-b', { x: 422, y: 50 }),
      ],
      [
        e('high', 'state--high-a', 'state--high-b'),
        e('higher', 'state--higher-a', 'state--higher-b'),
        e('near', 'state--near-a', 'state--near-b'),
        e('nearer', 'state--nearer-a', 'state--nearer-b'),
      ],
      picture,
    );
    expect(keptEdges(doc)).toEqual(['high', 'near']);
  });

  it('for a PNG of the visible area, keeps a bowed edge whose curve reaches into it from nodes below it', () => {
    // Five edges between two nodes 30 units below the picture: the first bows up 64 units.
    const doc = view(
      [n('state--p', { x: -50, y: 330 }), n('state--q', { x: 50, y: 330 })],
      ['e0', 'e1', 'e2', 'e3', 'e4'].map((id) => e(id, 'state--p', 'state--q')),
      picture,
    );
    // The middle of its curve, where its type is written, is inside the picture.
    const top = items(svgOf(doc, { area: 'visible' }), 'edge-labels', 'text')[0]!;
    expect(Number(top['@y'])).toBeLessThan(300);
    expect(keptEdges(doc)).toContain('e0');
  });
});

describe('node shapes', () => {
  it('draws polygons on the unit box scaled to the node, and unknown shapes as ellipses', () => {
    expect(shapePath('rectangle', 10, 20, 40, 20)).toBe('M-10 10L30 10L30 30L-10 30Z');
    expect(shapePath('triangle', 0, 0, 20, 20)).toBe('M0 -10L10 10L-10 10Z');
    expect(shapePath('diamond', 0, 0, 20, 10)).toBe('M0 -5L10 0L0 5L-10 0Z');
    expect(shapePath('blob', 5, 5, 20, 10)).toBe('M-5 5a10 5 0 1 0 20 0a10 5 0 1 0 -20 0Z');
    expect(shapePath('ellipse', 0, 0, 26, 26)).toBe('M-13 0a13 13 0 1 0 26 0a13 13 0 1 0 -26 0Z');
  });

  it('fits regular polygons and the star to the whole box', () => {
    for (const shape of ['pentagon', 'hexagon', 'heptagon', 'octagon', 'star']) {
      const points = [...shapePath(shape, 0, 0, 100, 60).matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map(
        (m) => [Number(m[1]), Number(m[2])] as const,
      );
      expect(Math.min(...points.map((p) => p[0])), shape).toBeCloseTo(-50, 5);
      expect(Math.max(...points.map((p) => p[0])), shape).toBeCloseTo(50, 5);
      expect(Math.min(...points.map((p) => p[1])), shape).toBeCloseTo(-30, 5);
      expect(Math.max(...points.map((p) => p[1])), shape).toBeCloseTo(30, 5);
    }
    expect([...shapePath('pentagon', 0, 0, 2, 2).matchAll(/L/g)]).toHaveLength(4);
    expect([...shapePath('hexagon', 0, 0, 2, 2).matchAll(/L/g)]).toHaveLength(5);
    expect([...shapePath('heptagon', 0, 0, 2, 2).matchAll(/L/g)]).toHaveLength(6);
    expect([...shapePath('octagon', 0, 0, 2, 2).matchAll(/L/g)]).toHaveLength(7);
    expect([...shapePath('star', 0, 0, 2, 2).matchAll(/L/g)]).toHaveLength(9);
    // A pentagon and a star point up; the star's inner points are well inside.
    expect(shapePath('pentagon', 0, 0, 2, 2).startsWith('M0 -1L')).toBe(true);
    expect(shapePath('star', 0, 0, 2, 2).startsWith('M0 -1L')).toBe(true);
  });

  it('rounds the corners of round, cut and bottom-round rectangles, at most 8 × 0.6 units', () => {
    const round = shapePath('round-rectangle', 0, 0, 40, 20);
    expect(round).toBe('M-15.2 -10H15.2Q20 -10 20 -5.2V5.2Q20 10 15.2 10H-15.2Q-20 10 -20 5.2V-5.2Q-20 -10 -15.2 -10Z');
    expect(shapePath('cut-rectangle', 0, 0, 40, 20)).toBe(round);
    expect(shapePath('bottom-round-rectangle', 0, 0, 40, 20)).toBe(round);
    // A large node's corners stay at 8 × 0.6 = 4.8; a small one's at 0.6 of its half height.
    expect(shapePath('round-rectangle', 0, 0, 100, 100).startsWith('M-45.2 -50H45.2Q50 -50 50 -45.2')).toBe(true);
    expect(shapePath('round-rectangle', 0, 0, 10, 6)).toBe('M-3.2 -3H3.2Q5 -3 5 -1.2V1.2Q5 3 3.2 3H-3.2Q-5 3 -5 1.2V-1.2Q-5 -3 -3.2 -3Z');
    expect(shapePath('round-tag', 0, 0, 2, 2)).toBe(shapePath('tag', 0, 0, 2, 2));
  });

  it('draws the barrel, tag, vee and rhomboid', () => {
    expect(shapePath('barrel', 0, 0, 20, 20)).toBe('M-8 -10L8 -10Q10 -10 10 -7L10 7Q10 10 8 10L-8 10Q-10 10 -10 7L-10 -7Q-10 -10 -8 -10Z');
    expect(shapePath('tag', 0, 0, 20, 20)).toBe('M-10 -10L5 -10L10 0L5 10L-10 10Z');
    expect(shapePath('vee', 0, 0, 20, 20)).toBe('M-10 -10L0 -3.33L10 -10L0 10Z');
    expect(shapePath('rhomboid', 0, 0, 20, 20)).toBe('M-10 -10L3.33 -10L10 10L-3.33 10Z');
  });

  it('measures from a node centre to its outline, as an ellipse', () => {
    expect(boundaryDistance(26, 26, 5, 0)).toBeCloseTo(13);
    expect(boundaryDistance(40, 20, 0, -3)).toBeCloseTo(10);
    expect(boundaryDistance(40, 20, 7, 0)).toBeCloseTo(20);
    expect(boundaryDistance(40, 20, 1, 1)).toBeCloseTo((20 * 10) / Math.hypot(10 * Math.SQRT1_2, 20 * Math.SQRT1_2));
    expect(boundaryDistance(26, 26, 0, 0)).toBe(0);
    expect(boundaryDistance(0, 26, 1, 0)).toBe(0);
    expect(boundaryDistance(26, 0, 1, 0)).toBe(0);
    expect(boundaryDistance(0, 26, 0, 1)).toBe(0);
  });
});

describe('HTML', () => {
  const doc = view(
    [n('state--a', { name: 'Alpha' }), n('state--b'), n('state--h')],
    [e('ab', 'state--a', 'state--b'), e('ah', 'state--a', 'state--h')],
    {
      title: 'Proxies & <friends>',
      caption: 'Line one\n"quoted"',
      hidden: ['state--h'],
    },
  );
  const page = () => toHtml(doc, new Date('2025-02-03T12:00:00Z'));

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;Tom &#38; &#39;Jerry&#39;&#60;/a&#62;');
  });

  it('shows title, caption, the counts of what the view shows and the date of export', () => {
    const html = page();
    expect(html).toContain('<title>Proxies &#38; &#60;friends&#62;</title>');
    expect(html).toContain('<h1>Proxies &#38; &#60;friends&#62;</h1>');
    expect(html).toContain('<p class="caption">Line one\n&#34;quoted&#34;</p>');
    expect(html).toContain('<p class="meta">2 nodes, 1 relationships · exported 2025-02-03</p>');
    expect(html).toContain('aria-label="Graph: Proxies &#38; &#60;friends&#62;"');
    const bare = toHtml(view([], [], { title: '', caption: '' }), new Date('2025-02-03T12:00:00Z'));
    expect(bare).toContain('<title>Threat-network view</title>');
    expect(bare).not.toContain('class="caption"');
  });

  it('heads a view without caption with its title, counts and buttons only', () => {
    const bare = toHtml(view([n('state--a')], [], { title: 'Bare', caption: '' }), new Date('2025-02-03T12:00:00Z'));
    const header = /<header>([\s\S]*)<\/header>/.exec(bare)![1]!;
    expect(
      header
        .replace(/<[^>]*>/g, '\n')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    ).toEqual(['Bare', '1 nodes, 0 relationships · exported 2025-02-03', 'Saved view', 'Fit all']);
  });

  it('writes a "</script" or "<!--" inside inlined code so that it ends nothing, and the code runs the same', () => {
    const code = 'const a = "</script><!-- x"; const b = "</SCRIPT>";';
    const element = codeScript(code);
    expect(element).toBe('<script>const a = "<\\/script><\\!-- x"; const b = "<\\/SCRIPT>";</script>');
    const inner = /^<script>([\s\S]*)<\/script>$/.exec(element)![1]!;
    expect(inner).not.toMatch(/<\/script|<!--/i);
    // In a JavaScript string "\/" is "/" and "\!" is "!": the values are unchanged.
    // oxlint-disable-next-line typescript/no-implied-eval -- running the escaped code is what shows its values unchanged
    expect(new Function(`${inner}; return [a, b];`)()).toEqual(['</script><!-- x', '</SCRIPT>']);
  });

  it('embeds the document and the fallback style as JSON that no "<" can break out of', () => {
    const tricky = view([n('state--a', { name: '</script><!-- x' })]);
    const page = toHtml(tricky);
    const embedded = /<script type="application\/json" id="view-document">([^<]*)<\/script>/.exec(page);
    expect(JSON.parse(embedded![1]!)).toEqual(tricky);
    expect(embedded![1]).toContain('\\u003c/script>\\u003c!-- x');
    const style = /<script type="application\/json" id="view-fallback-style">([^<]*)<\/script>/.exec(page);
    const rules = JSON.parse(style![1]!) as Array<{ selector: string; style: Record<string, unknown> }>;
    expect(rules.find((r) => r.selector === 'node[label = "State"]')?.style).toEqual({ 'background-color': '#b91c1c', shape: 'star' });
    expect(rules.find((r) => r.selector === 'edge[confidence >= 0]')?.style.width).toBe('mapData(confidence, 0, 100, 0.6, 5)');
  });

  it('inlines the scripts so that nothing in them ends their element early', () => {
    const html = page();
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    for (const code of scripts) {
      expect(code).not.toMatch(/<\/script/i);
      expect(code).not.toContain('<!--');
    }
    expect(scripts[0]!.length).toBeGreaterThan(100_000);
  });
});

describe('JSON', () => {
  it('is the document, indented, with a final line break', () => {
    const doc = view([n('state--a')]);
    const text = toJson(doc);
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});

describe('export files', () => {
  const doc = view([n('state--a'), n('state--b')], [e('ab', 'state--a', 'state--b')], { title: "Russia's proxies, Oct. 2024" });
  const options = { scale: 1, background: 'white' as const, area: 'all' as const };

  it('gives each format its bytes, media type and a file name from the title', async () => {
    const json = await exportFile(doc, 'json', options, 'fallback');
    expect(Buffer.isBuffer(json.body)).toBe(true);
    expect([json.mediaType, json.filename]).toEqual(['application/json', 'russia-s-proxies-oct-2024.json']);
    expect(JSON.parse(json.body.toString('utf8'))).toEqual(doc);
    const graphml = await exportFile(doc, 'graphml', options, 'fallback');
    expect([graphml.mediaType, graphml.body.toString('utf8')]).toEqual(['application/graphml+xml', toGraphml(doc)]);
    const csv = await exportFile(doc, 'csv', options, 'fallback');
    expect([csv.mediaType, csv.filename]).toEqual(['application/zip', 'russia-s-proxies-oct-2024.zip']);
    expect(Object.keys(unzipSync(new Uint8Array(csv.body))).sort()).toEqual(['edges.csv', 'nodes.csv']);
    const svg = await exportFile(doc, 'svg', { ...options, background: 'transparent' }, 'fallback');
    expect([svg.mediaType, svg.body.toString('utf8')]).toEqual([
      'image/svg+xml',
      toSvg(doc, { background: 'transparent', area: 'all' }).svg,
    ]);
    const html = await exportFile(doc, 'html', options, 'fallback');
    expect(html.mediaType).toBe('text/html; charset=utf-8');
    expect(html.body.toString('utf8')).toContain('<h1>Russia&#39;s proxies, Oct. 2024</h1>');
    const png = await exportFile(doc, 'png', { ...options, scale: 2 }, 'fallback');
    // The SVG drawn for that scale (labels too small to read at it left out), rasterised.
    expect(png.body.equals(await toPng(toSvg(doc, options, { scale: 2 }), 2))).toBe(true);
    expect(png.mediaType).toBe('image/png');
    expect([...png.body.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // Width of the PNG (bytes 16 to 20 of its header) is the SVG's at scale 2.
    expect(png.body.readUInt32BE(16)).toBe(Math.round(toSvg(doc, options).width * 2));
    const untitled = await exportFile({ ...doc, title: '' }, 'json', options, 'snapshot-abc');
    expect(untitled.filename).toBe('snapshot-abc.json');
  });

  it('refuses a PNG too large, naming the largest scale that fits', async () => {
    const far = view([n('state--a'), n('state--b', { x: 4000, y: 4000 })]);
    const err = await exportFile(far, 'png', { ...options, scale: 4 }, 'x').then(
      () => null,
      (error: unknown) => error,
    );
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'scale' });
    const { width, height } = toSvg(far, options);
    expect((err as Error).message).toBe(
      `scale: this view would be ${width * 4} × ${height * 4} pixels; at most scale ${Math.floor(Math.sqrt(64_000_000 / (width * height)) * 10) / 10} for it`,
    );
  });
});

describe('PNG', () => {
  const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

  it('allows a picture of exactly the most pixels, not one row more', async () => {
    // The limit counts pixels at the scale asked for. These images say they are 4000 units a side
    // but draw a 1-unit-high strip, so that the PNG stays small.
    const strip = (width: number, height: number) => ({
      svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="1" viewBox="0 0 ${width} 1"/>`,
      width,
      height,
    });
    const side = Math.sqrt(PNG_PIXELS_MAX) / 2;
    expect(pngSize(await toPng(strip(side, side), 2))).toEqual([2 * side, 2]);
    const err = await toPng(strip(side, side + 0.5), 2).then(
      () => null,
      (error: unknown) => error,
    );
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'scale' });
    expect((err as Error).message).toBe(`scale: this view would be ${2 * side} × ${2 * side + 1} pixels; at most scale 1.9 for it`);
  });

  it('refuses positions and sizes past what its renderer computes (found by the fuzz test: the process aborted, or drew forever)', async () => {
    // resvg works in 32-bit floats: 1e39 is infinite there. Each of these killed the server.
    const refused = [
      // The whole view drawn: its frame reaches 1e39.
      [view([n('state--a'), n('state--b', { x: 1e39 })]), 'all'],
      // Only a is on the picture, but its size is 1e39 (1e30 took seconds).
      [
        view([n('state--a', { rendered: { shape: 'ellipse', color: '#f00', width: 1e30, height: 30, opacity: 1, visible: true } })]),
        'visible',
      ],
      // The edge from a, on the picture, runs to b at 1e300.
      [view([n('state--a'), n('state--b', { x: 1e300 })], [e('ab', 'state--a', 'state--b')], { pan: { x: 400, y: 300 } }), 'visible'],
    ] as const;
    for (const [doc, area] of refused) {
      const err = await exportFile(doc, 'png', { scale: 1, background: 'white', area }, 'view').then(
        () => null,
        (error: unknown) => error,
      );
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err).toMatchObject({ field: 'document' });
    }
    // Up to the limit it draws; the SVG export (no renderer) keeps every view.
    const near = view([n('state--a'), n('state--b', { x: RASTER_EXTENT_MAX / 2 })]);
    expect((await exportFile(near, 'png', { scale: 1, background: 'white', area: 'all' }, 'view')).body.length).toBeGreaterThan(0);
    expect((await exportFile(refused[0][0], 'svg', { scale: 1, background: 'white', area: 'all' }, 'view')).body.length).toBeGreaterThan(0);
  });

  // Text in the picture needs a font on this machine: the export is meant for a server with DejaVu Sans.
  const dejaVu = [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  ].some((f) => existsSync(f));

  it.skipIf(!dejaVu)('draws the names of nodes in the system fonts', async () => {
    // Same length, same frame: the pictures differ only if the names are drawn.
    const named = (name: string) => toPng(toSvg(view([n('state--a', { name })]), { background: 'white', area: 'all' }), 1);
    expect((await named('Alpha')).equals(await named('Omega'))).toBe(false);
  });

  it.skipIf(!dejaVu)('writes text that names no font of its own in DejaVu Sans', async () => {
    const text = (font: string) => ({
      svg: `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20" viewBox="0 0 60 20"><text x="2" y="15" font-size="12"${font}>Abc</text></svg>`,
      width: 60,
      height: 20,
    });
    const plain = await toPng(text(''), 1);
    expect(plain.equals(await toPng(text(' font-family="DejaVu Sans"'), 1))).toBe(true);
    expect(plain.equals(await toPng(text(' font-family="DejaVu Serif"'), 1))).toBe(false);
  });
});
