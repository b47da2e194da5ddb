// Making the export files. PNG is drawn here by Cytoscape itself, so it looks exactly like the
// canvas; SVG, JSON, GraphML, CSV, HTML and STIX are made by the server from the captured view document
// (its SVG renderer draws each element as the canvas resolved it; the one Cytoscape SVG extension
// is GPL-licensed). Pure helpers for names and options, and the browser download.
import type cytoscape from 'cytoscape';
import { type ExportFormat, type ExportOptions, type ViewDocument } from '@model/snapshot.js';
import { api } from '../../shared/api.js';

export const FORMAT_CHOICES: Array<{ format: ExportFormat; name: string; description: string }> = [
  { format: 'png', name: 'PNG image', description: 'for slides and articles' },
  { format: 'svg', name: 'SVG vector', description: 'scales without blur, labels as text' },
  { format: 'json', name: 'JSON', description: 'Cytoscape JSON, re-importable here' },
  { format: 'graphml', name: 'GraphML', description: 'for Gephi, yEd and networkx' },
  { format: 'csv', name: 'CSV (zip)', description: 'nodes.csv and edges.csv with evidence' },
  { format: 'html', name: 'HTML', description: 'one file, works offline: pan, zoom, click for evidence' },
  { format: 'stix', name: 'STIX 2.1', description: 'a bundle with evidence, for OpenCTI, MISP and other threat-intel tools' },
];

/** Image formats, which take scale (PNG), background and area. */
export const IMAGE_FORMATS: readonly ExportFormat[] = ['png', 'svg'];

/** Cytoscape's options for an image of the canvas: no bg means transparent. */
export function imageOptions(options: ExportOptions): { scale: number; full: boolean; bg?: string } {
  return { scale: options.scale, full: options.area === 'all', ...(options.background === 'white' ? { bg: '#ffffff' } : {}) };
}

export async function makeExportFile(
  format: ExportFormat,
  cy: cytoscape.Core,
  document: ViewDocument,
  options: ExportOptions,
): Promise<Blob> {
  if (format === 'png') {
    const blob = await cy.png({ ...imageOptions(options), output: 'blob-promise' });
    // A canvas too large for the browser comes back empty rather than failing.
    if (!blob || blob.size === 0)
      throw new Error('The browser could not draw an image this large: choose a smaller scale or the visible part.');
    return blob;
  }
  if (format === 'svg') return api.exportView('svg', document, { background: options.background, area: options.area });
  return api.exportView(format, document);
}

/** Saves a file through the browser's download, as a link with a download name would. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  window.document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; the URL is no longer needed after.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
