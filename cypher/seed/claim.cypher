// Before a seed writes anything: add the ids it will write to the ledger and forget the identity,
// so that an interrupted seed is redone, and its records pruned if the files drop them meanwhile.
MERGE (d:Dataset {id: 'seed'})
SET d.nodeIds = $nodeIds, d.relationshipIds = $relationshipIds
REMOVE d.hash, d.loaderVersion, d.loadedAt
