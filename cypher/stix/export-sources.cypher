// The Source nodes a STIX export cites (server/stix/export.ts): their properties, for the reports
// and external references of the bundle. Read in a read transaction.
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN properties(s) AS props
ORDER BY s.id
