// Snapshots of views, kept in Neo4j as :Snapshot nodes apart from the threat data. The view
// document is stored as JSON text with, beside it, a baseline of what the database held around
// its nodes when it was saved: the server reads that itself, never taking it from the client.
import { randomBytes } from 'node:crypto';
import neo4j, { type ManagedTransaction, type Node } from 'neo4j-driver';
import { SNAPSHOT_LIMITS, type Snapshot, type SnapshotChanges, type SnapshotSummary, type ViewDocument } from '@model/snapshot.js';
import { type Caller, type Owned, type Visibility } from '@model/sharing.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { toPlain } from '../db/to-json.js';
import { AROUND_MAX, baselineOf, diff, type Around, type Baseline } from './changes.js';

type Fields = Record<string, unknown>;

/** 16 URL-safe characters, 96 random bits. */
function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** Saved before ownership existed: no owner, and seen by the whole team as before. */
function ownershipOf(p: Fields): Owned {
  if (p.owner === null || p.owner === undefined) return { owner: null, visibility: 'team' };
  return { owner: String(p.owner), visibility: (p.visibility as Visibility | undefined) ?? 'team' };
}

function summaryOf(p: Fields): SnapshotSummary {
  return {
    ...ownershipOf(p),
    id: String(p.id),
    title: String(p.title ?? ''),
    caption: String(p.caption ?? ''),
    createdAt: String(p.createdAt),
    updatedAt: String(p.updatedAt),
    nodeCount: Number(p.nodeCount ?? 0),
    edgeCount: Number(p.edgeCount ?? 0),
  };
}

export function snapshotFromNode(node: Node): Snapshot {
  const p = toPlain(node.properties) as Fields;
  // Stored only after validation: parsing again would cost time on megabyte documents.
  return { ...summaryOf(p), document: JSON.parse(String(p.document)) as ViewDocument };
}

function documentFields(doc: ViewDocument): Fields {
  return {
    title: doc.title,
    caption: doc.caption,
    nodeCount: doc.elements.nodes.length,
    edgeCount: doc.elements.edges.length,
    nodeIds: doc.elements.nodes.map((n) => n.data.id),
    document: JSON.stringify(doc),
  };
}

async function readAround(tx: ManagedTransaction, nodeIds: string[]): Promise<Around> {
  const result = await tx.run(cypher('snapshots/around'), { nodeIds, max: neo4j.int(AROUND_MAX) });
  const row = result.records[0];
  return { present: (row?.get('present') as string[]) ?? [], rels: (toPlain(row?.get('rels')) as Around['rels']) ?? [] };
}

/** The document's fields and, read in the same transaction, the baseline of its nodes. */
async function savedFields(tx: ManagedTransaction, doc: ViewDocument, now: string): Promise<Fields> {
  const fields = documentFields(doc);
  return { ...fields, ...baselineOf(await readAround(tx, fields.nodeIds as string[]), now), updatedAt: now };
}

export class SnapshotStore {
  constructor(
    private readonly db: Database,
    private readonly timeoutMs: number,
  ) {}

  /** The snapshots the caller may see in a list (see isListed in model/sharing.ts). */
  async list(who: Caller): Promise<SnapshotSummary[]> {
    const params = { username: who.username, admin: who.role === 'admin' };
    const result = await this.db.read((tx) => tx.run(cypher('snapshots/list'), params), { timeoutMs: this.timeoutMs });
    return result.records.map((r) => summaryOf(toPlain(r.get('s')) as Fields));
  }

  async get(id: string): Promise<Snapshot | null> {
    const result = await this.db.read((tx) => tx.run(cypher('snapshots/get'), { id }), { timeoutMs: this.timeoutMs });
    const node = result.records[0]?.get('s') as Node | undefined;
    return node ? snapshotFromNode(node) : null;
  }

  /** Its owner, visibility and title, or null when there is no such snapshot. */
  async ownership(id: string): Promise<(Owned & { id: string; title: string }) | null> {
    const result = await this.db.read((tx) => tx.run(cypher('snapshots/ownership'), { id }), { timeoutMs: this.timeoutMs });
    const row = result.records[0];
    if (!row) return null;
    const p = toPlain(row.get('s')) as Fields;
    return { ...ownershipOf(p), id: String(p.id), title: String(p.title ?? '') };
  }

  async create(doc: ViewDocument, owner: string, visibility: Visibility): Promise<Snapshot> {
    const now = new Date().toISOString();
    return this.db.write(async (tx) => {
      const fields = { ...(await savedFields(tx, doc, now)), createdAt: now, owner, visibility };
      const result = await tx.run(cypher('snapshots/create'), { id: newId(), fields });
      return snapshotFromNode(result.records[0]!.get('s'));
    });
  }

  /** A new document for a snapshot, and a new baseline: "what changed" counts from now. */
  async replace(id: string, doc: ViewDocument, visibility?: Visibility): Promise<Snapshot | null> {
    const now = new Date().toISOString();
    return this.db.write(async (tx) => {
      const fields = { ...(await savedFields(tx, doc, now)), ...(visibility ? { visibility } : {}) };
      const result = await tx.run(cypher('snapshots/update'), { id, fields });
      const node = result.records[0]?.get('s') as Node | undefined;
      return node ? snapshotFromNode(node) : null;
    });
  }

  /**
   * A new title or caption, in the snapshot and in its document alike, or a new visibility. The
   * baseline stays. An item saved before ownership existed keeps having no owner.
   */
  async patch(id: string, change: { title?: string; caption?: string; visibility?: Visibility }): Promise<Snapshot | null> {
    return this.db.write(async (tx) => {
      const locked = (await tx.run(cypher('snapshots/lock'), { id })).records[0]?.get('s') as Node | undefined;
      if (!locked) return null;
      const { document } = snapshotFromNode(locked);
      const { visibility, ...text } = change;
      const doc = { ...document, ...Object.fromEntries(Object.entries(text).filter(([, v]) => v !== undefined)) };
      const fields = {
        title: doc.title,
        caption: doc.caption,
        document: JSON.stringify(doc),
        updatedAt: new Date().toISOString(),
        ...(visibility ? { visibility } : {}),
      };
      return snapshotFromNode((await tx.run(cypher('snapshots/update'), { id, fields })).records[0]!.get('s'));
    });
  }

  /**
   * A copy under a new id and title, owned by whoever copies it with the original's visibility; it
   * keeps the original's baseline, so "since" stays true. Share links are not copied.
   */
  async duplicate(id: string, title: string | undefined, owner: string): Promise<Snapshot | null> {
    const now = new Date().toISOString();
    return this.db.write(async (tx) => {
      const source = (await tx.run(cypher('snapshots/get'), { id })).records[0]?.get('s') as Node | undefined;
      if (!source) return null;
      const original = snapshotFromNode(source);
      const copyTitle = title ?? `Copy of ${original.title || 'untitled snapshot'}`.slice(0, SNAPSHOT_LIMITS.titleMax);
      const doc = { ...original.document, title: copyTitle };
      const { id: _id, ...kept } = source.properties;
      const fields = {
        ...kept,
        title: copyTitle,
        document: JSON.stringify(doc),
        createdAt: now,
        updatedAt: now,
        owner,
        visibility: original.visibility,
      };
      const result = await tx.run(cypher('snapshots/create'), { id: newId(), fields });
      return snapshotFromNode(result.records[0]!.get('s'));
    });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.write((tx) => tx.run(cypher('snapshots/delete'), { id }));
    return Number(result.records[0]?.get('deleted') ?? 0) > 0;
  }

  async changes(id: string): Promise<SnapshotChanges | null> {
    return this.db.read(
      async (tx) => {
        const row = (await tx.run(cypher('snapshots/baseline'), { id })).records[0];
        if (!row) return null;
        const stored = toPlain(row.get('s')) as Baseline & { nodeIds: string[] | null };
        const baseline: Baseline = {
          baselineAt: stored.baselineAt,
          baselineNodeIds: stored.baselineNodeIds ?? [],
          baselineRels: stored.baselineRels ?? [],
          baselineTruncated: stored.baselineTruncated ?? false,
        };
        const nodeIds = stored.nodeIds ?? [];
        return diff(baseline, await readAround(tx, nodeIds), nodeIds);
      },
      { timeoutMs: this.timeoutMs },
    );
  }
}
