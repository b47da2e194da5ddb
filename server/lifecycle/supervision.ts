// Wires the managed Neo4j's supervisor to what the explorer reports: `restarting` (and every
// request answered 503 at once) while it restarts, `failed` when it gives up. Coming back is
// noticed by the availability probe, and Readiness checks the data before `ready` again.
import type { Database } from '../db/database.js';
import type { LocalNeo4j } from '../db/local-neo4j/instance.js';
import { Neo4jSupervisor, type SupervisorPolicy } from '../db/local-neo4j/supervisor.js';
import type { Logger } from '../logger.js';
import type { SystemStatus } from './status.js';

export function superviseNeo4j(
  local: LocalNeo4j,
  { db, status, logger, policy }: { db: Database; status: SystemStatus; logger: Logger; policy?: SupervisorPolicy },
): Neo4jSupervisor {
  return new Neo4jSupervisor(
    local,
    logger,
    {
      onRestarting(message) {
        status.set('restarting', { message });
        db.availability.markDown(message);
      },
      onRestarted() {
        // Marks Neo4j reachable now rather than at the next probe.
        void db.verifyConnectivity().catch(() => {});
      },
      onGaveUp(message) {
        status.set('failed', { message });
        db.availability.markDown(message);
      },
    },
    policy,
  );
}
