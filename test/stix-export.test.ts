// STIX export, without a database: the whole seed graph (every label and relationship type it
// holds) as a bundle, built from the seed files as the API would send them. Stable ids and bytes,
// the OASIS schemas, the mapping's cover of the model, and the import's reading of it back.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPES, REL_TYPE_INFO, endsAllowed } from '@model/graph-model.js';
import { readDataset, type Dataset } from '../seed/dataset.js';
import {
  EXPORT_NAMESPACE,
  InvalidExportError,
  buildBundle,
  bundleText,
  citedSourceIds,
  derivedId,
  stixShapeOf,
  validateBundle,
  type ExportGraph,
  type SourceRecord,
} from '../server/stix/export.js';
import {
  LABEL_STIX_TYPES,
  RELATIONSHIP_TYPES,
  X_PREFIX,
  mapBundle,
  slim,
  stixRelationshipOf,
  type StixObject,
} from '../server/stix/mapping.js';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { groupEdge, groupNode } from '../client/src/shared/groups.js';
import { viewGraph } from '../server/snapshots/exports/stix.js';
import { existingFromRecords } from '../server/stix/existing.js';
import { viewDocument } from './support/view-document.js';
import { linkRelationships, resolve } from '../server/stix/resolve.js';

let seed: Dataset;
let graph: ExportGraph;
let sources: Map<string, SourceRecord>;

/** The seed as the API sends it: evidence apart from the other properties. */
function graphOf(dataset: Dataset): ExportGraph {
  return {
    nodes: dataset.nodes
      .filter((n) => n.label !== 'Source')
      .map((n) => ({ id: n.props.id, label: n.label, name: String(n.props.name), properties: n.props })),
    edges: dataset.relationships.map((r) => {
      const { sources: cited, quote, summary, firstSeen, lastSeen, confidence, ...rest } = r;
      return {
        type: r.type,
        from: r.from,
        to: r.to,
        evidence: { sources: cited, quote, summary, firstSeen, lastSeen, confidence },
        properties: { id: rest.id },
      };
    }),
  };
}

beforeAll(async () => {
  seed = await readDataset();
  // The seed holds no Technique (they come from imports): one made here, used by a seeded tool.
  const tool = seed.nodes.find((n) => n.label === 'Tool')!.props.id;
  const source = seed.nodes.find((n) => n.label === 'Source')!.props.id;
  seed.nodes.push({
    label: 'Technique',
    props: {
      id: 'technique--test-one',
      name: 'Test technique',
      aliases: ['T0000'],
      summary: 'Made by this test.',
      summarySources: [source],
      externalId: 'T0000',
    },
  });
  seed.relationships.push({
    id: `${tool}|USES|technique--test-one`,
    type: 'USES',
    from: tool,
    to: 'technique--test-one',
    sources: [source],
    summary: 'Made by this test.',
    firstSeen: '2023',
    confidence: 50,
  });
  graph = graphOf(seed);
  sources = new Map(seed.nodes.filter((n) => n.label === 'Source').map((n) => [n.props.id, n.props]));
});

describe('STIX export', () => {
  it('gives the same bytes twice, whatever the order of the input', () => {
    const first = bundleText(buildBundle(graph, sources));
    const shuffled: ExportGraph = { nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() };
    const reversedSources = new Map([...sources].reverse());
    expect(bundleText(buildBundle(shuffled, reversedSources))).toBe(first);
    expect(bundleText(buildBundle(graph, sources))).toBe(first);
  });

  it('derives ids by UUIDv5 of our ids, and keeps an imported STIX id', () => {
    const bundle = buildBundle(graph, sources);
    const gru = bundle.objects.find((o) => o[`${X_PREFIX}id`] === 'threat-actor--gru')!;
    expect(gru.id).toBe(derivedId(String(gru.type), 'threat-actor--gru'));
    expect(String(gru.id)).toMatch(/--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    expect(EXPORT_NAMESPACE).toMatch(/^[0-9a-f-]{36}$/);
    const imported: ExportGraph = {
      nodes: [
        {
          id: 'tool--x',
          label: 'Tool',
          name: 'X',
          properties: { toolType: 'malware', stixId: 'malware--11111111-2222-4333-8444-555555555555' },
        },
      ],
      edges: [],
    };
    expect(buildBundle(imported, new Map()).objects[0]!.id).toBe('malware--11111111-2222-4333-8444-555555555555');
  });

  it('passes the OASIS STIX 2.1 schemas: spec_version, created/modified from the data, confidence, external references', () => {
    const bundle = buildBundle(graph, sources);
    expect(() => validateBundle(bundle)).not.toThrow();
    for (const o of bundle.objects) expect(o.spec_version).toBe('2.1');
    const rels = bundle.objects.filter((o) => o.type === 'relationship');
    expect(rels.length).toBeGreaterThan(100);
    const first = seed.relationships.find((r) => r.quote && r.sources.length > 0)!;
    const rel = rels.find((o) => o[`${X_PREFIX}id`] === first.id)!;
    expect(rel.confidence).toBe(first.confidence);
    expect(rel[`${X_PREFIX}quote`]).toBe(first.quote);
    const refs = rel.external_references as Array<Record<string, unknown>>;
    expect(refs.map((r) => r.source_name)).toEqual(first.sources.map((s) => sources.get(s)!.title));
    // created is the earliest publication day of its sources, not today.
    const days = first.sources.map((s) => String(sources.get(s)!.published)).sort();
    expect(rel.created).toBe(`${days[0]}T00:00:00.000Z`);
    // Every source a relationship cites and that has a day is a report referring to it.
    const reports = bundle.objects.filter((o) => o.type === 'report');
    const citing = reports.filter((r) => (r.object_refs as string[]).includes(String(rel.id)));
    expect(citing.map((r) => String(r[`${X_PREFIX}id`])).sort((a, b) => a.localeCompare(b))).toEqual(
      [...first.sources].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('fails loudly on a bundle the schemas refuse', () => {
    const broken: ExportGraph = { nodes: [{ id: 'person--nobody', label: 'Person', name: '', properties: {} }], edges: [] };
    expect(() => validateBundle(buildBundle(broken, new Map()))).toThrow(InvalidExportError);
    expect(() => validateBundle(buildBundle(broken, new Map()))).toThrow(/identity--[0-9a-f-]+ \(identity\) \/name/);
  });

  it('covers every label and every relationship type of the model', () => {
    for (const label of NODE_LABELS) {
      // Each label's shapes are among those the import trusts for it.
      const variants = [{}, { actorType: 'intrusion-set', toolType: 'tool', targetType: 'devices' }, { toolType: 'ransomware' }];
      for (const props of variants) expect(LABEL_STIX_TYPES[label]).toContain(stixShapeOf(label, props).type);
    }
    for (const type of REL_TYPES) {
      const how = stixRelationshipOf(type);
      if (REL_TYPE_INFO[type].derived) {
        expect(how).toBeNull();
        continue;
      }
      expect(how, type).not.toBeNull();
      // Plain types read back by relationship_type alone; the others by x_threat_network_type.
      if (
        !how!.inverse &&
        RELATIONSHIP_TYPES.get(how!.relationshipType) !== undefined &&
        how!.relationshipType === REL_TYPE_INFO[type].stixRelationship
      )
        expect(RELATIONSHIP_TYPES.get(how!.relationshipType)).toBe(type);
    }
  });

  it('exports one of each label and relationship type in a valid bundle that the import maps back as it was', () => {
    const bundle = buildBundle(graph, sources);
    const labels = new Set(graph.nodes.map((n) => n.label));
    const types = new Set(graph.edges.map((e) => e.type));
    // The seed holds every label but Source among entities, and every type but REPORTED_IN.
    expect([...labels].sort()).toEqual(NODE_LABELS.filter((l) => l !== 'Source').sort());
    expect([...types].sort()).toEqual(REL_TYPES.filter((t) => t !== 'REPORTED_IN').sort());

    const objects = bundle.objects.map((o) => slim(o as StixObject));
    const mapped = mapBundle(bundle.id, objects, 'export.json');
    expect(mapped.skipped.unmapped).toEqual({});
    expect(mapped.entities).toHaveLength(graph.nodes.length);
    for (const n of graph.nodes) {
      const e = mapped.entities.find((x) => x.ourId === n.id)!;
      expect(e, n.id).toBeDefined();
      expect(e.label).toBe(n.label);
      expect(e.name).toBe(n.name);
      expect(e.props).toEqual(Object.fromEntries(Object.entries(n.properties).filter(([k]) => k !== 'id')));
    }
    // Into an empty graph: our ids kept, every relationship back with its type, ends and evidence.
    const resolution = resolve(mapped, existingFromRecords([]));
    const linked = linkRelationships(mapped, resolution);
    expect(linked.disallowed).toEqual({});
    const back = new Map(linked.relationships.map((r) => [r.id, r]));
    for (const r of seed.relationships) {
      const got = back.get(r.id);
      expect(got, r.id).toBeDefined();
      expect(
        endsAllowed(
          got!.type,
          graph.nodes.find((n) => n.id === got!.from)!.label as never,
          graph.nodes.find((n) => n.id === got!.to)!.label as never,
        ),
      ).toBe(true);
      expect(got!.confidence).toBe(r.confidence);
      expect(got!.quote ?? undefined).toBe(r.quote);
      expect(got!.summary ?? undefined).toBe(r.summary);
      expect(got!.firstSeen ?? undefined).toBe(r.firstSeen);
      expect(got!.lastSeen ?? undefined).toBe(r.lastSeen);
      // Its sources by our ids, and the bundle's own Source the import always adds.
      const bundleSource = resolution.assignments.get(bundle.id)!.id;
      expect(got!.sources.filter((s) => s !== bundleSource).sort()).toEqual([...r.sources].sort());
    }
    expect(linked.relationships).toHaveLength(seed.relationships.length);
    expect(citedSourceIds(graph).length).toBeGreaterThan(0);
  });
});

describe('STIX export of a view with a group', () => {
  it('exports the group as its members and their relationships, never as a "Group" object', () => {
    const node = (id: string, label: string): GraphNode => ({ id, label, name: id, properties: {} });
    const edge = (from: string, type: string, to: string): GraphEdge => ({
      id: `${from}-${type}-${to}`,
      type,
      from,
      to,
      evidence: { sources: ['source--x'], confidence: 80 },
      properties: {},
    });
    const doj = node('organization--us-doj', 'Organization');
    const people = [node('person--a', 'Person'), node('person--b', 'Person')];
    const memberEdges = [edge(doj.id, 'INDICTED', 'person--a'), edge(doj.id, 'INDICTED', 'person--b')];
    const key = { parent: doj.id, label: 'Person', relType: 'INDICTED', direction: 'out' as const };
    const group = groupNode({ ...key, members: people, memberEdges });
    // person--a is also on the canvas on its own (taken out of the group): exported once.
    const doc = viewDocument({
      nodes: [doj, group, people[0]!],
      edges: [groupEdge({ ...key, members: people, memberEdges }), memberEdges[0]!],
    });
    const graph = viewGraph(doc);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([doj.id, 'person--a', 'person--b']);
    expect(graph.nodes.some((n) => n.label === 'Group')).toBe(false);
    expect(graph.edges.map((e) => `${e.from} ${e.type} ${e.to}`).sort()).toEqual([
      'organization--us-doj INDICTED person--a',
      'organization--us-doj INDICTED person--b',
    ]);
    expect(graph.edges[0]!.evidence.sources).toEqual(['source--x']);
  });
});
