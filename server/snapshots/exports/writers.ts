// One entry point to every export format: the file's bytes, media type and name for a view.
import { EXPORT_MEDIA_TYPES, exportFileName, type ExportFormat, type ExportOptions, type ViewDocument } from '@model/snapshot.js';
import { toCsvZip } from './csv.js';
import { toGraphml } from './graphml.js';
import { toHtml } from './html.js';
import { toJson } from './json.js';
import { toPng } from './png.js';
import { toSvg } from './svg.js';
import { toStix, type StixContext } from './stix.js';

export interface ExportFile {
  body: Buffer;
  mediaType: string;
  filename: string;
}

async function bytes(
  doc: ViewDocument,
  format: ExportFormat,
  options: ExportOptions,
  context: StixContext | undefined,
): Promise<Buffer | string | Uint8Array> {
  switch (format) {
    case 'json':
      return toJson(doc);
    case 'graphml':
      return toGraphml(doc);
    case 'csv':
      return toCsvZip(doc);
    case 'svg':
      return toSvg(doc, options).svg;
    case 'png':
      return toPng(toSvg(doc, options, { scale: options.scale }), options.scale);
    case 'html':
      return toHtml(doc);
    case 'stix':
      if (!context) throw new Error('a STIX export needs the database (its Sources)');
      return toStix(doc, context);
  }
}

export async function exportFile(
  doc: ViewDocument,
  format: ExportFormat,
  options: ExportOptions,
  fallbackName: string,
  /** The database, which the STIX export reads the cited Sources from. */
  context?: StixContext,
): Promise<ExportFile> {
  const body = await bytes(doc, format, options, context);
  const { mediaType } = EXPORT_MEDIA_TYPES[format];
  return {
    body: Buffer.isBuffer(body)
      ? body
      : typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    mediaType,
    filename: exportFileName(doc.title, format, fallbackName),
  };
}
