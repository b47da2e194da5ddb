// Guest links to snapshots, kept in Neo4j as :ShareLink nodes apart from the threat data. Only
// the SHA-256 of a token is stored (server/auth/tokens.ts), so whoever reads the database cannot
// open a shared snapshot with what they read.
import { randomBytes } from 'node:crypto';
import type { Node } from 'neo4j-driver';
import type { ShareLink } from '@model/sharing.js';
import type { Snapshot } from '@model/snapshot.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { toPlain } from '../db/to-json.js';
import { newToken, tokenHash } from '../auth/tokens.js';

function linkOf(value: unknown): ShareLink {
  const p = toPlain(value) as Record<string, unknown>;
  return {
    id: String(p.id),
    snapshotId: String(p.snapshotId),
    createdBy: String(p.createdBy ?? ''),
    createdAt: String(p.createdAt ?? ''),
    expiresAt: p.expiresAt === null || p.expiresAt === undefined ? null : String(p.expiresAt),
  };
}

/** What a live token opens: the link and its snapshot's node (parsed by the caller). */
export interface GuestGrant {
  linkId: string;
  snapshotId: string;
  snapshot: Node;
}

export class ShareLinkStore {
  constructor(
    private readonly db: Database,
    private readonly timeoutMs: number,
  ) {}

  /** A new link: the token is returned here once and never stored. `expiresAt`: ISO 8601 UTC or null. */
  async create(snapshotId: string, createdBy: string, expiresAt: string | null): Promise<ShareLink & { token: string }> {
    const token = newToken();
    const params = {
      id: randomBytes(12).toString('base64url'),
      tokenHash: tokenHash(token),
      snapshotId,
      createdBy,
      now: new Date().toISOString(),
      expiresAt,
    };
    const result = await this.db.write((tx) => tx.run(cypher('share-links/create'), params));
    return { ...linkOf(result.records[0]!.get('l')), token };
  }

  async list(snapshotId: string): Promise<ShareLink[]> {
    const result = await this.db.read((tx) => tx.run(cypher('share-links/list'), { snapshotId, now: new Date().toISOString() }), {
      timeoutMs: this.timeoutMs,
    });
    return result.records.map((r) => linkOf(r.get('l')));
  }

  async revoke(snapshotId: string, id: string): Promise<boolean> {
    const result = await this.db.write((tx) => tx.run(cypher('share-links/revoke'), { snapshotId, id }));
    return Number(result.records[0]?.get('deleted') ?? 0) > 0;
  }

  /** The live (not revoked, not expired) link of a token, with its snapshot; null otherwise. */
  async find(token: string): Promise<GuestGrant | null> {
    const params = { tokenHash: tokenHash(token), now: new Date().toISOString() };
    const result = await this.db.read((tx) => tx.run(cypher('share-links/find'), params), { timeoutMs: this.timeoutMs });
    const row = result.records[0];
    if (!row) return null;
    const link = linkOf(row.get('l'));
    return { linkId: link.id, snapshotId: link.snapshotId, snapshot: row.get('s') as Node };
  }
}

/** The ids a guest of a snapshot may read the details of: its nodes and the sources its relationships cite. */
export function guestNodeIds(snapshot: Snapshot): Set<string> {
  const ids = new Set(snapshot.document.elements.nodes.map((n) => n.data.id));
  for (const e of snapshot.document.elements.edges) for (const source of e.data.evidence.sources) ids.add(source);
  return ids;
}
