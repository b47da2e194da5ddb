// Health: ready only when the data is complete and Neo4j answers; otherwise where the explorer is
// (starting, Neo4j restarting or out of reach). Liveness: the process runs, ready or not.
import type { Health, Liveness } from '@model/api.js';
import type { Database } from '../db/database.js';
import { DatabaseUnavailableError } from '../db/errors.js';
import { cypher } from '../db/statements.js';
import { DEFAULT_TIMEOUTS } from '../db/timeouts.js';
import { describeStatus, type SystemStatus } from '../lifecycle/status.js';

export function liveness(): Liveness {
  return { status: 'live', uptimeSeconds: Math.round(process.uptime()) };
}

/** The health answer; `ok` is false while it must be served as a 503. */
export async function readHealth(db: Database, status: SystemStatus): Promise<{ ok: boolean; body: Health }> {
  const view = status.current();
  if (!status.ready) {
    return {
      ok: false,
      body: {
        status: status.starting ? 'starting' : 'unavailable',
        phase: view.phase,
        ...(view.progress ? { progress: view.progress } : {}),
        neo4j: { reachable: db.availability.up && view.phase !== 'neo4j' },
        message: describeStatus(view),
      },
    };
  }
  if (db.warming && db.availability.up) {
    // Complete data and a reachable Neo4j, just restarted: the counts' query would be slow now,
    // and health must answer at once like everything else.
    return {
      ok: true,
      body: {
        status: 'ok',
        phase: 'ready',
        neo4j: { reachable: true },
        message: 'Neo4j has just restarted and is warming up: for a few seconds a slow read answers 503 at once.',
      },
    };
  }
  try {
    const result = await db.read((tx) => tx.run(cypher('health/status')), { timeoutMs: DEFAULT_TIMEOUTS.healthMs });
    const row = result.records[0];
    return {
      ok: true,
      body: {
        status: 'ok',
        phase: 'ready',
        neo4j: {
          reachable: true,
          version: row?.get('version') as string,
          edition: row?.get('edition') as string,
          nodes: Number(row?.get('nodes')),
          relationships: Number(row?.get('relationships')),
        },
      },
    };
  } catch (err) {
    if (!(err instanceof DatabaseUnavailableError)) throw err;
    // Ready, but Neo4j has just gone: the lifecycle will say `restarting` or `reconnecting`.
    const now = status.ready ? { phase: 'reconnecting' as const, message: `${err.message}; try again shortly.` } : status.current();
    return { ok: false, body: { status: 'unavailable', phase: now.phase, neo4j: { reachable: false }, message: describeStatus(now) } };
  }
}
