// Ownership, visibility and guest share links (issue 15) of snapshots and saved queries, shared by
// server and client: who may see an item, who may change it, and the shapes of the share endpoints.
import { z } from 'zod';
import type { Role } from './auth.js';

/**
 * private: its owner (and admins) only. team: every signed-in user, listed. link: every signed-in
 * user who has its address (/s/<id>, the query's id), not listed to them. Guest share links are a
 * separate grant that works whatever the visibility, until revoked or expired.
 */
export const VISIBILITIES = ['private', 'team', 'link'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const visibilitySchema = z.enum(VISIBILITIES);
/** New items without a visibility in the request: seen by their owner only until shared. */
export const DEFAULT_VISIBILITY: Visibility = 'private';

/** Ownership as the API reports it. Items saved before ownership existed have no owner and are team-visible. */
export const ownershipShape = { owner: z.string().nullable(), visibility: visibilitySchema };

export interface Owned {
  owner: string | null;
  visibility: Visibility;
}
export interface Caller {
  username: string;
  role: Role;
}

/** May the caller open it by its id? */
export function canOpen(item: Owned, who: Caller): boolean {
  return who.role === 'admin' || item.owner === null || item.owner === who.username || item.visibility !== 'private';
}

/** Is it in the caller's lists? (link-visible items of others are opened by address only.) */
export function isListed(item: Owned, who: Caller): boolean {
  return who.role === 'admin' || item.owner === null || item.owner === who.username || item.visibility === 'team';
}

/**
 * May the caller rename, replace, delete, share it or change its visibility? Its owner (an editor
 * at least: the endpoints ask for that role) or an admin. An item without an owner: admins only.
 */
export function canManage(item: Owned, who: Caller): boolean {
  return who.role === 'admin' || (item.owner !== null && item.owner === who.username);
}

// ---- share links ----

export const shareId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be a share link id (6 to 64 letters, digits, - or _)');

/** The guest token, sent in this header on the guest endpoints (never in a URL: URLs are logged). */
export const SHARE_TOKEN_HEADER = 'x-share-token';

export const createShareRequestSchema = z
  .object({
    /** When the link stops working (ISO 8601 with an offset); none: until revoked. Must be in the future. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .meta({ id: 'CreateShareRequest' });

export const shareLinkSchema = z
  .object({
    id: z.string(),
    snapshotId: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ShareLink' });
export type ShareLink = z.infer<typeof shareLinkSchema>;

export const createShareResponseSchema = shareLinkSchema
  .extend({
    /** The page a guest opens: the token is in its fragment, which browsers never send to a server. */
    url: z.string(),
    /** Shown once: only its SHA-256 is stored. */
    token: z.string(),
  })
  .meta({ id: 'CreatedShareLink' });
export type CreatedShareLink = z.infer<typeof createShareResponseSchema>;

export const shareLinkListSchema = z.object({ links: z.array(shareLinkSchema) }).meta({ id: 'ShareLinkList' });

/** The page path of a share link; the token follows in the fragment (`/share#<token>`). */
export const SHARE_PAGE_PATH = '/share';
