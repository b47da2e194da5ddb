// The ids of every record a seed has written and no later seed has pruned (null: no seed has run
// since the ledger existed).
OPTIONAL MATCH (d:Dataset {id: 'seed'})
RETURN d.nodeIds AS nodeIds, d.relationshipIds AS relationshipIds
