import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { VIEW_FORMAT, viewDocumentSchema } from '@model/snapshot.js';
import { canvasStyle } from '../../client/src/features/canvas/cy-style.js';
import { labelLevel } from '../../client/src/features/canvas/viewport.js';
import { GraphStore, type CanvasState } from '../../client/src/shared/graph-store.js';
import { captureView, documentToView, readViewDocument } from '../../client/src/shared/view-document.js';

const NODES: GraphNode[] = [
  { id: 'state--russia', label: 'State', name: 'Russia', properties: { iso2: 'RU', aliases: ['RF'] } },
  { id: 'threat-actor--gru', label: 'ThreatActor', name: 'GRU', properties: { actorType: 'agency' } },
  { id: 'tool--x-agent', label: 'Tool', name: 'X-Agent', properties: {} },
];
const EDGES: GraphEdge[] = [
  {
    id: 'rel-1',
    type: 'DIRECTS',
    from: 'state--russia',
    to: 'threat-actor--gru',
    evidence: { sources: ['source--a'], quote: 'The GRU is directed…', confidence: 90, firstSeen: '2014' },
    properties: { note: 'x' },
  },
  // No confidence known: drawn middling, but no confidence is made up for it.
  { id: 'rel-2', type: 'USES', from: 'threat-actor--gru', to: 'tool--x-agent', evidence: { sources: ['source--b'] }, properties: {} },
];
const POSITIONS: Record<string, { x: number; y: number }> = {
  'state--russia': { x: 0, y: 0 },
  'threat-actor--gru': { x: 120.5, y: -40.25 },
  'tool--x-agent': { x: 240, y: 80 },
};

/** A headless Cytoscape drawing the store's state the way the canvas does (data, classes, positions). */
function canvasOf(
  state: CanvasState,
  positions: Record<string, { x: number; y: number }>,
  viewport = { zoom: 1.25, pan: { x: 30, y: 60 } },
  style = canvasStyle(),
) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style });
  cy.add([
    ...Object.values(state.nodes).map((n) => ({
      group: 'nodes' as const,
      data: { id: n.id, label: n.label, name: n.name, ...(state.notes[n.id] ? { noteMark: `✎ ${n.name}` } : {}) },
      position: positions[n.id]!,
    })),
    ...Object.values(state.edges).map((e) => ({
      group: 'edges' as const,
      data: {
        id: e.id,
        source: e.from,
        target: e.to,
        type: e.type,
        weight: e.evidence.confidence ?? 50,
        ...(e.evidence.confidence !== undefined ? { confidence: e.evidence.confidence } : {}),
      },
    })),
  ]);
  for (const id of state.hidden) cy.getElementById(id).addClass('gone');
  for (const id of state.pinned) cy.getElementById(id).addClass('pinned');
  cy.viewport(viewport);
  return cy;
}

function startingStore(): GraphStore {
  const store = new GraphStore();
  store.addGraph({ nodes: NODES, edges: EDGES });
  store.hideNodes(['tool--x-agent']);
  store.togglePin('state--russia');
  store.setNote('threat-actor--gru', 'Unit 26165 sits here');
  store.setFilters({ minConfidence: 50, hiddenTypes: ['FUNDS'] });
  store.setHighlight({ nodes: ['state--russia'], edges: ['rel-1'] });
  return store;
}

describe('the view document', () => {
  it('captures elements with positions, classes, data, evidence and the resolved look, plus the explorer state', () => {
    const store = startingStore();
    const cy = canvasOf(store.getState(), POSITIONS);
    const doc = captureView(cy, store.getState(), { title: ' Russia and the GRU ', caption: 'Who directs whom.', layout: 'grid' });
    expect(viewDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc).toMatchObject({
      format: VIEW_FORMAT,
      version: 1,
      title: 'Russia and the GRU',
      caption: 'Who directs whom.',
      layout: 'grid',
      zoom: 1.25,
      pan: { x: 30, y: 60 },
    });
    const gru = doc.elements.nodes.find((n) => n.data.id === 'threat-actor--gru')!;
    expect(gru.position).toEqual({ x: 120.5, y: -40.25 });
    expect(gru.data).toMatchObject({ label: 'ThreatActor', name: 'GRU', properties: { actorType: 'agency' }, noteMark: '✎ GRU' });
    expect(gru.rendered).toMatchObject({ shape: 'hexagon', width: 26, height: 26, opacity: 1, visible: true });
    expect(gru.rendered!.color).toMatch(/^rgb\(234,\s*88,\s*12\)$/);
    const tool = doc.elements.nodes.find((n) => n.data.id === 'tool--x-agent')!;
    expect(tool.classes).toContain('gone');
    expect(tool.rendered!.visible).toBe(false);
    expect(doc.elements.nodes.find((n) => n.data.id === 'state--russia')!.classes).toContain('pinned');
    const directs = doc.elements.edges.find((e) => e.data.id === 'rel-1')!;
    expect(directs.data).toMatchObject({
      source: 'state--russia',
      target: 'threat-actor--gru',
      type: 'DIRECTS',
      confidence: 90,
      evidence: { quote: 'The GRU is directed…' },
      properties: { note: 'x' },
    });
    expect(directs.rendered!.width).toBeCloseTo(0.6 + (5 - 0.6) * 0.9, 5);
    const uses = doc.elements.edges.find((e) => e.data.id === 'rel-2')!;
    expect(uses.data.confidence).toBeUndefined();
    expect(uses.rendered!.width).toBeCloseTo(0.6 + (5 - 0.6) * 0.5, 5);
    expect(doc.hidden).toEqual(['tool--x-agent']);
    expect(doc.pinned).toEqual(['state--russia']);
    expect(doc.notes).toEqual({ 'threat-actor--gru': 'Unit 26165 sits here' });
    expect(doc.filters).toMatchObject({ minConfidence: 50, hiddenTypes: ['FUNDS'] });
    expect(doc.highlight).toEqual({ nodes: ['state--russia'], edges: ['rel-1'] });
    expect(doc.style.find((r) => r.selector === 'node[noteMark]')?.style).toMatchObject({ label: 'data(noteMark)' });
  });

  it("captures the live canvas's stylesheet as one Cytoscape reads back (exports and the HTML viewer draw it)", () => {
    const store = startingStore();
    for (const large of [false, true]) {
      const live = canvasOf(store.getState(), POSITIONS, undefined, canvasStyle({ large, level: labelLevel(0.2) }));
      // The live canvas has no background image as an empty list, which json() writes as ''.
      expect((live.nodes()[0] as unknown as { pstyle(p: string): { strValue: string } }).pstyle('background-image').strValue).toBe('');
      const doc = captureView(live, store.getState(), { title: 'T', caption: '', layout: 'grid' });
      expect(doc.style.some((r) => 'background-image' in r.style)).toBe(false);
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args);
      try {
        const reread = cytoscape({
          headless: true,
          styleEnabled: true,
          style: doc.style as cytoscape.StylesheetJson,
          elements: doc.elements,
        });
        expect(reread.getElementById('threat-actor--gru').style('shape')).toBe('hexagon');
      } finally {
        console.warn = warn;
      }
      expect(warnings).toEqual([]);
    }
  });

  it('round-trips: captured, saved as JSON, loaded into a new store and canvas, captured again alike', () => {
    const store = startingStore();
    const first = captureView(canvasOf(store.getState(), POSITIONS), store.getState(), { title: 'T', caption: 'C', layout: 'fcose' });
    const reread = readViewDocument(JSON.stringify(first));
    const view = documentToView(reread);
    const other = new GraphStore();
    other.addGraph({ nodes: [{ id: 'state--iran', label: 'State', name: 'Iran', properties: {} }], edges: [] });
    other.loadView(view);
    const restore = other.getState().restore!;
    const second = captureView(
      canvasOf(other.getState(), { ...restore.positions }, { zoom: restore.zoom, pan: restore.pan }),
      other.getState(),
      { title: 'T', caption: 'C', layout: 'fcose' },
    );
    expect(second).toEqual(first);
    expect(Object.values(other.getState().nodes)).toEqual(NODES);
    expect(Object.values(other.getState().edges)).toEqual(EDGES);
  });

  it('keeps the style-by-data choice; a view saved before it existed opens with the default look', () => {
    const store = startingStore();
    store.setStyleBy({ size: { kind: 'degree' }, color: { kind: 'property', key: 'country' } });
    const doc = captureView(canvasOf(store.getState(), POSITIONS), store.getState(), { title: '', caption: '', layout: 'fcose' });
    expect(doc.styleBy).toEqual({ size: 'degree', color: 'property:country' });
    const other = new GraphStore();
    other.loadView(documentToView(readViewDocument(JSON.stringify(doc))));
    expect(other.getState().styleBy).toEqual(store.getState().styleBy);
    const { styleBy: _, ...older } = doc;
    other.setStyleBy({ size: { kind: 'degree' }, color: { kind: 'label' } });
    other.loadView(documentToView(readViewDocument(JSON.stringify(older))));
    expect(other.getState().styleBy).toEqual({ size: { kind: 'uniform' }, color: { kind: 'label' } });
  });

  it('names the problems of a file that is not a view', () => {
    expect(() => readViewDocument('{nope')).toThrow(/^The file is not JSON/);
    expect(() => readViewDocument(JSON.stringify({ format: 'other' }))).toThrow(/^The file is not an explorer view: format: /);
    const store = startingStore();
    const doc = captureView(canvasOf(store.getState(), POSITIONS), store.getState(), { title: '', caption: '', layout: 'fcose' });
    const broken = structuredClone(doc) as unknown as { elements: { nodes: Array<{ position: unknown }> } };
    broken.elements.nodes[1]!.position = { x: 'left', y: 0 };
    expect(() => readViewDocument(JSON.stringify(broken))).toThrow(/elements\.nodes\.1\.position\.x: .*expected number/);
    const dangling = structuredClone(doc);
    dangling.elements.edges[0]!.data.target = 'nobody';
    expect(() => readViewDocument(JSON.stringify(dangling))).toThrow('elements.edges.0.data.target: "nobody" is not a node of the view');
  });
});
