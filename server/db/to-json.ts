// Neo4j values to plain JSON, in one place: Integers to numbers (strings past 2^53), temporal
// and spatial values to ISO strings, nodes, relationships and paths to the API's graph shapes.
import neo4j, { type Node, type Path, type Relationship } from 'neo4j-driver';
import type { Graph, GraphEdge, GraphNode } from '../../model/api.js';
import { NODE_LABELS } from '../../model/graph-model.js';

export function toPlain(value: unknown): unknown {
  // Most values are strings and numbers: answer them before the type probes below.
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (isTemporalOrSpatial(value)) return value.toString();
  if (neo4j.isNode(value)) return nodeToJson(value as Node);
  if (neo4j.isRelationship(value)) return edgeToJson(value as Relationship);
  if (neo4j.isPath(value)) return pathToGraph(value);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

function isTemporalOrSpatial(value: unknown): value is { toString(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (neo4j.isDate(value) ||
      neo4j.isDateTime(value) ||
      neo4j.isLocalDateTime(value) ||
      neo4j.isLocalTime(value) ||
      neo4j.isTime(value) ||
      neo4j.isDuration(value) ||
      neo4j.isPoint(value))
  );
}

function plainProperties(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, toPlain(v)]));
}

/** A node's id is its `id` property; nodes without one (none in this graph) fall back to elementId. */
export function nodeToJson(node: Node): GraphNode {
  const properties = plainProperties(node.properties);
  const label = node.labels.find((l) => (NODE_LABELS as readonly string[]).includes(l)) ?? node.labels[0] ?? 'Node';
  return {
    id: typeof properties.id === 'string' ? properties.id : node.elementId,
    label,
    name: typeof properties.name === 'string' ? properties.name : String(properties.id ?? node.elementId),
    properties,
  };
}

/** Endpoints are given by elementId in the driver; the caller's map turns them into entity ids. */
export function edgeToJson(rel: Relationship, idOf: (elementId: string) => string = (e) => e): GraphEdge {
  // The evidence keys go to `evidence` only: sending them twice doubled the size of an expand.
  const { sources, quote, summary, firstSeen, lastSeen, confidence, ...properties } = plainProperties(rel.properties);
  return {
    id: typeof properties.id === 'string' ? properties.id : rel.elementId,
    type: rel.type,
    from: idOf(rel.startNodeElementId),
    to: idOf(rel.endNodeElementId),
    evidence: {
      sources: Array.isArray(sources) ? (sources as string[]) : [],
      ...(typeof quote === 'string' ? { quote } : {}),
      ...(typeof summary === 'string' ? { summary } : {}),
      ...(typeof firstSeen === 'string' ? { firstSeen } : {}),
      ...(typeof lastSeen === 'string' ? { lastSeen } : {}),
      ...(typeof confidence === 'number' ? { confidence } : {}),
    },
    properties,
  };
}

/** Collects nodes and relationships (from any nesting of values) into one de-duplicated graph. */
export class GraphCollector {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly idByElement = new Map<string, string>();
  private readonly rels = new Map<string, Relationship>();

  add(value: unknown): void {
    if (value === null || value === undefined || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v) => this.add(v));
    if (neo4j.isNode(value)) {
      this.addNode(value);
      return;
    }
    if (neo4j.isRelationship(value)) {
      this.rels.set((value).elementId, value);
      return;
    }
    if (neo4j.isPath(value)) {
      const path = value;
      this.addNode(path.start);
      for (const seg of path.segments) {
        this.addNode(seg.end);
        this.rels.set(seg.relationship.elementId, seg.relationship);
      }
      return;
    }
    if (neo4j.isInt(value) || isTemporalOrSpatial(value)) return;
    Object.values(value).forEach((v) => this.add(v));
  }

  addNode(node: Node): string {
    // A node comes back once per row or path it is on; convert it once.
    const seen = this.idByElement.get(node.elementId);
    if (seen !== undefined) return seen;
    const json = nodeToJson(node);
    this.nodes.set(json.id, json);
    this.idByElement.set(node.elementId, json.id);
    return json.id;
  }

  idOf(elementId: string): string | undefined {
    return this.idByElement.get(elementId);
  }

  /** Relationships whose two ends are both in the graph. */
  graph(): Graph {
    const edges: GraphEdge[] = [];
    for (const rel of this.rels.values()) {
      const from = this.idByElement.get(rel.startNodeElementId);
      const to = this.idByElement.get(rel.endNodeElementId);
      if (from && to) edges.push(edgeToJson(rel, (e) => (e === rel.startNodeElementId ? from : to)));
    }
    return { nodes: [...this.nodes.values()], edges };
  }
}

export function pathToGraph(path: Path): Graph & { length: number } {
  const collector = new GraphCollector();
  collector.add(path);
  return { ...collector.graph(), length: path.length };
}
