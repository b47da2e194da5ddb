// Opens a multi-transaction STIX import (server/stix/write.ts): its job node, which the batches
// touch (heartbeat) and the commit deletes. A job left behind by a killed or failed import marks
// its pending nodes for the next import to roll back. Not an :Entity: no read of the graph sees it.
CREATE (j:StixImport {id: $importId, pid: $pid, procStart: $procStart, host: $host, startedAt: datetime(), heartbeat: datetime()})
RETURN j.id AS id
