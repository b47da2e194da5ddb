// npm run seed:validate  checks the seed files without a database and prints a summary line, then
//                        the quality report (verified URLs, dated and multi-source relationships,
//                        alias collisions).
// npm run seed           validates, then loads them into Neo4j (NEO4J_URI, or the managed one).
// Both take --dir <folder> to use another seed data folder.
import { loadConfig } from '../server/config.js';
import { connectNeo4j } from '../server/db/connect.js';
import { applySchema } from '../server/db/schema.js';
import { createLogger } from '../server/logger.js';
import { formatError, qualityLines, qualityReport, readDataset, summaryLine } from './dataset.js';
import { loadDataset } from './load.js';

async function main(command: string | undefined, options: string[]): Promise<number> {
  const dirFlag = options.indexOf('--dir');
  const dataset = await readDataset(dirFlag >= 0 ? options[dirFlag + 1] : undefined);
  for (const error of dataset.errors) console.error(formatError(error));
  console.log(summaryLine(dataset));
  for (const line of qualityLines(qualityReport(dataset))) console.log(line);
  if (dataset.errors.length > 0) {
    if (command === 'load') console.error('Nothing was written: fix the errors above first.');
    return 1;
  }
  if (command === 'validate') return 0;
  if (command !== 'load') {
    console.error('usage: tsx seed/cli.ts validate|load [--dir <seed data folder>]');
    return 2;
  }

  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const neo4j = await connectNeo4j(config, logger);
  try {
    await applySchema(neo4j.db);
    const result = await loadDataset(neo4j.db, dataset, { batchSize: config.SEED_BATCH_SIZE });
    const pruned =
      result.prunedNodes + result.prunedRelationships > 0
        ? `; removed ${result.prunedNodes} nodes and ${result.prunedRelationships} relationships no longer in the files`
        : '';
    console.log(
      `Loaded ${result.nodes} nodes and ${result.relationships} relationships (+${result.derived} derived REPORTED_IN)${pruned}.`,
    );
    return 0;
  } finally {
    await neo4j.close();
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
