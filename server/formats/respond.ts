// Turning a view into a file in an HTTP answer: the format and options a request names, checked,
// and the file sent as a download. Used by the export and snapshot routes alike.
import type { Response } from 'express';
import { z } from 'zod';
import { exportFormatSchema, exportOptionsSchema, type ExportFormat, type ExportOptions } from '../../model/snapshot.js';
import { HttpError } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import type { ExportFile } from './writers.js';

const formatParam = z.object({ format: exportFormatSchema });

export function parseFormat(format: unknown): ExportFormat {
  return parseInput(formatParam, { format }, 'params').format;
}

/** Options from a query string; an option this export does not know is named in the 400. */
export function parseQueryOptions(query: Record<string, unknown>): ExportOptions {
  const known = Object.keys(exportOptionsSchema.shape);
  const unknown = Object.keys(query).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new HttpError(400, 'BAD_REQUEST', `${unknown}: unknown option (known: ${known.join(', ')})`, unknown);
  return parseInput(exportOptionsSchema, query, 'query');
}

export function sendFile(res: Response, file: ExportFile): void {
  res
    .status(200)
    .type(file.mediaType)
    .set('Content-Disposition', `attachment; filename="${file.filename}"`)
    .set('Cache-Control', 'no-store')
    .send(file.body);
}
