// The STIX import's answers over HTTP: the dry-run report (server/stix/report.ts builds it) and
// what a confirmed import wrote. The UI's Import action shows them; the contract checks them.
import { z } from 'zod';

const counts = z.record(z.string(), z.number().int().min(0));

/** The id of an uploaded bundle waiting for confirmation. */
export const importId = z.string().regex(/^[0-9a-f-]{36}$/, 'must be an import id (a UUID)');

/** The report's long lists (new entities, matches) are cut at this many in an answer; totals say how many there were. */
export const REPORT_LIST_MAX = 1000;

export const importReportSchema = z
  .object({
    bundle: z.object({
      id: z.string(),
      name: z.string(),
      version: z.string().nullable(),
      publisher: z.string().nullable(),
      licence: z.string().nullable(),
    }),
    objects: z.number().int().min(0),
    read: counts,
    mappedPerLabel: counts,
    relationshipsPerType: counts,
    folded: z.number().int().min(0),
    skipped: z.object({
      unmapped: counts,
      revoked: counts,
      deprecated: counts,
      endNotImported: counts,
      disallowedEnds: counts,
      endInOpenConflict: z.number().int().min(0),
      selfLoops: z.number().int().min(0),
    }),
    newEntities: z.array(z.object({ id: z.string(), label: z.string(), stixId: z.string() })),
    matches: z.array(
      z.object({ stixId: z.string(), objectName: z.string(), entityId: z.string(), entityName: z.string(), via: z.string() }),
    ),
    /** How many new entities and matches there are in all (the lists above stop at REPORT_LIST_MAX). */
    totals: z.object({ newEntities: z.number().int().min(0), matches: z.number().int().min(0) }),
    conflicts: z.array(
      z.object({
        kind: z.enum(['object-matches-several', 'several-objects-match-one']),
        objects: z.array(z.object({ stixId: z.string(), name: z.string() })),
        entities: z.array(z.object({ id: z.string(), name: z.string() })),
        decided: z.boolean(),
      }),
    ),
    mapErrors: z.array(z.string()),
    sources: z.object({ new: z.number().int().min(0), existing: z.number().int().min(0) }),
    timing: z.object({
      readMs: z.number(),
      mapMs: z.number(),
      resolveMs: z.number(),
      totalMs: z.number(),
      objectsPerSecond: z.number(),
      relationshipsPerSecond: z.number(),
    }),
  })
  .meta({ id: 'StixImportReport' });
export type ImportReportBody = z.infer<typeof importReportSchema>;

/** The uploaded file's name: the bundle's Source is named after it when the bundle names no collection. */
export const uploadQuerySchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\]+$/, 'must be a file name, without folders')
      .optional(),
  })
  .strict();

export const stixUploadResponseSchema = z
  .object({
    importId,
    /** When the upload is deleted if not confirmed (ISO 8601). */
    expiresAt: z.string(),
    report: importReportSchema,
  })
  .meta({ id: 'StixUpload' });

/** As the CLI's --map file: STIX id → one of our ids, or "new". */
export const confirmImportRequestSchema = z
  .object({ map: z.record(z.string(), z.string()).optional() })
  .strict()
  .meta({ id: 'StixImportConfirm' });

export const stixImportResultSchema = z
  .object({
    report: importReportSchema,
    written: z.object({
      created: z.number().int().min(0),
      linked: z.number().int().min(0),
      updated: z.number().int().min(0),
      relationships: z.number().int().min(0),
      reportedIn: z.number().int().min(0),
      /** Rows not written: the graph already held that version (`modified`) or a newer one. */
      unchanged: z.object({
        entities: z.number().int().min(0),
        relationships: z.number().int().min(0),
        reportedIn: z.number().int().min(0),
      }),
      writeMs: z.number(),
    }),
    objectsPerSecond: z.number(),
    relationshipsPerSecond: z.number(),
  })
  .meta({ id: 'StixImportResult' });
export type StixImportResult = z.infer<typeof stixImportResultSchema>;

/** Largest bundle upload, in bytes. */
export const STIX_UPLOAD_BYTES_MAX = 512 * 1024 * 1024;
