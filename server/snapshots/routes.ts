// Snapshots: saved views a presenter reopens, steps through and exports; and the export of a view
// that is not saved (the canvas as it is). Every body is validated in full before anything is
// written, and each write is one transaction, so a refused or failed save leaves every snapshot as
// it was.
import { ENDPOINTS } from '@model/contract.js';
import { NotFoundError } from '../errors.js';
import { endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { exportFile } from './exports/writers.js';
import { SnapshotStore } from './store.js';

function found<T>(value: T | null, id: string): T {
  if (value === null) throw new NotFoundError('id', `No snapshot with id "${id}"`);
  return value;
}

export function snapshotsRoutes({ db, limits, ...options }: FeatureContext) {
  const store = new SnapshotStore(db, limits.readTimeoutMs);
  // An audit event's `before`: the snapshot's title as it was.
  const auditSubject = async ({ id }: Record<string, unknown>) => {
    const before = typeof id === 'string' ? await store.get(id) : null;
    return before && { id: before.id, title: before.title };
  };
  const { router, on } = endpointRouter({ ...options, auditSubject });

  on(ENDPOINTS.listSnapshots, async () => ({ snapshots: await store.list() }));
  on(ENDPOINTS.createSnapshot, ({ body }) => store.create(body.document));
  on(ENDPOINTS.getSnapshot, async ({ params: { id } }) => found(await store.get(id), id));
  on(ENDPOINTS.replaceSnapshot, async ({ params: { id }, body }) => found(await store.replace(id, body.document), id));
  on(ENDPOINTS.patchSnapshot, async ({ params: { id }, body }) => found(await store.patch(id, body), id));
  on(ENDPOINTS.duplicateSnapshot, async ({ params: { id }, body }) => found(await store.duplicate(id, body.title), id));
  on(ENDPOINTS.deleteSnapshot, async ({ params: { id } }) => {
    found((await store.delete(id)) ? true : null, id);
  });
  on(ENDPOINTS.snapshotChanges, async ({ params: { id } }) => found(await store.changes(id), id));
  on(ENDPOINTS.exportSnapshot, async ({ params: { id, format }, query }) => {
    const snapshot = found(await store.get(id), id);
    return exportFile(snapshot.document, format, query, 'snapshot', { db });
  });
  on(ENDPOINTS.exportView, ({ params: { format }, body }) => exportFile(body.document, format, body.options, 'view', { db }));
  return router;
}
