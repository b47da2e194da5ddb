// What a snapshot knew of the database when it was saved, to tell what changed since.
MATCH (s:Snapshot {id: $id})
RETURN s {.nodeIds, .baselineAt, .baselineNodeIds, .baselineRels, .baselineTruncated} AS s
