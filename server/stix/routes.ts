// The STIX import over HTTP, thin routes over import.ts and write.ts: an upload is streamed to
// disk and dry-run (the report, nothing written); a confirm imports that file in one write
// transaction, planned against the graph as it is then; a cancel deletes it. Failures are answers:
// an invalid bundle 400 (naming the object and field), an unknown upload 404, an open conflict 409.
import { ENDPOINTS } from '@model/contract.js';
import { REPORT_LIST_MAX, STIX_UPLOAD_BYTES_MAX, type ImportReportBody } from '@model/stix-import.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { tooLarge } from '../http/raw-body.js';
import { readExistingEntities } from './existing.js';
import { InvalidBundleError, plan, readValidBundle, type ReadBundle } from './import.js';
import { BundleReadError } from './read.js';
import { buildReport, type ImportReport } from './report.js';
import { parseResolutionMap } from './resolve.js';
import { UploadStore, UploadTooLargeError, type Upload } from './routes-uploads.js';
import { UnwritablePlanError, importBundle } from './write.js';

/** The report as answered: the long lists cut, with their totals. */
function reportBody(r: ImportReport): ImportReportBody {
  return {
    ...r,
    newEntities: r.newEntities.slice(0, REPORT_LIST_MAX),
    matches: r.matches.slice(0, REPORT_LIST_MAX),
    totals: { newEntities: r.newEntities.length, matches: r.matches.length },
  };
}

/** Reads and validates an uploaded bundle; its faults become 400s naming the object and field. */
async function readUpload(upload: Upload): Promise<ReadBundle> {
  try {
    const read = await readValidBundle(upload.file);
    return { ...read, fileName: upload.fileName };
  } catch (err) {
    if (err instanceof InvalidBundleError) {
      const first = err.issues[0]!;
      const field = first.objectId === 'bundle' ? `bundle${first.field}` : `objects/${first.objectId}${first.field}`;
      throw new InvalidInputError(field, err.message, 'INVALID_STIX');
    }
    if (err instanceof BundleReadError) throw new InvalidInputError('body', `The upload is ${err.message}.`, 'INVALID_STIX');
    throw err;
  }
}

export function stixImportRoutes({ db, ...options }: FeatureContext & { uploads?: UploadStore }) {
  const { router, on } = endpointRouter(options);
  const uploads = options.uploads ?? new UploadStore(STIX_UPLOAD_BYTES_MAX);

  const find = (id: string) => {
    const upload = uploads.get(id);
    if (!upload) throw new NotFoundError('importId', `No upload with id "${id}" (imported, cancelled or expired after 30 minutes)`);
    return upload;
  };

  on(ENDPOINTS.importStix, async ({ body, query }) => {
    let upload: Upload;
    try {
      upload = await uploads.receive(body, query.name);
    } catch (err) {
      if (err instanceof UploadTooLargeError) throw tooLarge(STIX_UPLOAD_BYTES_MAX);
      throw err;
    }
    try {
      const read = await readUpload(upload);
      const report = buildReport(read, plan(read, await readExistingEntities(db)));
      return { importId: upload.id, expiresAt: upload.expiresAt.toISOString(), report: reportBody(report) };
    } catch (err) {
      // Nothing to confirm: the file goes at once.
      await uploads.delete(upload.id);
      throw err;
    }
  });

  on(ENDPOINTS.confirmImport, async ({ params, body }) => {
    const upload = find(params.importId);
    const parsed = parseResolutionMap(JSON.stringify(body.map ?? {}));
    if (parsed.errors.length > 0) throw new InvalidInputError('map', parsed.errors.join('; '));
    if (upload.busy) throw new HttpError(409, 'IMPORT_RUNNING', 'This upload is being imported already.', 'importId');
    upload.busy = true;
    try {
      const started = performance.now();
      const read = await readUpload(upload);
      // Planned again against the graph as it is now: what changed since the dry run counts, and the write is all or nothing.
      const imported = await importBundle(db, read, parsed.map);
      const seconds = (performance.now() - started) / 1000;
      imported.plan.resolveMs = 0;
      const stixRelationships = imported.plan.linked.relationships.reduce((n, r) => n + r.stixIds.length, 0);
      await uploads.delete(upload.id);
      return {
        report: reportBody(buildReport(read, imported.plan)),
        written: imported.written,
        objectsPerSecond: Math.round(read.objects.length / seconds),
        relationshipsPerSecond: Math.round(stixRelationships / seconds),
      };
    } catch (err) {
      // The upload stays for another try (a --map decision, Neo4j back).
      if (err instanceof UnwritablePlanError) throw new HttpError(409, 'IMPORT_CONFLICT', err.message, 'map');
      throw err;
    } finally {
      upload.busy = false;
    }
  });

  on(ENDPOINTS.cancelImport, async ({ params }) => {
    find(params.importId);
    await uploads.delete(params.importId);
  });

  return router;
}
