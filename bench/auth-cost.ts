// What authentication adds to a request: the time of the access check every endpoint runs
// (server/auth/access.ts: read the cookie, hash the token, look the session up in the cache, or in
// Neo4j once per cache period, compare roles) with AUTH=local and a live session, against the same
// check with AUTH=none (no session: everyone is the local admin). Interleaved, so both see the
// same machine load. Used by `npm run bench:auth` and by test/auth.test.ts.
import type { Request } from 'express';
import type { Access } from '../server/auth/access.js';

export interface AuthCost {
  /** p50 of AUTH=local minus p50 of AUTH=none, ms. */
  p50Ms: number;
  /** p99 of AUTH=local minus p99 of AUTH=none, ms (includes the periodic session re-check). */
  p99Ms: number;
  localP50Ms: number;
  noneP50Ms: number;
  samples: number;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function measureAuthCost(local: Access, none: Access, cookie: string, samples: number): Promise<AuthCost> {
  const req = { headers: { cookie } } as Request;
  // Warm-up: the first check reads Neo4j and fills the cache; the JIT settles.
  for (let i = 0; i < 2_000; i++) {
    await local.require(req, 'viewer');
    await none.require(req, 'viewer');
  }
  const localMs: number[] = [];
  const noneMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    let t = performance.now();
    const who = await local.require(req, 'viewer');
    localMs.push(performance.now() - t);
    if (who === null) throw new Error('the session was not accepted: the measure would be of a refusal');
    t = performance.now();
    await none.require(req, 'viewer');
    noneMs.push(performance.now() - t);
  }
  const localP50Ms = percentile(localMs, 50);
  const noneP50Ms = percentile(noneMs, 50);
  return {
    p50Ms: Math.max(0, localP50Ms - noneP50Ms),
    p99Ms: Math.max(0, percentile(localMs, 99) - percentile(noneMs, 99)),
    localP50Ms,
    noneP50Ms,
    samples,
  };
}
