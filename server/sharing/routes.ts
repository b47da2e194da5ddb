// Share links of snapshots and what their guests may read. The owner (or an admin) creates, lists
// and revokes a snapshot's links. A guest, with no account, sends the token in the X-Share-Token
// header (never in a URL, which request logs and proxies keep) and reads that snapshot, its exports
// and the details of the nodes it shows: another snapshot's id is 404, a token that is unknown,
// revoked or expired is 401, and every other API ignores the header (401 without a session).
import type { Request } from 'express';
import { ENDPOINTS } from '@model/contract.js';
import { SHARE_PAGE_PATH, SHARE_TOKEN_HEADER } from '@model/sharing.js';
import type { Snapshot } from '@model/snapshot.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { nodeDetails } from '../graph/nodes.js';
import { endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { exportFile } from '../snapshots/exports/writers.js';
import { callerOf, managed } from '../snapshots/routes.js';
import { SnapshotStore, snapshotFromNode } from '../snapshots/store.js';
import { ShareLinkStore, guestNodeIds } from './store.js';

const REFUSED = 'This share link is unknown, revoked or expired.';

export function sharingRoutes({ db, limits, ...options }: FeatureContext) {
  const { router, on } = endpointRouter(options);
  const snapshots = new SnapshotStore(db, limits.readTimeoutMs);
  const links = new ShareLinkStore(db, limits.readTimeoutMs);

  on(ENDPOINTS.createShareLink, async ({ params: { id }, body }, { principal, req }) => {
    const who = callerOf(principal);
    managed(await snapshots.ownership(id), who, id);
    let expiresAt: string | null = null;
    if (body.expiresAt !== undefined) {
      const at = new Date(body.expiresAt);
      if (!(at.getTime() > Date.now())) throw new InvalidInputError('expiresAt', 'expiresAt: must be in the future');
      // Stored in UTC, so that stored times compare as strings in Cypher.
      expiresAt = at.toISOString();
    }
    const link = await links.create(id, who.username, expiresAt);
    // The Host was checked against the allowed names (http/web-guard.ts); the token goes in the
    // fragment, which the browser never sends to the server.
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${SHARE_PAGE_PATH}#${link.token}`;
    return { ...link, url };
  });
  on(ENDPOINTS.listShareLinks, async ({ params: { id } }, { principal }) => {
    managed(await snapshots.ownership(id), callerOf(principal), id);
    return { links: await links.list(id) };
  });
  on(ENDPOINTS.revokeShareLink, async ({ params: { id, shareId } }, { principal }) => {
    managed(await snapshots.ownership(id), callerOf(principal), id);
    if (!(await links.revoke(id, shareId))) throw new NotFoundError('shareId', `No share link "${shareId}" on this snapshot`);
  });

  /** The snapshot the request's token opens; 401 for no live token, 404 when `id` is another snapshot's. */
  async function guestSnapshot(req: Request, id?: string): Promise<Snapshot> {
    const token = req.get(SHARE_TOKEN_HEADER);
    if (token === undefined || token.length === 0 || token.length > 100) throw new HttpError(401, 'SHARE_LINK_INVALID', REFUSED);
    const grant = await links.find(token);
    if (!grant) throw new HttpError(401, 'SHARE_LINK_INVALID', REFUSED);
    if (id !== undefined && id !== grant.snapshotId) throw new NotFoundError('id', `No snapshot with id "${id}"`);
    return snapshotFromNode(grant.snapshot);
  }

  on(ENDPOINTS.guestSnapshot, (_input, { req }) => guestSnapshot(req));
  on(ENDPOINTS.guestExport, async ({ params: { id, format }, query }, { req }) => {
    const snapshot = await guestSnapshot(req, id);
    return exportFile(snapshot.document, format, query, 'snapshot', { db });
  });
  on(ENDPOINTS.guestNode, async ({ params: { id, nodeId } }, { req }) => {
    const snapshot = await guestSnapshot(req, id);
    if (!guestNodeIds(snapshot).has(nodeId)) throw new NotFoundError('nodeId', `No node "${nodeId}" in this snapshot`);
    return nodeDetails(db, nodeId, limits);
  });
  return router;
}
