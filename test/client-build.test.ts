// `npm start` builds the client only when dist/client is missing or older than its sources
// (scripts/client-build.ts): a start that changed nothing serves at once.
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/config.js';
import { buildClientIfStale } from '../scripts/client-build.js';

describe('the client build', () => {
  it('is skipped when nothing changed, and done again when a source is newer than the build', async () => {
    await buildClientIfStale(); // whatever state dist/client is in: up to date after this
    expect(await buildClientIfStale()).toEqual({ built: false });

    // A source saved after the build (its content unchanged: only times move). Both times are in
    // the past, so the rebuild's own index is newer than the source however fast it is.
    const source = path.join(REPO_ROOT, 'client', 'src', 'main.tsx');
    const index = path.join(REPO_ROOT, 'dist', 'client', 'index.html');
    const builtAt = new Date(Date.now() - 20_000);
    const savedAt = new Date(Date.now() - 10_000);
    await utimes(index, builtAt, builtAt);
    await utimes(source, savedAt, savedAt);
    const lines: string[] = [];
    const outcome = await buildClientIfStale((line) => lines.push(line));
    expect(outcome).toMatchObject({ built: true, reason: 'client/src/main.tsx changed since the last build' });
    expect(lines[0]).toBe('building the client (client/src/main.tsx changed since the last build)');
    expect(await buildClientIfStale()).toEqual({ built: false });
  }, 300_000);
});
