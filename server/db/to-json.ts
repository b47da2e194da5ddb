// Neo4j values to plain JSON, in one place: Integers to numbers (strings past 2^53), temporal
// and spatial values to ISO strings, nodes, relationships and paths to the API's graph shapes.
// On every answer's path (an expand converts about a hundred nodes and relationships): written
// with plain loops, where Object.entries/fromEntries, spreads and rest copies cost a third of a
// millisecond per expand.
import neo4j, { type Node, type Path, type Relationship } from 'neo4j-driver';
import type { Graph, GraphEdge, GraphNode } from '@model/api.js';
import { NODE_LABELS } from '@model/graph-model.js';

export function toPlain(value: unknown): unknown {
  // Most values are strings and numbers: answer them before the type probes below.
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    for (const item of value) list.push(toPlain(item));
    return list;
  }
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (isTemporalOrSpatial(value)) return value.toString();
  if (neo4j.isNode(value)) return nodeToJson(value as Node);
  if (neo4j.isRelationship(value)) return edgeToJson(value as Relationship);
  if (neo4j.isPath(value)) return pathToGraph(value);
  if (typeof value === 'object') return plainProperties(value);
  return value;
}

/** out[key] = value, as an own property even for the key "__proto__" (as Object.fromEntries). */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
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
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(props)) setOwn(out, key, toPlain(props[key]));
  return out;
}

const NODE_LABEL_SET: ReadonlySet<string> = new Set(NODE_LABELS);

/** A node's id is its `id` property; nodes without one (none in this graph) fall back to elementId. */
export function nodeToJson(node: Node): GraphNode {
  const properties = plainProperties(node.properties);
  const label = node.labels.find((l) => NODE_LABEL_SET.has(l)) ?? node.labels[0] ?? 'Node';
  return {
    id: typeof properties.id === 'string' ? properties.id : node.elementId,
    label,
    name: typeof properties.name === 'string' ? properties.name : String(properties.id ?? node.elementId),
    properties,
  };
}

/** Endpoints are given by elementId in the driver; the caller's map turns them into entity ids. */
export function edgeToJson(rel: Relationship, idOf: (elementId: string) => string = (e) => e): GraphEdge {
  return edgeJson(rel, idOf(rel.startNodeElementId), idOf(rel.endNodeElementId));
}

function edgeJson(rel: Relationship, from: string, to: string): GraphEdge {
  // The evidence keys go to `evidence` only: sending them twice doubled the size of an expand.
  const properties: Record<string, unknown> = {};
  let sources: unknown, quote: unknown, summary: unknown, firstSeen: unknown, lastSeen: unknown, reportedAt: unknown, confidence: unknown;
  const props = rel.properties as Record<string, unknown>;
  for (const key of Object.keys(props)) {
    const value = toPlain(props[key]);
    switch (key) {
      case 'sources':
        sources = value;
        break;
      case 'quote':
        quote = value;
        break;
      case 'summary':
        summary = value;
        break;
      case 'firstSeen':
        firstSeen = value;
        break;
      case 'lastSeen':
        lastSeen = value;
        break;
      case 'reportedAt':
        reportedAt = value;
        break;
      case 'confidence':
        confidence = value;
        break;
      default:
        setOwn(properties, key, value);
    }
  }
  // The keys in this order, each only when it holds its type.
  const evidence: GraphEdge['evidence'] = { sources: Array.isArray(sources) ? (sources as string[]) : [] };
  if (typeof quote === 'string') evidence.quote = quote;
  if (typeof summary === 'string') evidence.summary = summary;
  if (typeof firstSeen === 'string') evidence.firstSeen = firstSeen;
  if (typeof lastSeen === 'string') evidence.lastSeen = lastSeen;
  if (typeof reportedAt === 'string') evidence.reportedAt = reportedAt;
  if (typeof confidence === 'number') evidence.confidence = confidence;
  return { id: typeof properties.id === 'string' ? properties.id : rel.elementId, type: rel.type, from, to, evidence, properties };
}

/** Collects nodes and relationships (from any nesting of values) into one de-duplicated graph. */
export class GraphCollector {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly idByElement = new Map<string, string>();
  private readonly rels = new Map<string, Relationship>();

  add(value: unknown): void {
    if (value === null || value === undefined || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.add(item);
      return;
    }
    if (neo4j.isNode(value)) {
      this.addNode(value);
      return;
    }
    if (neo4j.isRelationship(value)) {
      this.rels.set(value.elementId, value);
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
    for (const item of Object.values(value)) this.add(item);
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
      if (from && to) edges.push(edgeJson(rel, from, to));
    }
    return { nodes: [...this.nodes.values()], edges };
  }
}

export function pathToGraph(path: Path): Graph & { length: number } {
  const collector = new GraphCollector();
  collector.add(path);
  return { ...collector.graph(), length: path.length };
}
