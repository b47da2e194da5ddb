// The managed Neo4j's supervisor gives up after repeated failures and says why, naming the log:
// a real server killed with SIGKILL, whose Bolt port is then taken by another program, so every
// restart fails.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it, vi } from 'vitest';
import { Database } from '../server/db/database.js';
import { LocalNeo4j, freePort } from '../server/db/local-neo4j/instance.js';
import { SystemStatus } from '../server/lifecycle/status.js';
import { superviseNeo4j } from '../server/lifecycle/supervision.js';
import { createLogger } from '../server/logger.js';

describe('the Neo4j supervisor', () => {
  it('reports restarting, then gives up after repeated failures, naming the log file', async () => {
    const instanceDir = await mkdtemp(path.join(os.tmpdir(), 'threat-graph-supervisor-'));
    const boltPort = await freePort();
    const neo4j = await LocalNeo4j.start({
      libRoot: inject('neo4jLibRoot'),
      instanceDir,
      heap: '512m',
      pageCache: '64m',
      startTimeoutMs: 180_000,
      boltPort,
      logger: createLogger('silent'),
    });
    const db = new Database(neo4j.connection);
    const status = new SystemStatus('ready');
    const phases: string[] = [];
    status.subscribe((view) => phases.push(view.phase));
    const supervisor = superviseNeo4j(neo4j, {
      db,
      status,
      logger: createLogger('silent'),
      policy: { backoffMs: [200, 400], maxFailures: 2, windowMs: 60_000 },
    });
    const squatter = net.createServer();
    try {
      await db.verifyConnectivity();
      // Another program takes the port the moment Neo4j is gone: no restart can succeed.
      const gone = new Promise<void>((resolve) => neo4j.onExit(() => resolve()));
      process.kill(neo4j.pid!, 'SIGKILL');
      await gone;
      await new Promise<void>((resolve, reject) => squatter.once('error', reject).listen(boltPort, '127.0.0.1', resolve));

      await vi.waitFor(() => expect(status.phase).toBe('failed'), { timeout: 10_000, interval: 50 });
      expect(phases.filter((p) => p === 'restarting')).toHaveLength(2);
      expect(status.current().message).toMatch(/stopped unexpectedly \(signal SIGKILL\).*failed 3 times in 1 minute: no more restarts/);
      expect(status.current().message).toContain(path.join(instanceDir, 'logs', 'neo4j.log'));
      expect(db.availability.up).toBe(false);
      // No more attempts once it has given up.
      const count = phases.length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(phases.length).toBe(count);
    } finally {
      supervisor.stop();
      squatter.close();
      await db.close();
      await neo4j.stop();
      await rm(instanceDir, { recursive: true, force: true });
    }
  }, 300_000);
});
