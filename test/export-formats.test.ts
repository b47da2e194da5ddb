// Every export format, from a view built of real seed data: each file is read back with the tool a
// reader would use (a PNG decoder, an XML parser, networkx, a CSV parser, unzip) and checked
// against the view: what it shows, what it leaves out, its evidence and its escaping.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@model/api.js';
import { viewDocumentSchema, type ExportOptions, type ViewDocument } from '@model/snapshot.js';
import { apiClient, expectBadField } from './support/api.js';
import { asBuffer } from './support/binary.js';
import { testDatabase } from './support/database.js';
import { pythonWithNetworkx } from './support/debian.js';
import { viewDocument } from './support/view-document.js';

const db = testDatabase();
const api = apiClient(db);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'export-formats-'));
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await db.close();
});

const TRICKY_NAME = 'Fancy <b>Bear</b> & "friends" \'too\'';
const TRICKY_NOTE = '=HYPERLINK("http://evil") </script><script>alert(1)</script>\nsecond line, with a comma';
let doc: ViewDocument;
let shownNodes: ViewDocument['elements']['nodes'];
let shownEdges: ViewDocument['elements']['edges'];
let goneName: string;

beforeAll(async () => {
  // Russia and its neighbours from the seed, laid out on a grid (as a canvas would have placed them).
  const expanded = await api
    .post('/api/expand')
    .send({ ids: ['state--russia'], limit: 30 })
    .expect(200);
  const ids = ['state--russia', ...expanded.body.nodes.map((n: { id: string }) => n.id)];
  const graph = (await api.post('/api/subgraph').send({ ids }).expect(200)).body as Graph;
  expect(graph.edges.length).toBeGreaterThan(10);
  // Russia first, whatever order the API gave: the checks below name it.
  graph.nodes.sort((a, b) => Number(b.id === 'state--russia') - Number(a.id === 'state--russia'));
  const base = viewDocument(graph);
  const [russia, tricky, faded, gone] = base.elements.nodes;
  expect(russia!.data.id).toBe('state--russia');
  tricky!.data.name = TRICKY_NAME;
  faded!.classes = 'faded';
  gone!.classes = 'gone'; // filtered out in "hide" mode: no export that draws or tabulates shows it
  goneName = gone!.data.name;
  russia!.rendered = { shape: 'star', color: '#b91c1c', width: 40, height: 40, opacity: 1, visible: true };
  // Seed links rarely have an end date: give one shown link a full set of evidence to carry.
  const dated = base.elements.edges.find(
    (e) => e.data.source !== gone!.data.id && e.data.target !== gone!.data.id && e.data.evidence.quote,
  )!;
  dated.data.evidence = { ...dated.data.evidence, summary: 'A summary', firstSeen: '2023-05', lastSeen: '2024-10-15' };
  const invisibleEdge = base.elements.edges.find((e) => e !== dated && e.data.source !== gone!.data.id && e.data.target !== gone!.data.id)!;
  invisibleEdge.rendered = { color: '#9ca3af', width: 1, opacity: 1, visible: false };
  doc = viewDocumentSchema.parse({
    ...base,
    notes: { [russia!.data.id]: TRICKY_NOTE },
    highlight: { nodes: [russia!.data.id], edges: [] },
  });
  shownNodes = doc.elements.nodes.filter((n) => n !== doc.elements.nodes[3]);
  const shownIds = new Set(shownNodes.map((n) => n.data.id));
  shownEdges = doc.elements.edges.filter(
    (e) => shownIds.has(e.data.source) && shownIds.has(e.data.target) && e.rendered?.visible !== false,
  );
});

function exported(format: string, options: Partial<ExportOptions> = {}, document: ViewDocument = doc) {
  return api.post(`/api/export/${format}`).send({ document, options }).buffer(true).parse(asBuffer);
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['node', 'edge', 'key', 'data', 'g', 'text', 'path', 'rect'].includes(name),
});

/** Every piece of text in parsed XML (element content, not attributes). */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) value.forEach((v) => texts(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!k.startsWith('@')) texts(v, out);
  return out;
}

async function svgOf(options: Partial<ExportOptions>) {
  const res = await exported('svg', options)
    .expect(200)
    .expect('content-type', /^image\/svg\+xml/);
  const text = res.body.toString('utf8');
  return { text, svg: xml.parse(text).svg };
}

describe('PNG', () => {
  it('is the SVG at the requested scale, on white or transparent', async () => {
    for (const scale of [1, 3]) {
      const { svg } = await svgOf({ background: 'white' });
      const [width, height] = [Number(svg['@width']), Number(svg['@height'])];
      const res = await exported('png', { scale, background: 'white' }).expect(200).expect('content-type', 'image/png');
      expect(res.headers['content-disposition']).toBe('attachment; filename="russia-and-its-proxies.png"');
      const png = PNG.sync.read(res.body);
      expect(png.width).toBe(Math.round(width * scale));
      expect(Math.abs(png.height - Math.round(height * scale))).toBeLessThanOrEqual(1);
      expect([...png.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
      // Something was drawn: not every pixel is the background.
      expect(png.data.some((v, i) => i % 4 !== 3 && v < 200)).toBe(true);
    }
    const clear = PNG.sync.read((await exported('png', { background: 'transparent' }).expect(200)).body);
    expect(clear.data[3]).toBe(0);
  });

  it('survives a faded node that lies outside the visible area (resvg would abort the process)', async () => {
    // Found by the fuzz test: a translucent group wholly outside the picture made resvg panic.
    const document = {
      format: 'threat-network-explorer/view',
      version: 1,
      elements: {
        nodes: [{ data: { id: 'state--x', label: 'State', name: 'X' }, position: { x: 1655, y: -33 }, classes: 'faded' }],
        edges: [],
      },
      zoom: 1,
      pan: { x: -164, y: -39 },
      viewport: { width: 320, height: 1080 },
    };
    const res = await api
      .post('/api/export/png')
      .send({ document, options: { area: 'visible' } })
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(PNG.sync.read(res.body).width).toBe(320);
    // The same node inside the picture is drawn.
    const inside = { ...document, pan: { x: -1600, y: 100 } };
    const drawn = PNG.sync.read(
      (
        await api
          .post('/api/export/png')
          .send({ document: inside, options: { area: 'visible', background: 'white' } })
          .buffer(true)
          .parse(asBuffer)
          .expect(200)
      ).body,
    );
    expect(drawn.data.some((v, i) => i % 4 !== 3 && v < 250)).toBe(true);
  });

  it('exports a saved snapshot through the query string, and refuses an image too large', async () => {
    const saved = (await api.post('/api/snapshots').send({ document: doc }).expect(201)).body;
    const { svg } = await svgOf({});
    const res = await api
      .get(`/api/snapshots/${saved.id}/export/png`)
      .query({ scale: 2, background: 'transparent' })
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    const png = PNG.sync.read(res.body);
    expect(png.width).toBe(Math.round(Number(svg['@width']) * 2));
    expect(png.data[3]).toBe(0);

    const far = structuredClone(doc);
    far.elements.nodes[1]!.position = { x: 200_000, y: 200_000 };
    const tooLarge = await exported('png', { scale: 4 }, far).expect(400);
    expectBadField(JSON.parse(tooLarge.body.toString('utf8')), 'scale');
  });
});

describe('SVG', () => {
  it('draws every shown node with its name, leaves out what the view hid, and escapes text', async () => {
    const { text, svg } = await svgOf({ area: 'all' });
    expect(svg.title).toBe(doc.title);
    const all = texts(svg);
    for (const n of shownNodes) expect(all, n.data.name).toContain(n.data.name);
    expect(all).not.toContain(goneName);
    expect(text).not.toContain('<b>');
    expect(text).toContain('Fancy &lt;b&gt;Bear&lt;/b&gt; &amp;');
    const nodeGroups = svg.g.find((g: { '@class': string }) => g['@class'] === 'nodes').g;
    expect(nodeGroups).toHaveLength(shownNodes.length);
    const edgeGroups = svg.g.find((g: { '@class': string }) => g['@class'] === 'edges').g;
    expect(edgeGroups).toHaveLength(shownEdges.length);
    for (const type of new Set(shownEdges.filter((e) => !e.classes.includes('faded')).map((e) => e.data.type))) expect(all).toContain(type);
    // Faded: drawn faint, without its label.
    const faded = nodeGroups.find((g: { '@data-id': string }) => g['@data-id'] === doc.elements.nodes[2]!.data.id);
    expect(Number(faded['@opacity'])).toBeLessThan(0.5);
    expect(svg.rect[0]['@fill']).toBe('#ffffff');
  });

  it('frames the whole graph, or the part the canvas showed, with or without a background', async () => {
    const whole = (await svgOf({ area: 'all', background: 'transparent' })).svg;
    expect(whole.rect).toBeUndefined();
    const [x, y, w, h] = String(whole['@viewBox']).split(' ').map(Number) as [number, number, number, number];
    for (const n of shownNodes) {
      expect(n.position.x).toBeGreaterThan(x);
      expect(n.position.x).toBeLessThan(x + w);
      expect(n.position.y).toBeGreaterThan(y);
      expect(n.position.y).toBeLessThan(y + h);
    }
    const visible = (await svgOf({ area: 'visible' })).svg;
    // model x = (screen x - pan.x) / zoom: the 800 × 600 canvas at pan (400, 300), zoom 1.
    expect([Number(visible['@width']), Number(visible['@height']), visible['@viewBox']]).toEqual([800, 600, '-400 -300 800 600']);
    const zoomed = await exported('svg', { area: 'visible' }, { ...doc, zoom: 2, pan: { x: 100, y: 50 } }).expect(200);
    expect(xml.parse(zoomed.body.toString('utf8')).svg['@viewBox']).toBe('-50 -25 400 300');
  });
});

describe('GraphML', () => {
  it('reads in networkx with the same nodes and edges, their attributes and evidence', async () => {
    const res = await exported('graphml')
      .expect(200)
      .expect('content-type', /^application\/graphml\+xml/);
    const file = path.join(tmp, 'view.graphml');
    writeFileSync(file, res.body);
    const script = `
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
e = next(iter(g.edges(data=True)))
print(json.dumps({"directed": g.is_directed(), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
  "russia": g.nodes["state--russia"], "edge": e[2], "tricky": [d["name"] for _, d in g.nodes(data=True) if "Fancy" in d["name"]]}))`;
    const out = JSON.parse(execFileSync(pythonWithNetworkx(), ['-c', script, file], { encoding: 'utf8' }));
    expect(out).toMatchObject({ directed: true, nodes: shownNodes.length, edges: shownEdges.length, tricky: [TRICKY_NAME] });
    expect(out.russia).toMatchObject({
      label: 'State',
      name: 'Russia',
      note: TRICKY_NOTE,
      x: doc.elements.nodes[0]!.position.x,
      iso2: 'RU',
    });
    expect(out.edge.type).toMatch(/^[A-Z_]+$/);
    expect(typeof out.edge.confidence).toBe('number');
    expect(out.edge.sources).toMatch(/^source--/);
  });

  it('declares typed keys and holds every shown element (read without Python)', async () => {
    const graphml = xml.parse((await exported('graphml').expect(200)).body.toString('utf8')).graphml;
    const keys = new Map<string, { name: string; type: string; for: string }>(
      graphml.key.map((k: Record<string, string>) => [k['@id'], { name: k['@attr.name'], type: k['@attr.type'], for: k['@for'] }]),
    );
    const byName = (name: string, domain: string) => [...keys.entries()].find(([, k]) => k.name === name && k.for === domain)?.[0];
    expect(keys.get(byName('x', 'node')!)?.type).toBe('double');
    expect(keys.get(byName('confidence', 'edge')!)?.type).toBe('double');
    for (const name of ['type', 'sources', 'quote', 'summary', 'firstSeen', 'lastSeen']) expect(byName(name, 'edge'), name).toBeDefined();
    expect(graphml.graph['@edgedefault']).toBe('directed');
    expect(graphml.graph.node.map((n: Record<string, string>) => n['@id'])).toEqual(shownNodes.map((n) => n.data.id));
    expect(graphml.graph.edge.map((e: Record<string, string>) => e['@id'])).toEqual(shownEdges.map((e) => e.data.id));
    // Every shown edge carries its evidence values, not only the declared keys.
    const fields = ['confidence', 'sources', 'quote', 'summary', 'firstSeen', 'lastSeen'] as const;
    const seen = new Map<string, number>(fields.map((f) => [f, 0]));
    graphml.graph.edge.forEach((edge: { data: Array<Record<string, string | number>> }, i: number) => {
      const { evidence, confidence } = shownEdges[i]!.data;
      const expected: Record<(typeof fields)[number], string | undefined> = {
        confidence: String(confidence ?? evidence.confidence),
        sources: evidence.sources.join('; '),
        quote: evidence.quote,
        summary: evidence.summary,
        firstSeen: evidence.firstSeen,
        lastSeen: evidence.lastSeen,
      };
      for (const field of fields) {
        const value = edge.data.find((d) => d['@key'] === byName(field, 'edge'))?.['#text'];
        expect(value === undefined ? undefined : String(value), `${shownEdges[i]!.data.id} ${field}`).toBe(expected[field] || undefined);
        if (value !== undefined) seen.set(field, seen.get(field)! + 1);
      }
    });
    for (const field of fields) expect(seen.get(field), `edges with ${field}`).toBeGreaterThan(0);
  });
});

describe('CSV', () => {
  it('zips nodes.csv and edges.csv with the shown elements and their evidence', async () => {
    const res = await exported('csv').expect(200).expect('content-type', 'application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="russia-and-its-proxies.zip"');
    const files = unzipSync(new Uint8Array(res.body));
    expect(Object.keys(files).sort()).toEqual(['edges.csv', 'nodes.csv']);
    const parse = (name: string) => Papa.parse<Record<string, string>>(strFromU8(files[name]!), { header: true, skipEmptyLines: true });

    const nodes = parse('nodes.csv');
    expect(nodes.errors).toEqual([]);
    expect(nodes.meta.fields).toEqual(['id', 'label', 'name', 'summary', 'aliases', 'note', 'x', 'y', 'properties']);
    expect(nodes.data.map((n) => n.id)).toEqual(shownNodes.map((n) => n.data.id));
    const russia = nodes.data.find((n) => n.id === 'state--russia')!;
    // A note that starts like a formula is kept from running in a spreadsheet; quotes, commas
    // and line breaks survive RFC 4180 quoting.
    expect(russia.note).toBe(`'${TRICKY_NOTE}`);
    expect(Number(russia.x)).toBe(doc.elements.nodes[0]!.position.x);
    expect(JSON.parse(russia.properties!)).toMatchObject({ iso2: 'RU' });
    expect(nodes.data.find((n) => n.name === TRICKY_NAME)).toBeDefined();

    const edges = parse('edges.csv');
    expect(edges.errors).toEqual([]);
    expect(edges.meta.fields).toEqual([
      'id',
      'type',
      'source',
      'target',
      'source_name',
      'target_name',
      'confidence',
      'first_seen',
      'last_seen',
      'sources',
      'quote',
      'summary',
      'properties',
    ]);
    expect(edges.data).toHaveLength(shownEdges.length);
    for (const [i, e] of shownEdges.entries()) {
      const row = edges.data[i]!;
      expect(row).toMatchObject({
        id: e.data.id,
        type: e.data.type,
        source: e.data.source,
        target: e.data.target,
        sources: e.data.evidence.sources.join('; '),
      });
      expect(row.quote).toBe(e.data.evidence.quote ?? '');
      expect(row.first_seen).toBe(e.data.evidence.firstSeen ?? '');
      expect(row.confidence).toBe(String(e.data.evidence.confidence ?? ''));
    }
    expect(edges.data.find((e) => e.source === 'state--russia')!.source_name).toBe('Russia');
  });
});

describe('HTML', () => {
  it('is one file that loads nothing, holds the view and escapes every string', async () => {
    const res = await api
      .post('/api/export/html')
      .send({ document: { ...doc, title: 'Title <img src=x onerror=alert(1)>' } })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>Title &#60;img src=x onerror=alert(1)&#62;</title>');
    // The note's "</script>" cannot end the data block: four scripts open, four close.
    expect(html.match(/<script\b/g)).toHaveLength(4);
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    const embedded = /<script type="application\/json" id="view-document">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(embedded![1]!)).toEqual({ ...doc, title: 'Title <img src=x onerror=alert(1)>' });
    expect(html).toContain('cytoscape'); // inlined, not fetched
    expect(html.length).toBeGreaterThan(300_000);
  });
});

describe('JSON and bad requests', () => {
  it('gives back the document itself, re-importable', async () => {
    const res = await exported('json')
      .expect(200)
      .expect('content-type', /^application\/json/);
    expect(viewDocumentSchema.parse(JSON.parse(res.body.toString('utf8')))).toEqual(doc);
  });

  it('names the format, option or field that is wrong', async () => {
    expectBadField((await api.post('/api/export/pdf').send({ document: doc }).expect(400)).body, 'format');
    expectBadField(
      (
        await api
          .post('/api/export/png')
          .send({ document: doc, options: { scale: 0.5 } })
          .expect(400)
      ).body,
      'options.scale',
    );
    expectBadField(
      (
        await api
          .post('/api/export/png')
          .send({ document: doc, options: { dpi: 300 } })
          .expect(400)
      ).body,
      'options',
    );
    expectBadField(
      (
        await api
          .post('/api/export/svg')
          .send({ document: { ...doc, viewport: { width: 0, height: 1 } } })
          .expect(400)
      ).body,
      'document.viewport.width',
    );
    expectBadField((await api.post('/api/export/svg').send({}).expect(400)).body, 'document');
  });
});

describe('a large view', () => {
  it('exports 2,000 nodes and 4,000 edges in every format', async () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => ({
      id: `person--synthetic-${i}`,
      label: 'Person',
      name: `Person number ${i}`,
      properties: { summary: 'x'.repeat(100) },
    }));
    const edges = Array.from({ length: 4000 }, (_, i) => ({
      id: `e${i}`,
      type: 'COLLABORATES_WITH',
      from: nodes[i % 2000]!.id,
      to: nodes[(i * 7 + 1) % 2000]!.id,
      evidence: { sources: ['source--x'], quote: 'q', confidence: i % 100 },
      properties: {},
    }));
    const large = viewDocumentSchema.parse(viewDocument({ nodes, edges }));
    for (const format of ['json', 'graphml', 'csv', 'svg', 'html'] as const) await exported(format, {}, large).expect(200);
    const graphml = xml.parse((await exported('graphml', {}, large).expect(200)).body.toString('utf8')).graphml;
    expect([graphml.graph.node.length, graphml.graph.edge.length]).toEqual([2000, 4000]);
    const png = PNG.sync.read((await exported('png', { scale: 1 }, large).expect(200)).body);
    expect(png.width).toBeGreaterThan(1000);
  });
});
