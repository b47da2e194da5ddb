import { afterAll, describe, expect, it } from 'vitest';
import { WARMING_READ_DEADLINE_MS } from '../server/db/database.js';
import { Neo4jWarmingUpError } from '../server/db/errors.js';
import { testDatabase } from './support/database.js';

const db = testDatabase();
afterAll(() => db.close());

/** A read that takes well over the warming deadline on any machine (a second or more here). */
const SLOW_READ = 'UNWIND range(1, 30000000) AS x RETURN count(x) AS n';

describe('Database while Neo4j warms up', () => {
  it('cuts a slow read short, while its unhurried view lets the same read finish', async () => {
    const view = db.unhurried();
    db.warming = true;
    try {
      // The view shares the warming state rather than copying it.
      expect(view.warming).toBe(true);
      const started = Date.now();
      await expect(db.read((tx) => tx.run(SLOW_READ))).rejects.toBeInstanceOf(Neo4jWarmingUpError);
      expect(Date.now() - started).toBeLessThan(WARMING_READ_DEADLINE_MS + 2_000);
      const result = await view.read((tx) => tx.run(SLOW_READ));
      expect(result.records[0]!.get('n').toNumber()).toBe(30_000_000);
    } finally {
      view.warming = false;
    }
    expect(db.warming).toBe(false);
    // Warm again: the same read is no longer cut short.
    const result = await db.read((tx) => tx.run(SLOW_READ));
    expect(result.records[0]!.get('n').toNumber()).toBe(30_000_000);
  });
});
