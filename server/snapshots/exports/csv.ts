// CSV export: a zip of nodes.csv and edges.csv (RFC 4180, UTF-8), the shown elements with their
// evidence, for spreadsheets and scripts.
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import type { ViewDocument } from '@model/snapshot.js';
import { evidenceColumns, otherProperties, propertyText, shownElements } from './view.js';

export const NODE_COLUMNS = ['id', 'label', 'name', 'summary', 'aliases', 'note', 'x', 'y', 'properties'] as const;
export const EDGE_COLUMNS = [
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
] as const;
// A text cell starting like a formula gets a leading ' so a spreadsheet shows it rather than runs
// it (names and notes come from people). Papa's own default misses text over several lines.
const FORMULA = /^[=+\-@\t\r]/;
const NODE_PROPERTIES_WITH_COLUMN = ['id', 'name', 'summary', 'aliases'];

function list(value: unknown): string {
  return Array.isArray(value) ? value.map(propertyText).join('; ') : propertyText(value);
}

function json(properties: Record<string, unknown>): string {
  return Object.keys(properties).length === 0 ? '' : JSON.stringify(properties);
}

function csv(columns: readonly string[], rows: unknown[][]): string {
  return Papa.unparse({ fields: [...columns], data: rows }, { newline: '\r\n', escapeFormulae: FORMULA });
}

export function toCsvZip(doc: ViewDocument): Uint8Array {
  const { nodes, edges } = shownElements(doc);
  const names = new Map(nodes.map((n) => [n.data.id, n.data.name]));
  const nodeRows = nodes.map((n) => [
    n.data.id,
    n.data.label,
    n.data.name,
    propertyText(n.data.properties.summary),
    list(n.data.properties.aliases),
    doc.notes[n.data.id] ?? '',
    n.position.x,
    n.position.y,
    json(otherProperties(n.data.properties, NODE_PROPERTIES_WITH_COLUMN)),
  ]);
  const edgeRows = edges.map((e) => {
    const evidence = evidenceColumns(e);
    return [
      e.data.id,
      e.data.type,
      e.data.source,
      e.data.target,
      names.get(e.data.source) ?? '',
      names.get(e.data.target) ?? '',
      evidence.confidence ?? '',
      evidence.firstSeen,
      evidence.lastSeen,
      evidence.sources,
      evidence.quote,
      evidence.summary,
      json(e.data.properties),
    ];
  });
  return zipSync({
    'nodes.csv': strToU8(csv(NODE_COLUMNS, nodeRows)),
    'edges.csv': strToU8(csv(EDGE_COLUMNS, edgeRows)),
  });
}
