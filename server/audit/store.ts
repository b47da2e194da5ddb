// The audit trail in Neo4j (:AuditEvent, apart from the threat data). Append and read only: the
// application has no statement that changes or deletes an event.
import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { AuditEvent, AuditPage } from '@model/audit.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { toPlain } from '../db/to-json.js';

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'> & { at?: string };

export interface AuditFilters {
  user?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The cursor of a page: where the next one starts, opaque to the client (base64url of at and id). */
export function encodeCursor(event: Pick<AuditEvent, 'at' | 'id'>): string {
  return Buffer.from(JSON.stringify([event.at, event.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { at: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return { at: value[0] as string, id: value[1] as string };
  } catch {
    // not JSON: not a cursor of ours
  }
  return null;
}

export class AuditStore {
  constructor(
    private readonly db: Database,
    private readonly timeoutMs?: number,
  ) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const stored: AuditEvent = { ...event, id: randomUUID(), at: event.at ?? new Date().toISOString() };
    await this.db.write((tx) => tx.run(cypher('audit/append'), { ...stored, eventId: stored.id }));
    return stored;
  }

  /** Newest first, `limit` at most, older than the cursor when one is given. */
  async page(filters: AuditFilters, limit: number, cursor?: { at: string; id: string } | null): Promise<AuditPage> {
    const result = await this.db.read(
      (tx) =>
        tx.run(cypher('audit/list'), {
          user: filters.user ?? null,
          action: filters.action ?? null,
          from: filters.from ?? null,
          to: filters.to ?? null,
          cursorAt: cursor?.at ?? null,
          cursorId: cursor?.id ?? null,
          // One more than asked: whether there is a next page.
          limit: neo4j.int(limit + 1),
        }),
      this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs },
    );
    const events = result.records.map((r) => toPlain(r.toObject()) as AuditEvent);
    const more = events.length > limit;
    if (more) events.length = limit;
    return { events, nextCursor: more ? encodeCursor(events[events.length - 1]!) : null };
  }

  async count(): Promise<number> {
    const result = await this.db.read((tx) => tx.run(cypher('audit/count')));
    return Number(toPlain(result.records[0]!.get('events')));
  }
}
