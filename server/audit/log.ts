// Records audit events. The endpoint mount (http/endpoint.ts) records one for every successful
// call of a write endpoint (its contract's `audit` action) after the handler's write committed and
// before the answer is sent; sign-in failures and the users CLI record theirs by hand.
//
// An event is its own transaction, just after the write's: the stores' writes stay as they are,
// one transaction each. If appending fails, it is tried once more; if that fails too, the whole
// event is logged at error level ("audit event not stored", with every field) so that it is not
// lost silently, and the answer still goes out: the write it describes has happened.
import type { AuditAction } from '@model/audit.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { AuditStore, type NewAuditEvent } from './store.js';
import type { AuditActor, AuditSummary } from './summary.js';

export interface AuditRecord {
  action: AuditAction;
  actor: AuditActor;
  ip: string | null;
  targets?: readonly string[];
  before?: AuditSummary | null;
  after?: AuditSummary | null;
}

const text = (s: AuditSummary | null | undefined) => (s ? JSON.stringify(s) : null);

export class AuditLog {
  readonly store: AuditStore;

  constructor(
    db: Database,
    private readonly logger: Pick<Logger, 'error'>,
  ) {
    this.store = new AuditStore(db);
  }

  /** Appends the event; true when stored, false when it could only be logged. Never throws. */
  async record(r: AuditRecord): Promise<boolean> {
    const event: NewAuditEvent = {
      action: r.action,
      actor: r.actor.username,
      actorRole: r.actor.role,
      ip: r.ip,
      targets: [...(r.targets ?? [])],
      before: text(r.before),
      after: text(r.after),
      at: new Date().toISOString(),
    };
    let failure: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.store.append(event);
        return true;
      } catch (err) {
        failure = err;
      }
    }
    this.logger.error({ audit: event, err: failure }, 'audit event not stored');
    return false;
  }
}
