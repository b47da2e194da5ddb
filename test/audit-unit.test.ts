// The audit trail's parts that need no database: a failed append is retried once and then logged
// whole at error level (never lost silently, never failing the answer); what an event keeps of an
// answer (named fields only: no password, hash or token can get in); cursors.
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '@model/contract.js';
import type { Database } from '../server/db/database.js';
import { AuditLog } from '../server/audit/log.js';
import { decodeCursor, encodeCursor } from '../server/audit/store.js';
import { summarise, targetsOf } from '../server/audit/summary.js';
import type { Logger } from '../server/logger.js';

function failingDb(failures: number) {
  const calls: unknown[] = [];
  const db = {
    write: async (work: (tx: { run: (q: string, p: unknown) => Promise<unknown> }) => Promise<unknown>) => {
      return work({
        run: async (_q, params) => {
          calls.push(params);
          if (calls.length <= failures) throw new Error('Neo4j went away');
          return { records: [] };
        },
      });
    },
  } as unknown as Database;
  return { db, calls };
}

function capture() {
  const logged: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  const logger = { error: (obj: Record<string, unknown>, msg: string) => logged.push({ obj, msg }) } as unknown as Logger;
  return { logger, logged };
}

const record = {
  action: 'user.role',
  actor: { username: 'ada', role: 'admin' },
  ip: '10.0.0.1',
  targets: ['bob'],
  before: { role: 'viewer' },
  after: { role: 'editor' },
} as const;

describe('AuditLog.record', () => {
  it('stores the event once when Neo4j answers', async () => {
    const { db, calls } = failingDb(0);
    const { logger, logged } = capture();
    expect(await new AuditLog(db, logger).record(record)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ action: 'user.role', actor: 'ada', actorRole: 'admin', ip: '10.0.0.1', targets: ['bob'] });
    expect(calls[0]).toMatchObject({ before: '{"role":"viewer"}', after: '{"role":"editor"}' });
    expect(logged).toEqual([]);
  });

  it('tries once more, then logs the whole event at error level and does not throw', async () => {
    const retried = failingDb(1);
    expect(await new AuditLog(retried.db, capture().logger).record(record)).toBe(true);
    expect(retried.calls).toHaveLength(2);

    const { db, calls } = failingDb(99);
    const { logger, logged } = capture();
    expect(await new AuditLog(db, logger).record(record)).toBe(false);
    expect(calls).toHaveLength(2);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.msg).toBe('audit event not stored');
    expect(logged[0]!.obj.audit).toMatchObject({ action: 'user.role', actor: 'ada', targets: ['bob'], after: '{"role":"editor"}' });
  });
});

describe('what an event keeps', () => {
  it('keeps only named fields of an answer, short, never a password, hash or token', () => {
    const summary = summarise({
      id: 'AAAAAAAAAAAAAAAA',
      title: 'x'.repeat(500),
      password: 'hunter2hunter2',
      passwordHash: '$argon2id$...',
      token: 'abc',
      document: { elements: [] },
      written: { created: 3, linked: 1, writeMs: 12 },
    });
    expect(summary).toEqual({ id: 'AAAAAAAAAAAAAAAA', title: `${'x'.repeat(119)}…`, created: 3, linked: 1 });
    expect(summarise({ password: 'p', token: 't' })).toBeNull();
    expect(summarise(undefined)).toBeNull();
  });

  it('targets the path ids, then the id or name of what was answered', () => {
    expect(targetsOf({ id: 'a' }, { id: 'b' })).toEqual(['a', 'b']);
    expect(targetsOf({ id: 'a' }, { id: 'a' })).toEqual(['a']);
    expect(targetsOf({}, { username: 'bob', role: 'viewer' })).toEqual(['bob']);
    expect(targetsOf({}, undefined)).toEqual([]);
  });

  it('pages with an opaque cursor that round-trips, and refuses a forged one', () => {
    const cursor = encodeCursor({ at: '2025-01-01T00:00:00.000Z', id: 'e1' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ at: '2025-01-01T00:00:00.000Z', id: 'e1' });
    expect(decodeCursor('bm90IGEgY3Vyc29y')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toBeNull();
  });
});

describe('the contract', () => {
  it('names an audit action on every endpoint that changes something, and on none that only reads', () => {
    // The upload of a STIX bundle is a dry run and its cancel deletes the uploaded file only: the
    // graph changes at confirm (import.stix).
    const notWrites = new Set([
      'expand',
      'subgraph',
      'paths',
      'cypher',
      'runQuery',
      'exportView',
      'exportQuery',
      'importStix',
      'cancelImport',
    ]);
    for (const [name, e] of Object.entries(ENDPOINTS)) {
      const writes = e.method !== 'get' && !notWrites.has(name);
      expect('audit' in e, name).toBe(writes);
    }
  });
});
