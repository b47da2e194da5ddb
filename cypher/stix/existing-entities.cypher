// Every entity the graph holds, for entity resolution of a STIX import (server/stix/resolve.ts):
// its id, its kind label, its names, and what an earlier import or the seed gives to match on
// (the STIX id, a State's country code, a Source's URL), and a Source's published day (reportedAt).
MATCH (n:Entity)
RETURN n.id AS id,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       n.name AS name,
       coalesce(n.aliases, []) AS aliases,
       n.stixId AS stixId,
       n.iso2 AS iso2,
       n.url AS url,
       n.published AS published
ORDER BY id
