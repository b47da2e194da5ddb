// The audit trail for admins: a page of events as JSON, or every matching event (up to a limit)
// as CSV. Read only: no route changes or deletes an event.
import Papa from 'papaparse';
import { AUDIT_CSV_COLUMNS, type AuditEvent } from '@model/audit.js';
import { ENDPOINTS } from '@model/contract.js';
import { endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { AuditStore, decodeCursor } from './store.js';

/** Events read from Neo4j per round while writing the CSV. */
const CSV_PAGE = 1_000;

export function auditRoutes({ db, limits, ...options }: FeatureContext) {
  const { router, on } = endpointRouter(options);
  const store = new AuditStore(db, limits.readTimeoutMs);

  on(ENDPOINTS.auditEvents, async ({ query: { limit, cursor, ...filters } }) => {
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null)
      throw new HttpError(400, 'BAD_REQUEST', 'cursor: is not a cursor from a previous page', 'cursor');
    return store.page(filters, limit, after);
  });

  on(ENDPOINTS.auditCsv, async ({ query: { limit, ...filters } }) => {
    const events: AuditEvent[] = [];
    let cursor: { at: string; id: string } | null = null;
    while (events.length < limit) {
      const page = await store.page(filters, Math.min(CSV_PAGE, limit - events.length), cursor);
      events.push(...page.events);
      if (page.nextCursor === null) break;
      cursor = decodeCursor(page.nextCursor);
    }
    const rows = events.map((e) => ({ ...e, targets: e.targets.join(' ') }));
    // escapeFormulae: a cell starting with = + - @ is quoted with ' so that a spreadsheet does not
    // run it (a user name or title typed by someone is in these cells).
    const text = Papa.unparse(
      { fields: [...AUDIT_CSV_COLUMNS], data: rows.map((r) => AUDIT_CSV_COLUMNS.map((c) => r[c] ?? '')) },
      {
        escapeFormulae: true,
        newline: '\r\n',
      },
    );
    return { body: Buffer.from(`${text}\r\n`, 'utf8'), mediaType: 'text/csv; charset=utf-8', filename: 'audit.csv' };
  });
  return router;
}
