// The queries people run first (search, node details, expand, paths), run once on real data before
// the explorer says it is ready: after a (re)start Neo4j's page cache, plan cache and JIT are cold,
// and the first search would otherwise take seconds.
import type { Database } from '../db/database.js';
import { warmUpSample } from '../db/warm-up-sample.js';
import { NotFoundError } from '../errors.js';
import type { ReadLimits } from '../http/limits.js';
import { warmUpExpand } from './expand.js';
import { warmUpNodes } from './nodes.js';
import { warmUpPaths } from './paths.js';
import { warmUpSearch } from './search.js';

function ignoreNotFound(err: unknown): void {
  if (!(err instanceof NotFoundError)) throw err;
}

export async function warmUp(db: Database, limits: ReadLimits): Promise<void> {
  const sample = await warmUpSample(db);
  if (!sample) return;
  // Side by side: on a cold Neo4j each waits mostly for its own first compilation. A 404 (the
  // sample gone meanwhile) still ran the query: that is all a warm-up needs.
  const steps = [warmUpSearch, warmUpNodes, warmUpExpand, warmUpPaths];
  await Promise.all(steps.map((step) => step(db, limits, sample).catch(ignoreNotFound)));
}
