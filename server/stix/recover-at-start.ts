// At server start: an import that a kill left unfinished (its :StixPending nodes and job node) is
// rolled back now rather than at the next import, so no half-written bundle stays in the store.
// Never fatal: an import still running elsewhere is left to finish, and a failure is logged.
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { ImportBusyError, recoverInterruptedImports } from './write.js';

export async function rollBackUnfinishedImports(db: Database, logger: Logger, say: (line: string) => void): Promise<void> {
  try {
    for (const id of await recoverInterruptedImports(db)) {
      logger.warn({ importId: id }, 'rolled back an unfinished STIX import');
      say(`Rolled back STIX import ${id}, which an earlier run left unfinished.`);
    }
  } catch (err) {
    if (err instanceof ImportBusyError) logger.info({ why: err.message }, 'a STIX import is running elsewhere: left to finish');
    else logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'checking for unfinished STIX imports failed');
  }
}
