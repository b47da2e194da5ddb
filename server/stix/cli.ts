// npm run import -- <bundle.json> [--dry-run] [--map <file>] [--against-seed]
// Streams and validates the bundle (any invalid object: exit 1, naming it, nothing else done),
// maps it, resolves it against the graph's entities (NEO4J_URI, or the managed Neo4j, as the
// seed CLI connects; --against-seed, dry run only: the seed files instead, no database) and
// prints the report. Without --dry-run it then writes the plan, all or nothing, in batches of
// STIX_IMPORT_BATCH_ROWS rows and one commit (write.ts), printing each batch, what it wrote and
// the rates; open conflicts or --map errors: exit 1, nothing written. An import an earlier run left
// unfinished (killed, crashed) is rolled back first.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { AUDIT_ACTORS } from '@model/audit.js';
import { AuditLog } from '../audit/log.js';
import { summarise } from '../audit/summary.js';
import { connectNeo4j } from '../db/connect.js';
import { createLogger } from '../logger.js';
import { readDataset } from '../../seed/dataset.js';
import { existingFromRecords, readExistingEntities } from './existing.js';
import { InvalidBundleError, plan, readValidBundle } from './import.js';
import { ImportBusyError, UnwritablePlanError, importBundle, recoverInterruptedImports } from './write.js';
import { BundleReadError } from './read.js';
import { buildReport, formatReport } from './report.js';
import { parseResolutionMap, type ExistingEntity } from './resolve.js';

const USAGE = 'usage: npm run import -- <bundle.json> [--dry-run] [--map <file>] [--against-seed (with --dry-run)]';

async function existingEntities(againstSeed: boolean): Promise<ExistingEntity[]> {
  if (againstSeed) return existingFromRecords((await readDataset()).nodes);
  const config = loadConfig();
  const neo4j = await connectNeo4j(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
  try {
    return await readExistingEntities(neo4j.db);
  } finally {
    await neo4j.close();
  }
}

async function main(args: string[]): Promise<number> {
  const mapAt = args.indexOf('--map');
  const mapFile = mapAt >= 0 ? args[mapAt + 1] : undefined;
  const positional = args.filter((a, i) => !a.startsWith('--') && (mapAt < 0 || i !== mapAt + 1));
  const dryRun = args.includes('--dry-run');
  const unknown = args.filter((a) => a.startsWith('--') && !['--dry-run', '--map', '--against-seed'].includes(a));
  const againstSeed = args.includes('--against-seed');
  if (positional.length !== 1 || (mapAt >= 0 && !mapFile) || unknown.length > 0 || (againstSeed && !dryRun)) {
    console.error(USAGE);
    return 2;
  }
  let decisions = new Map<string, string>();
  if (mapFile) {
    const parsed = parseResolutionMap(await readFile(mapFile, 'utf8'));
    if (parsed.errors.length > 0) {
      console.error(
        `${mapFile}: ${parsed.errors.length} bad entr${parsed.errors.length === 1 ? 'y' : 'ies'}:\n${parsed.errors.join('\n')}`,
      );
      return 2;
    }
    decisions = parsed.map;
  }

  const read = await readValidBundle(positional[0]!);
  if (dryRun) {
    const existing = await existingEntities(againstSeed);
    // An unseeded graph matches nothing, and the report would then read as "all new".
    if (existing.length === 0) console.error('The graph holds no entities yet (npm start seeds it): every object is reported as new.');
    const result = plan(read, existing, decisions);
    const report = buildReport(read, result);
    for (const line of formatReport(report)) console.log(line);
    if (report.mapErrors.length > 0) {
      console.error('The --map file names objects or entities it cannot: fix it first.');
      return 1;
    }
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const neo4j = await connectNeo4j(config, logger);
  try {
    const planStarted = performance.now();
    let imported;
    try {
      const recovered = await recoverInterruptedImports(neo4j.db);
      for (const id of recovered) console.log(`Rolled back import ${id}, which an earlier run left unfinished.`);
      imported = await importBundle(
        neo4j.db,
        read,
        decisions,
        (planned) => {
          planned.resolveMs = performance.now() - planStarted - planned.mapMs;
          for (const line of formatReport(buildReport(read, planned))) console.log(line);
        },
        { onBatch: (b) => console.log(`Batch ${b.number} written: ${b.rows} ${b.kind} (not visible until the import commits)`) },
      );
    } catch (err) {
      if (err instanceof UnwritablePlanError || err instanceof ImportBusyError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
    const w = imported.written;
    const totalMs = performance.now() - planStarted + read.readMs;
    const objects = read.objects.length;
    const stixRelationships = imported.plan.linked.relationships.reduce((n, r) => n + r.stixIds.length, 0);
    console.log(
      `Written in ${w.transactions} transactions, visible at once when the last committed: ${w.created} entities and Sources created, ${w.linked} resolved to existing ones (their STIX id set where they had none), ${w.updated} updated to a newer version, ${w.relationships} relationships and ${w.reportedIn} REPORTED_IN written; unchanged, the graph already holding that version or a newer one: ${w.unchanged.entities} entities and Sources, ${w.unchanged.relationships} relationships, ${w.unchanged.reportedIn} REPORTED_IN`,
    );
    console.log(
      `Import time: ${Math.round(totalMs)} ms (read and validate ${Math.round(read.readMs)}, write ${Math.round(w.writeMs)}): ${Math.round(objects / (totalMs / 1000))} objects/s, ${Math.round(stixRelationships / (totalMs / 1000))} relationships/s`,
    );
    // An import from the terminal is an audit event too, as the UI's confirm is; by `cli`.
    const stored = await new AuditLog(neo4j.db, logger).record({
      action: 'import.stix',
      actor: { username: AUDIT_ACTORS.cli, role: null },
      ip: null,
      targets: [path.basename(positional[0]!)],
      after: summarise(imported),
    });
    if (!stored) console.error('The audit event of this import could not be stored: it is in the error log above.');
    return stored ? 0 : 1;
  } finally {
    await neo4j.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof InvalidBundleError || err instanceof BundleReadError) console.error(err.message);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
