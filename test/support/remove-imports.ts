// Removes everything STIX imports wrote, so that the test run's shared Neo4j holds the seed alone
// again (after the imports of test/stix-write.test.ts and test/api-stix-import.test.ts).
import { rm } from 'node:fs/promises';
import { expect } from 'vitest';
import { readDataset } from '../../seed/dataset.js';
import { loadDataset } from '../../seed/load.js';
import type { Database } from '../../server/db/database.js';
import { applySchema } from '../../server/db/schema.js';
import { cypher } from '../../server/db/statements.js';
import { graphState, type GraphState } from './graph-state.js';

export async function removeImports(db: Database): Promise<void> {
  await db.write(async (tx) => {
    // Anything a killed import left: its pending nodes and its job.
    await tx.run('MATCH (n) WHERE n:StixPending OR n:StixImport DETACH DELETE n');
    await tx.run('MATCH (n:Entity) WHERE n.imported = true DETACH DELETE n');
    await tx.run("MATCH ()-[r]->() WHERE r.evidenceFrom = 'stix' DELETE r");
    await tx.run(
      `MATCH ()-[r]->() WHERE r.stixSources IS NOT NULL
       SET r.sources = [s IN r.sources WHERE NOT s IN r.stixSources]
       REMOVE r.stixIds, r.stixSources, r.stixSummary, r.stixQuote, r.stixConfidence, r.stixFirstSeen, r.stixLastSeen, r.stixReportedAt, r.stixCreated, r.stixModified`,
    );
    await tx.run('MATCH (n:Entity) WHERE n.stixId IS NOT NULL REMOVE n.stixId');
  });
  // The seed's own reportedAt, which an import may have changed.
  await loadDataset(db, await readDataset());
  // Lucene keeps deleted documents in its ranking statistics until it merges them: rebuilt.
  await db.runAutoCommit(cypher('schema-migration/drop-search-index'));
  await applySchema(db);
}

/**
 * The end of a test file that imports: removes what its imports wrote, checks that the seeded
 * graph is back as it was, to the property, then deletes the file's folder and closes its driver.
 */
export async function restoreSeededGraph(db: Database, seeded: GraphState, dir: string): Promise<void> {
  try {
    await removeImports(db);
    expect(await graphState(db)).toEqual(seeded);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await db.close();
  }
}
