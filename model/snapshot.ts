// Snapshots and exports: the shapes of a saved view, defined once and shared by server and client.
//
// A view document is Cytoscape JSON (elements with data, position and classes; style; zoom; pan)
// plus what the explorer needs to reopen the view exactly: title, caption, canvas size, layout,
// hidden and pinned nodes, filters, highlight and notes on nodes. `cytoscape({ elements, style,
// zoom, pan })` draws it as it was; the explorer re-imports it as it was.
import { z } from 'zod';
import { entityId, evidenceSchema } from './api.js';
import { ownershipShape, visibilitySchema } from './sharing.js';
import { isWebUrl } from './url.js';

export const SNAPSHOT_LIMITS = {
  nodesMax: 5_000,
  edgesMax: 20_000,
  titleMax: 200,
  captionMax: 2_000,
  noteMax: 2_000,
  styleRulesMax: 200,
  /** Largest request body the snapshot and export endpoints read. */
  bodyBytesMax: 16 * 1024 * 1024,
  /** Relationship ids kept at save time to tell later what changed around the snapshot. */
  baselineRelsMax: 100_000,
  pngScaleMax: 4,
} as const;

export const VIEW_FORMAT = 'threat-network-explorer/view';

const finite = z.number().finite();
export const positionSchema = z.object({ x: finite, y: finite });

/** How the element looked when saved (resolved by Cytoscape), so a server renderer draws it alike. */
export const renderedNodeSchema = z.object({
  shape: z.string().max(40),
  color: z.string().max(40),
  width: finite.nonnegative(),
  height: finite.nonnegative(),
  opacity: finite.min(0).max(1),
  visible: z.boolean(),
});
export const renderedEdgeSchema = z.object({
  color: z.string().max(40),
  width: finite.nonnegative(),
  opacity: finite.min(0).max(1),
  visible: z.boolean(),
});

export const viewNodeSchema = z.object({
  group: z.literal('nodes').optional(),
  data: z
    .object({
      id: entityId,
      label: z.string().max(100),
      name: z.string().max(1_000),
      // A source's url becomes a link in viewers of the view: web links only.
      properties: z
        .record(z.string(), z.unknown())
        .default({})
        .superRefine((p, ctx) => {
          if (p.url !== undefined && p.url !== null && !isWebUrl(p.url))
            ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be an http:// or https:// URL' });
        }),
    })
    .passthrough(),
  position: positionSchema,
  /** Cytoscape classes, space-separated (faded, gone, highlight, pinned). */
  classes: z.string().max(200).default(''),
  rendered: renderedNodeSchema.optional(),
});
export type ViewNode = z.infer<typeof viewNodeSchema>;

export const viewEdgeSchema = z.object({
  group: z.literal('edges').optional(),
  data: z
    .object({
      id: z.string().min(1).max(200),
      source: entityId,
      target: entityId,
      type: z.string().max(100),
      confidence: finite.min(0).max(100).optional(),
      evidence: evidenceSchema,
      properties: z.record(z.string(), z.unknown()).default({}),
    })
    .passthrough(),
  classes: z.string().max(200).default(''),
  rendered: renderedEdgeSchema.optional(),
});
export type ViewEdge = z.infer<typeof viewEdgeSchema>;

export const styleRuleSchema = z.object({
  selector: z.string().min(1).max(500),
  style: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const viewFiltersSchema = z.object({
  hiddenLabels: z.array(z.string().max(100)).max(100).default([]),
  hiddenTypes: z.array(z.string().max(100)).max(100).default([]),
  minConfidence: finite.min(0).max(100).default(0),
  dateFrom: z.string().max(10).nullable().default(null),
  dateTo: z.string().max(10).nullable().default(null),
  mode: z.enum(['fade', 'hide']).default('fade'),
});

export const viewDocumentSchema = z
  .object({
    format: z.literal(VIEW_FORMAT),
    version: z.literal(1),
    title: z.string().trim().max(SNAPSHOT_LIMITS.titleMax).default(''),
    caption: z.string().trim().max(SNAPSHOT_LIMITS.captionMax).default(''),
    elements: z.object({
      nodes: z.array(viewNodeSchema).max(SNAPSHOT_LIMITS.nodesMax, `must hold at most ${SNAPSHOT_LIMITS.nodesMax} nodes`),
      edges: z.array(viewEdgeSchema).max(SNAPSHOT_LIMITS.edgesMax, `must hold at most ${SNAPSHOT_LIMITS.edgesMax} edges`),
    }),
    style: z.array(styleRuleSchema).max(SNAPSHOT_LIMITS.styleRulesMax).default([]),
    zoom: finite.positive(),
    pan: positionSchema,
    /** Size of the canvas (CSS pixels) the view was saved from: "the visible part" is this box. */
    viewport: z.object({ width: finite.positive(), height: finite.positive() }),
    layout: z.string().max(40).default('fcose'),
    hidden: z.array(entityId).default([]),
    pinned: z.array(entityId).default([]),
    filters: viewFiltersSchema.default({ hiddenLabels: [], hiddenTypes: [], minConfidence: 0, dateFrom: null, dateTo: null, mode: 'fade' }),
    highlight: z
      .object({ nodes: z.array(z.string()).default([]), edges: z.array(z.string()).default([]) })
      .default({ nodes: [], edges: [] }),
    /** Notes a presenter attached to nodes, by node id. */
    notes: z.record(entityId, z.string().max(SNAPSHOT_LIMITS.noteMax)).default({}),
    /**
     * Node size and colour by data, as the explorer's style panel names them ("uniform", "degree"
     * or "property:<key>"; "label" or "property:<key>"). Absent in views saved before it existed.
     */
    styleBy: z
      .object({
        size: z.string().max(80).default('uniform'),
        color: z.string().max(80).default('label'),
      })
      .optional(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    doc.elements.nodes.forEach((n, i) => {
      if (ids.has(n.data.id))
        ctx.addIssue({ code: 'custom', path: ['elements', 'nodes', i, 'data', 'id'], message: `"${n.data.id}" appears twice` });
      ids.add(n.data.id);
    });
    const edgeIds = new Set<string>();
    doc.elements.edges.forEach((e, i) => {
      if (edgeIds.has(e.data.id))
        ctx.addIssue({ code: 'custom', path: ['elements', 'edges', i, 'data', 'id'], message: `"${e.data.id}" appears twice` });
      edgeIds.add(e.data.id);
      for (const end of ['source', 'target'] as const) {
        if (!ids.has(e.data[end]))
          ctx.addIssue({
            code: 'custom',
            path: ['elements', 'edges', i, 'data', end],
            message: `"${e.data[end]}" is not a node of the view`,
          });
      }
    });
    for (const key of ['hidden', 'pinned'] as const) {
      doc[key].forEach((id, i) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: [key, i], message: `"${id}" is not a node of the view` });
      });
    }
    for (const id of Object.keys(doc.notes)) {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['notes', id], message: `"${id}" is not a node of the view` });
    }
  })
  .meta({ id: 'ViewDocument' });
export type ViewDocument = z.infer<typeof viewDocumentSchema>;
export type ViewDocumentInput = z.input<typeof viewDocumentSchema>;

// ---- snapshots ----

export const snapshotId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be a snapshot id (6 to 64 letters, digits, - or _)');

export const snapshotSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    caption: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    nodeCount: z.number(),
    edgeCount: z.number(),
    /** Who saved it (null: saved before ownership existed, team-visible) and who may see it. */
    ...ownershipShape,
  })
  .meta({ id: 'SnapshotSummary' });
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

export const snapshotListSchema = z.object({ snapshots: z.array(snapshotSummarySchema) }).meta({ id: 'SnapshotList' });
export type SnapshotList = z.infer<typeof snapshotListSchema>;

export const snapshotSchema = snapshotSummarySchema.extend({ document: viewDocumentSchema }).meta({ id: 'Snapshot' });
export type Snapshot = z.infer<typeof snapshotSchema>;

/** POST /api/snapshots and PUT /api/snapshots/:id. The title and caption are the document's. */
export const saveSnapshotRequestSchema = z
  .object({
    document: viewDocumentSchema,
    /** On creation: private when not given. On replace: unchanged when not given. */
    visibility: visibilitySchema.optional(),
  })
  .strict()
  .meta({ id: 'SaveSnapshotRequest' });

/** PATCH /api/snapshots/:id: rename, change the caption or who may see it. */
export const patchSnapshotRequestSchema = z
  .object({
    title: z.string().trim().max(SNAPSHOT_LIMITS.titleMax).optional(),
    caption: z.string().trim().max(SNAPSHOT_LIMITS.captionMax).optional(),
    visibility: visibilitySchema.optional(),
  })
  .strict()
  .refine((p) => p.title !== undefined || p.caption !== undefined || p.visibility !== undefined, {
    message: 'must change title, caption or visibility',
    path: ['title'],
  })
  .meta({ id: 'PatchSnapshotRequest' });

/** POST /api/snapshots/:id/duplicate: a copy, under a new title if given ("Copy of …" if not). */
export const duplicateSnapshotRequestSchema = z
  .object({ title: z.string().trim().max(SNAPSHOT_LIMITS.titleMax).optional() })
  .strict()
  .meta({ id: 'DuplicateSnapshotRequest' });

/**
 * GET /api/snapshots/:id/changes: what changed in the database since the snapshot was saved,
 * around what it shows. Removed: its nodes and relationships no longer in the database, and
 * relationships that touched its nodes when saved and are gone. Added: relationships that touch
 * its nodes now and did not when it was saved, with the nodes at their other ends.
 */
export const snapshotChangesSchema = z
  .object({
    since: z.string(),
    nodes: z.object({ added: z.array(z.object({ id: z.string(), label: z.string(), name: z.string() })), removed: z.array(z.string()) }),
    relationships: z.object({
      added: z.array(z.object({ id: z.string(), type: z.string(), from: z.string(), to: z.string() })),
      removed: z.array(z.string()),
    }),
    /** True when the snapshot touched more relationships than the baseline keeps. */
    truncated: z.boolean(),
  })
  .meta({ id: 'SnapshotChanges' });
export type SnapshotChanges = z.infer<typeof snapshotChangesSchema>;

// ---- exports ----

export const EXPORT_FORMATS = ['png', 'svg', 'json', 'graphml', 'csv', 'html', 'stix'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportFormatSchema = z.enum(EXPORT_FORMATS);

/** Options of an export; PNG takes all three, SVG background and area, the others none. */
export const exportOptionsSchema = z
  .object({
    scale: z.coerce.number().min(1).max(SNAPSHOT_LIMITS.pngScaleMax).default(1),
    background: z.enum(['white', 'transparent']).default('white'),
    /** The whole graph, or the part that was visible on the canvas. */
    area: z.enum(['all', 'visible']).default('all'),
  })
  .strict();
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/** POST /api/export/:format: export a view that is not saved (the UI's current view). */
export const exportRequestSchema = z
  .object({ document: viewDocumentSchema, options: exportOptionsSchema.default({ scale: 1, background: 'white', area: 'all' }) })
  .strict()
  .meta({ id: 'ExportRequest' });

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, { mediaType: string; extension: string }> = {
  png: { mediaType: 'image/png', extension: 'png' },
  svg: { mediaType: 'image/svg+xml', extension: 'svg' },
  json: { mediaType: 'application/json', extension: 'json' },
  graphml: { mediaType: 'application/graphml+xml', extension: 'graphml' },
  csv: { mediaType: 'application/zip', extension: 'zip' },
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html' },
  // A STIX 2.1 bundle is JSON; served as plain application/json so that any browser or tool saves it.
  stix: { mediaType: 'application/json', extension: 'stix.json' },
};

/**
 * The file name of an export: the title as a slug ("Russia's proxies, Oct. 2024" →
 * "russia-s-proxies-oct-2024.json"), accents dropped and ASCII only (safe in a header and on any
 * file system), or the fallback when the title has no letters or digits.
 */
export function exportFileName(title: string, format: ExportFormat, fallback = 'threat-network-view'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || fallback}.${EXPORT_MEDIA_TYPES[format].extension}`;
}
