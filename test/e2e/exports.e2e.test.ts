// Every export from the UI's Export dialog, in real Chromium against the real server: the
// downloaded file is checked with a tool that reads that format (the browser's PNG decoder, an
// XML parser, networkx, Python's zipfile and csv, Chromium with the network off), and its content
// against what the canvas shows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewDocumentSchema } from '@model/snapshot.js';
import {
  ARTIFACTS_DIR,
  VIEWPORT,
  canvasGeometry,
  collectErrors,
  downloadOf,
  openExplorer,
  pngSize,
  positionDrift,
  pythonJson,
  rightClickNode,
  screenshot,
  useExplorer,
  waitForCanvasNodes,
  waitForLayout,
  waitForViewRestored,
} from './browser.js';

const VIEW = [
  'state--russia',
  'state--china',
  'state--iran',
  'state--north-korea',
  'state--united-states',
  'threat-actor--gru',
  'threat-actor--fsb',
  'threat-actor--gru-unit-74455',
  'tool--notpetya',
  'tool--moobot',
];
const HIDDEN = 'tool--moobot';
const TITLE = 'States and services';
const CAPTION = 'Who directs whom, and what they use.';

interface ShownView {
  nodes: Array<{ id: string; name: string; label: string }>;
  edges: string[];
}

/** The view every test exports: ten nodes laid out, one hidden (left out of every export), one noted. */
async function buildView(explorer: ReturnType<typeof useExplorer>): Promise<{ page: Page; shown: ShownView }> {
  const page = await explorer.reopen(`/?nodes=${VIEW.join(',')}`);
  await waitForCanvasNodes(page, VIEW.length);
  await waitForLayout(page);
  await page.waitForFunction(() => !(window as any).__explorer.canvas().animated());
  await (await rightClickNode(page, HIDDEN)).getByRole('menuitem', { name: 'Hide' }).click();
  await page.evaluate(() => (window as any).__explorer.store.setNote('state--iran', 'Works through the IRGC.'));
  const shown = await page.evaluate(() => {
    const cy = (window as any).__explorer.canvas();
    return {
      nodes: cy.nodes(':visible').map((n: any) => ({ id: n.id(), name: n.data('name'), label: n.data('noteMark') ?? n.data('name') })),
      edges: cy.edges(':visible').map((e: any) => e.id()),
    };
  });
  expect(shown.nodes.length).toBe(VIEW.length - 1);
  expect(shown.edges.length).toBeGreaterThan(3);
  return { page, shown };
}

interface ExportChoice {
  format: RegExp;
  scale?: number;
  background?: 'White' | 'Transparent';
  area?: 'Whole graph' | 'Visible part';
}

/** Exports through the dialog as a person would and returns the downloaded file. */
async function exportFromDialog(page: Page, choice: ExportChoice, shot?: string): Promise<{ name: string; body: Buffer }> {
  await page.getByRole('button', { name: 'Export or import the view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the view' });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: /^Title/ }).fill(TITLE);
  await dialog.getByRole('textbox', { name: 'Caption' }).fill(CAPTION);
  await dialog.getByRole('radio', { name: choice.format }).check();
  if (choice.scale) await dialog.getByRole('combobox', { name: 'Scale' }).selectOption(String(choice.scale));
  if (choice.background)
    await dialog.getByRole('radiogroup', { name: 'Background' }).getByRole('radio', { name: choice.background }).check();
  if (choice.area) await dialog.getByRole('radiogroup', { name: 'Area' }).getByRole('radio', { name: choice.area }).check();
  if (shot) await screenshot(page, shot);
  const file = await downloadOf(page, () => dialog.getByRole('button', { name: /^Download / }).click());
  await dialog
    .getByRole('status')
    .filter({ hasText: `Downloaded ${file.name}` })
    .waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  return file;
}

/** Decodes a PNG with Chromium's own decoder: its size, and the pixel at the top-left corner. */
async function decodePng(page: Page, png: Buffer): Promise<{ width: number; height: number; corner: number[]; opaque: number }> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) opaque++;
    return { width: bitmap.width, height: bitmap.height, corner: Array.from(data.slice(0, 4)), opaque };
  }, png.toString('base64'));
}

/** The size Cytoscape gives an image: the whole graph's bounding box or the canvas, times the scale. */
async function expectedImageSize(page: Page, full: boolean, scale: number): Promise<{ width: number; height: number }> {
  return page.evaluate(
    ({ full, scale }) => {
      const cy = (window as any).__explorer.canvas();
      const bb = cy.mutableElements().boundingBox();
      const [, , w, h] = cy.renderer().findContainerClientCoords();
      const ratio = cy.renderer().getPixelRatio();
      // A canvas's size is a whole number: the browser drops the fraction.
      return {
        width: Math.trunc((full ? Math.ceil(bb.w) : w) * scale * ratio),
        height: Math.trunc((full ? Math.ceil(bb.h) : h) * scale * ratio),
      };
    },
    { full, scale },
  );
}

describe('exports from the UI', () => {
  const explorer = useExplorer();
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'explorer-exports-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('PNG: the whole graph at 2x on transparent, and the visible part at 1x on white, decode at the requested size', async () => {
    const { page } = await buildView(explorer);
    const whole = await exportFromDialog(
      page,
      { format: /^PNG image/, scale: 2, background: 'Transparent', area: 'Whole graph' },
      'export-dialog-png',
    );
    expect(whole.name).toBe('states-and-services.png');
    const wholeSize = await expectedImageSize(page, true, 2);
    expect(pngSize(whole.body)).toEqual(wholeSize);
    const decoded = await decodePng(page, whole.body);
    expect({ width: decoded.width, height: decoded.height }).toEqual(wholeSize);
    expect(decoded.corner[3]).toBe(0);
    expect(decoded.opaque).toBeGreaterThan(1000);
    await writeFile(path.join(ARTIFACTS_DIR, 'export-whole-2x-transparent.png'), whole.body);

    const visible = await exportFromDialog(page, { format: /^PNG image/, scale: 1, background: 'White', area: 'Visible part' });
    const visibleSize = await expectedImageSize(page, false, 1);
    const box = (await page.locator('[data-testid=graph-canvas]').boundingBox())!;
    // The canvas as laid out, within the pixel its fraction may round to either way.
    expect(Math.abs(visibleSize.width - box.width)).toBeLessThan(1.01);
    expect(Math.abs(visibleSize.height - box.height)).toBeLessThan(1.01);
    const plain = await decodePng(page, visible.body);
    expect({ width: plain.width, height: plain.height }).toEqual(visibleSize);
    expect(plain.corner).toEqual([255, 255, 255, 255]);
    await writeFile(path.join(ARTIFACTS_DIR, 'export-visible-1x-white.png'), visible.body);
    expect(explorer.errors).toEqual([]);
  });

  it('SVG: parses as XML, vector, with every shown node label as text', async () => {
    const { page, shown } = await buildView(explorer);
    const file = await exportFromDialog(page, { format: /^SVG vector/, area: 'Whole graph', background: 'White' }, 'export-dialog-svg');
    expect(file.name).toBe('states-and-services.svg');
    const svg = file.body.toString('utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const tree = new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(svg) as unknown[];
    const texts: string[] = [];
    const images: number[] = [];
    const walk = (nodes: unknown[], inText: boolean) => {
      for (const node of nodes as Array<Record<string, unknown>>) {
        for (const [key, value] of Object.entries(node)) {
          if (key === ':@') continue;
          if (key === '#text') {
            if (inText) texts.push(String(value));
          } else if (Array.isArray(value)) {
            if (key === 'image') images.push(1);
            walk(value, inText || key === 'text' || key === 'tspan');
          }
        }
      }
    };
    walk(tree, false);
    expect(tree.some((n) => Object.keys(n as object).includes('svg'))).toBe(true);
    // Vector: drawn with shapes and text, not an embedded bitmap.
    expect(images).toEqual([]);
    for (const node of shown.nodes) {
      // Long labels end in "…" on the canvas, and so in the SVG: the text is the label's beginning.
      const found = texts.some((t) => {
        const start = t.replace(/…$/, '').trimEnd();
        return start.length >= Math.min(node.label.length, 8) && node.label.startsWith(start);
      });
      expect(found, `label of ${node.id} ("${node.label}") in the SVG text`).toBe(true);
    }
    expect(texts.some((t) => t.startsWith('✎ Iran'))).toBe(true);
    expect(texts.some((t) => t === 'Moobot')).toBe(false);
    // How it looks, drawn by Chromium's SVG renderer.
    await writeFile(path.join(ARTIFACTS_DIR, 'export.svg'), svg);
    await page.setContent(`<body style="margin:0">${svg}</body>`);
    await screenshot(page, 'export-svg-rendered');
  });

  it('JSON: a view document with positions and styles that imports back into the explorer exactly', async () => {
    const { page } = await buildView(explorer);
    const before = await canvasGeometry(page);
    const file = await exportFromDialog(page, { format: /^JSON/ });
    expect(file.name).toBe('states-and-services.json');
    const doc = viewDocumentSchema.parse(JSON.parse(file.body.toString('utf8')));
    expect(doc.title).toBe(TITLE);
    expect(doc.caption).toBe(CAPTION);
    expect(doc.elements.nodes.map((n) => n.data.id).sort()).toEqual([...VIEW].sort());
    expect(doc.style.length).toBeGreaterThan(5);
    expect(doc.hidden).toEqual([HIDDEN]);
    expect(doc.notes).toEqual({ 'state--iran': 'Works through the IRGC.' });
    for (const node of doc.elements.nodes) {
      const at = before.nodes.find((n) => n.id === node.data.id)!;
      expect(Math.hypot(at.model.x - node.position.x, at.model.y - node.position.y)).toBeLessThanOrEqual(1);
    }

    // Imported in a fresh page, it is the same view, at the same place.
    const other = await openExplorer(explorer.browser, explorer.url, '/');
    try {
      await other.page.getByRole('button', { name: 'Export or import the view' }).click();
      const dialog = other.page.getByRole('dialog', { name: 'Export the view' });
      const input = dialog.getByLabel('Open a JSON view exported from the explorer');
      // A file that is not a view is refused, naming the problem.
      await input.setInputFiles({
        name: 'broken.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...doc, zoom: -1 })),
      });
      expect(await dialog.getByRole('alert').innerText()).toMatch(/^The file is not an explorer view: zoom: /);
      await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.body });
      await dialog.waitFor({ state: 'detached' });
      await waitForViewRestored(other.page);
      await waitForCanvasNodes(other.page, VIEW.length);
      const imported = await canvasGeometry(other.page);
      expect(positionDrift(before, imported, 'model')).toBeLessThanOrEqual(1);
      expect(positionDrift(before, imported, 'rendered')).toBeLessThanOrEqual(1);
      expect(imported.zoom).toBeCloseTo(before.zoom, 6);
      expect(await other.page.evaluate(() => (window as any).__explorer.store.getState().hidden)).toEqual([HIDDEN]);
      await screenshot(other.page, 'export-json-imported');
    } finally {
      await other.context.close();
    }
  });

  it('GraphML: networkx reads it with the same node and edge counts as the view', async () => {
    const { page, shown } = await buildView(explorer);
    const file = await exportFromDialog(page, { format: /^GraphML/ });
    expect(file.name).toBe('states-and-services.graphml');
    const target = path.join(dir, file.name);
    await writeFile(target, file.body);
    const graph = await pythonJson<{ nodes: number; edges: number; ids: string[]; attributes: string[] }>(
      [
        'import json, sys, networkx as nx',
        'g = nx.read_graphml(sys.argv[1])',
        'attributes = sorted({k for _, d in g.nodes(data=True) for k in d})',
        'print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "ids": sorted(g.nodes()), "attributes": attributes}))',
      ].join('\n'),
      [target],
    );
    expect(graph.nodes).toBe(shown.nodes.length);
    expect(graph.edges).toBe(shown.edges.length);
    expect(graph.ids).toEqual(shown.nodes.map((n) => n.id).sort());
    expect(graph.attributes).toEqual(expect.arrayContaining(['name']));
  });

  it('CSV: one zip with nodes.csv and edges.csv, counts matching the view, with the evidence columns', async () => {
    const { page, shown } = await buildView(explorer);
    const file = await exportFromDialog(page, { format: /^CSV/ });
    expect(file.name).toBe('states-and-services.zip');
    const target = path.join(dir, file.name);
    await writeFile(target, file.body);
    const zip = await pythonJson<{
      names: string[];
      nodes: { header: string[]; rows: number; ids: string[] };
      edges: { header: string[]; rows: number };
    }>(
      [
        'import csv, io, json, sys, zipfile',
        'z = zipfile.ZipFile(sys.argv[1])',
        'def read(name):',
        '    rows = list(csv.reader(io.TextIOWrapper(z.open(name), encoding="utf-8", newline="")))',
        '    return rows[0], rows[1:]',
        'nh, nr = read("nodes.csv")',
        'eh, er = read("edges.csv")',
        'print(json.dumps({"names": sorted(z.namelist()), "nodes": {"header": nh, "rows": len(nr), "ids": sorted(r[nh.index("id")] for r in nr)}, "edges": {"header": eh, "rows": len(er)}}))',
      ].join('\n'),
      [target],
    );
    expect(zip.names).toEqual(['edges.csv', 'nodes.csv']);
    expect(zip.nodes.rows).toBe(shown.nodes.length);
    expect(zip.nodes.ids).toEqual(shown.nodes.map((n) => n.id).sort());
    expect(zip.edges.rows).toBe(shown.edges.length);
    expect(zip.edges.header).toEqual(expect.arrayContaining(['source', 'target', 'type', 'confidence', 'sources', 'quote']));
    expect(zip.nodes.header).toEqual(expect.arrayContaining(['note']));
  });

  it('HTML: one file that opens with the network off, shows the graph and a node’s properties on click', async () => {
    const { page, shown } = await buildView(explorer);
    const file = await exportFromDialog(page, { format: /^HTML/ }, 'export-dialog-html');
    expect(file.name).toBe('states-and-services.html');
    const target = path.join(dir, file.name);
    await writeFile(target, file.body);
    const fileUrl = pathToFileURL(target).href;

    const context = await explorer.browser.newContext({ viewport: VIEWPORT, offline: true });
    const attempted: string[] = [];
    const failed: string[] = [];
    // The file itself is served from disk as it is; anything else would be a request: refuse it, and count it.
    await context.route('**/*', (route) => {
      if (route.request().url() === fileUrl) return route.fulfill({ body: file.body, contentType: 'text/html; charset=utf-8' });
      attempted.push(route.request().url());
      return route.abort();
    });
    context.on('request', (request) => {
      if (request.url() !== fileUrl) attempted.push(request.url());
    });
    context.on('requestfailed', (request) => failed.push(request.url()));
    try {
      const offline = await context.newPage();
      const errors = collectErrors(offline);
      await offline.goto(fileUrl);
      await offline.waitForFunction(() => ((window as any).__viewer?.cy?.nodes().length ?? 0) > 0);
      const viewer = await offline.evaluate(() => {
        const cy = (window as any).__viewer.cy;
        return {
          nodes: cy
            .nodes(':visible')
            .map((n: any) => n.id())
            .sort(),
          edges: cy.edges(':visible').length,
        };
      });
      expect(viewer.nodes).toEqual(shown.nodes.map((n) => n.id).sort());
      expect(viewer.edges).toBe(shown.edges.length);
      const text = await offline.locator('body').innerText();
      expect(text).toContain(TITLE);
      expect(text).toContain(CAPTION);

      // Click a node, as a reader would: its properties and note show.
      const at = await offline.evaluate(() => {
        const cy = (window as any).__viewer.cy;
        const p = cy.getElementById('state--iran').renderedPosition();
        const box = cy.container().getBoundingClientRect();
        return { x: box.left + p.x + 2, y: box.top + p.y + 3 };
      });
      await offline.mouse.click(at.x, at.y);
      await offline.locator('#panel').getByText('Works through the IRGC.').waitFor();
      expect(await offline.locator('#panel').innerText()).toContain('Iran');
      await screenshot(offline, 'export-html-offline');
      expect(attempted).toEqual([]);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
