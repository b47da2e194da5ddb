// JSON export: the view document itself (Cytoscape JSON plus the explorer's fields), which the
// explorer re-imports as it was and `cytoscape({ elements, style, zoom, pan })` draws.
import type { ViewDocument } from '@model/snapshot.js';

export function toJson(doc: ViewDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
