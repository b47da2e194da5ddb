// Who may see, list and change an owned item (model/sharing.ts), and which addresses are guest
// links (client/src/shared/route.ts), without a database.
import { describe, expect, it } from 'vitest';
import { canManage, canOpen, isListed, type Caller, type Owned } from '@model/sharing.js';
import { shareTokenFromLocation } from '../client/src/shared/route.js';

const alice: Caller = { username: 'alice', role: 'editor' };
const bob: Caller = { username: 'bob', role: 'editor' };
const vera: Caller = { username: 'vera', role: 'viewer' };
const ada: Caller = { username: 'ada', role: 'admin' };
const item = (visibility: Owned['visibility'], owner: string | null = 'alice'): Owned => ({ owner, visibility });

describe('ownership and visibility', () => {
  it('opens private items to their owner and admins only; team and link items to everyone signed in', () => {
    expect([alice, bob, vera, ada].map((who) => canOpen(item('private'), who))).toEqual([true, false, false, true]);
    expect([alice, bob, vera, ada].map((who) => canOpen(item('team'), who))).toEqual([true, true, true, true]);
    expect([alice, bob, vera, ada].map((who) => canOpen(item('link'), who))).toEqual([true, true, true, true]);
  });

  it('lists link items only to their owner and admins', () => {
    expect([alice, bob, vera, ada].map((who) => isListed(item('link'), who))).toEqual([true, false, false, true]);
    expect([alice, bob, vera, ada].map((who) => isListed(item('team'), who))).toEqual([true, true, true, true]);
    expect([alice, bob, vera, ada].map((who) => isListed(item('private'), who))).toEqual([true, false, false, true]);
  });

  it('lets only the owner or an admin change an item; an item without an owner, admins only', () => {
    expect([alice, bob, vera, ada].map((who) => canManage(item('team'), who))).toEqual([true, false, false, true]);
    const legacy = item('team', null);
    expect([alice, bob, vera, ada].map((who) => canOpen(legacy, who))).toEqual([true, true, true, true]);
    expect([alice, bob, vera, ada].map((who) => canManage(legacy, who))).toEqual([false, false, false, true]);
  });
});

describe('guest link addresses', () => {
  const token = 'Q2hhbmdlLW1lLXRoaXMtaXMtYS10b2tlbi0xMjM0NTY';
  it('reads the token from the fragment of /share only', () => {
    expect(shareTokenFromLocation({ pathname: '/share', hash: `#${token}` })).toBe(token);
    expect(shareTokenFromLocation({ pathname: '/share/', hash: `#${token}` })).toBe(token);
    expect(shareTokenFromLocation({ pathname: '/', hash: `#${token}` })).toBeNull();
    expect(shareTokenFromLocation({ pathname: '/s/abc', hash: `#${token}` })).toBeNull();
    expect(shareTokenFromLocation({ pathname: '/share', hash: '' })).toBeNull();
    expect(shareTokenFromLocation({ pathname: '/share', hash: '#<script>' })).toBeNull();
  });
});
