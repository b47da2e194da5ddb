// Client-side routes: /s/<id> opens a saved snapshot; /share#<token> is a guest link (the shared
// snapshot, read-only); every other path is the explorer itself, with its view in the query
// string (url-state.ts).
import { SHARE_PAGE_PATH } from '@model/sharing.js';

const SNAPSHOT_PATH = /^\/s\/([^/]+)\/?$/;

/** The snapshot id of a /s/<id> path, or null for any other path. */
export function snapshotIdFromPath(pathname: string): string | null {
  const match = SNAPSHOT_PATH.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    // A malformed escape is still an id to report as unknown, not a reason to crash.
    return match[1]!;
  }
}

export function snapshotPath(id: string): string {
  return `/s/${encodeURIComponent(id)}`;
}

/** The link that reopens a snapshot for anyone who has it. */
export function snapshotLink(id: string, origin: string): string {
  return `${origin}${snapshotPath(id)}`;
}

/** The admin page (users and the audit trail), for admins; the server serves the app's page there. */
export const ADMIN_PATH = '/admin';

export function isAdminPath(pathname: string): boolean {
  return pathname === ADMIN_PATH || pathname === `${ADMIN_PATH}/`;
}

/** The token of a guest link's address (/share#<token>: in the fragment, never sent to a server), or null. */
export function shareTokenFromLocation(location: { pathname: string; hash: string }): string | null {
  if (location.pathname.replace(/\/$/, '') !== SHARE_PAGE_PATH) return null;
  const token = location.hash.replace(/^#/, '');
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}
