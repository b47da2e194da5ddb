// Imports begun and not committed: their job nodes, and the import ids of pending nodes whose job
// node is gone (none unless deleted by hand), for the next import to roll back or to wait for.
CALL () {
  MATCH (j:StixImport)
  RETURN j.id AS id, j.pid AS pid, j.procStart AS procStart, j.host AS host, toString(j.heartbeat) AS heartbeat
  UNION
  MATCH (n:StixPending)
  WITH DISTINCT n.stixImportId AS id
  WHERE NOT EXISTS { MATCH (j:StixImport) WHERE j.id = id }
  RETURN id, null AS pid, null AS procStart, null AS host, null AS heartbeat
}
RETURN id, pid, procStart, host, heartbeat
