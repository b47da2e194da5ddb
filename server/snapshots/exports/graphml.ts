// GraphML export, the standard format Gephi, yEd, Cytoscape desktop and networkx read: the shown
// nodes and edges, each with its label or type, name, every property (lists and maps as JSON
// text), the edge's evidence, the node's note and position. Keys are declared with their types.
import { XMLBuilder } from 'fast-xml-parser';
import type { ViewDocument, ViewEdge, ViewNode } from '@model/snapshot.js';
import { evidenceColumns, propertyText, shownElements, xmlSafe } from './view.js';

type AttrType = 'string' | 'double' | 'boolean';
type Domain = 'node' | 'edge';

interface Key {
  id: string;
  domain: Domain;
  name: string;
  type: AttrType;
}

const NODE_FIXED: Array<[string, AttrType]> = [
  ['label', 'string'],
  ['name', 'string'],
  ['note', 'string'],
  ['x', 'double'],
  ['y', 'double'],
];
const EDGE_FIXED: Array<[string, AttrType]> = [
  ['type', 'string'],
  ['confidence', 'double'],
  ['sources', 'string'],
  ['quote', 'string'],
  ['summary', 'string'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
];
/** Already a column of their own (the node id is the element's id). */
const NODE_PROPERTIES_SKIPPED = ['id', 'name'];

/** One declared key per attribute name; a property whose name is taken gets a prefix. */
class Keys {
  readonly all: Key[] = [];
  private readonly byName = new Map<string, Key>();

  constructor(
    private readonly domain: Domain,
    fixed: Array<[string, AttrType]>,
  ) {
    for (const [name, type] of fixed) this.declare(name, type);
  }

  private declare(name: string, type: AttrType): Key {
    const key = { id: `${this.domain === 'node' ? 'n' : 'e'}${this.all.length}`, domain: this.domain, name, type };
    this.all.push(key);
    this.byName.set(name, key);
    return key;
  }

  fixed(name: string): Key {
    return this.byName.get(name)!;
  }

  /** The key of a property, typed from every value it takes across the elements. */
  property(name: string, values: unknown[]): Key {
    const full = this.byName.has(name) ? `property.${name}` : name;
    const type: AttrType = values.every((v) => typeof v === 'number' && Number.isFinite(v))
      ? 'double'
      : values.every((v) => typeof v === 'boolean')
        ? 'boolean'
        : 'string';
    return this.declare(full, type);
  }
}

function propertyKeys(keys: Keys, elements: Array<{ properties: Record<string, unknown> }>, skipped: string[]) {
  const values = new Map<string, unknown[]>();
  for (const { properties } of elements) {
    for (const [name, value] of Object.entries(properties)) {
      if (skipped.includes(name) || value === null || value === undefined) continue;
      (values.get(name) ?? values.set(name, []).get(name)!).push(value);
    }
  }
  return new Map([...values].map(([name, vs]) => [name, keys.property(name, vs)]));
}

function data(key: Key, value: unknown) {
  if (value === undefined || value === null || value === '') return [];
  return [{ '@key': key.id, '#text': xmlSafe(propertyText(value)) }];
}

export function toGraphml(doc: ViewDocument): string {
  const { nodes, edges } = shownElements(doc);
  const nodeKeys = new Keys('node', NODE_FIXED);
  const edgeKeys = new Keys('edge', EDGE_FIXED);
  const nodeProps = propertyKeys(
    nodeKeys,
    nodes.map((n) => n.data),
    NODE_PROPERTIES_SKIPPED,
  );
  const edgeProps = propertyKeys(
    edgeKeys,
    edges.map((e) => e.data),
    [],
  );

  const nodeXml = (n: ViewNode) => ({
    '@id': xmlSafe(n.data.id),
    data: [
      ...data(nodeKeys.fixed('label'), n.data.label),
      ...data(nodeKeys.fixed('name'), n.data.name),
      ...data(nodeKeys.fixed('note'), doc.notes[n.data.id]),
      ...data(nodeKeys.fixed('x'), n.position.x),
      ...data(nodeKeys.fixed('y'), n.position.y),
      ...[...nodeProps].flatMap(([name, key]) => data(key, n.data.properties[name])),
    ],
  });
  const edgeXml = (e: ViewEdge) => {
    const evidence = evidenceColumns(e);
    return {
      '@id': xmlSafe(e.data.id),
      '@source': xmlSafe(e.data.source),
      '@target': xmlSafe(e.data.target),
      data: [
        ...data(edgeKeys.fixed('type'), e.data.type),
        ...(['confidence', 'sources', 'quote', 'summary', 'firstSeen', 'lastSeen'] as const).flatMap((name) =>
          data(edgeKeys.fixed(name), evidence[name]),
        ),
        ...[...edgeProps].flatMap(([name, key]) => data(key, e.data.properties[name])),
      ],
    };
  };

  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    format: true,
    suppressEmptyNode: true,
  });
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    graphml: {
      '@xmlns': 'http://graphml.graphdrawing.org/xmlns',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
      key: [...nodeKeys.all, ...edgeKeys.all].map((k) => ({
        '@id': k.id,
        '@for': k.domain,
        '@attr.name': xmlSafe(k.name),
        '@attr.type': k.type,
      })),
      graph: {
        '@id': 'G',
        '@edgedefault': 'directed',
        node: nodes.map(nodeXml),
        edge: edges.map(edgeXml),
      },
    },
  });
}
