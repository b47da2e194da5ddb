import { describe, expect, it } from 'vitest';
import { snapshotIdFromPath, snapshotLink, snapshotPath } from '../../client/src/shared/route.js';

describe('snapshot routes', () => {
  it('reads the id of /s/<id>, with or without a trailing slash', () => {
    expect(snapshotIdFromPath('/s/abc123XYZ')).toBe('abc123XYZ');
    expect(snapshotIdFromPath('/s/abc_12-3/')).toBe('abc_12-3');
    expect(snapshotIdFromPath('/s/a%20b')).toBe('a b');
    // A broken escape is still reported as an (unknown) id rather than throwing.
    expect(snapshotIdFromPath('/s/%E0%A4%A')).toBe('%E0%A4%A');
  });

  it('treats every other path as the explorer itself', () => {
    for (const path of ['/', '', '/s', '/s/', '/s/a/b', '/api/snapshots/abc', '/x/s/abc']) expect(snapshotIdFromPath(path)).toBeNull();
  });

  it('builds the path and the shareable link', () => {
    expect(snapshotPath('abc123')).toBe('/s/abc123');
    expect(snapshotLink('abc123', 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/s/abc123');
    expect(snapshotIdFromPath(snapshotPath('odd id/?'))).toBe('odd id/?');
  });
});
