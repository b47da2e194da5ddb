// Run first in every batch of an import: its heartbeat, and proof that its job is still open (a
// job another import rolled back as stale has no node: the batch then fails and writes nothing).
MATCH (j:StixImport)
WHERE j.id = $importId
SET j.heartbeat = datetime()
RETURN count(j) AS open
