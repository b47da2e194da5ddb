// Snapshots: saved views a presenter reopens, steps through and exports; and the export of a view
// that is not saved (the canvas as it is). Every body is validated in full before anything is
// written, and each write is one transaction, so a refused or failed save leaves every snapshot as
// it was. Each snapshot has an owner and a visibility (model/sharing.ts): one the caller may not
// see is 404, as if it did not exist (its id does not leak); one they see but may not change, 403.
import { ENDPOINTS } from '@model/contract.js';
import { DEFAULT_VISIBILITY, canManage, canOpen, type Caller, type Owned } from '@model/sharing.js';
import { LOCAL_ADMIN, type Principal } from '../auth/access.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { exportFile } from './exports/writers.js';
import { SnapshotStore } from './store.js';

function found<T>(value: T | null, id: string): T {
  if (value === null) throw new NotFoundError('id', `No snapshot with id "${id}"`);
  return value;
}

/** The caller: without access checks (AUTH=none, or a router mounted alone) the local admin. */
export const callerOf = (principal: Principal | null): Caller => principal ?? LOCAL_ADMIN;

/** The item if the caller may see it; 404 otherwise, as for an id that does not exist. */
export function seen<T extends Owned>(item: T | null, who: Caller, id: string): T {
  if (item === null || !canOpen(item, who)) throw new NotFoundError('id', `No snapshot with id "${id}"`);
  return item;
}

/** The item if the caller may change it: 404 if they may not even see it, 403 if they see it only. */
export function managed<T extends Owned>(item: T | null, who: Caller, id: string): T {
  const visible = seen(item, who, id);
  if (!canManage(visible, who)) throw new ForbiddenError('id', 'Only its owner or an admin may change, share or delete it.');
  return visible;
}

export function snapshotsRoutes({ db, limits, ...options }: FeatureContext) {
  const store = new SnapshotStore(db, limits.readTimeoutMs);
  const { router, on } = endpointRouter(options);
  // An audit event's `before`: the snapshot's title as it was, from the ownership check's read.
  const subject = (s: { id: string; title: string }) => ({ id: s.id, title: s.title });

  on(ENDPOINTS.listSnapshots, async (_input, { principal }) => ({ snapshots: await store.list(callerOf(principal)) }));
  on(ENDPOINTS.createSnapshot, ({ body }, { principal }) =>
    store.create(body.document, callerOf(principal).username, body.visibility ?? DEFAULT_VISIBILITY),
  );
  on(ENDPOINTS.getSnapshot, async ({ params: { id } }, { principal }) => seen(await store.get(id), callerOf(principal), id));
  on(ENDPOINTS.replaceSnapshot, async ({ params: { id }, body }, { principal, audit }) => {
    audit.before = subject(managed(await store.ownership(id), callerOf(principal), id));
    return found(await store.replace(id, body.document, body.visibility), id);
  });
  on(ENDPOINTS.patchSnapshot, async ({ params: { id }, body }, { principal, audit }) => {
    audit.before = subject(managed(await store.ownership(id), callerOf(principal), id));
    return found(await store.patch(id, body), id);
  });
  on(ENDPOINTS.duplicateSnapshot, async ({ params: { id }, body }, { principal, audit }) => {
    const who = callerOf(principal);
    audit.before = subject(seen(await store.ownership(id), who, id));
    return found(await store.duplicate(id, body.title, who.username), id);
  });
  on(ENDPOINTS.deleteSnapshot, async ({ params: { id } }, { principal, audit }) => {
    audit.before = subject(managed(await store.ownership(id), callerOf(principal), id));
    found((await store.delete(id)) ? true : null, id);
  });
  on(ENDPOINTS.snapshotChanges, async ({ params: { id } }, { principal }) => {
    seen(await store.ownership(id), callerOf(principal), id);
    return found(await store.changes(id), id);
  });
  on(ENDPOINTS.exportSnapshot, async ({ params: { id, format }, query }, { principal }) => {
    const snapshot = seen(await store.get(id), callerOf(principal), id);
    return exportFile(snapshot.document, format, query, 'snapshot', { db });
  });
  on(ENDPOINTS.exportView, ({ params: { format }, body }) => exportFile(body.document, format, body.options, 'view', { db }));
  return router;
}
