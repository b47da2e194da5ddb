// A seed's last write, in the transaction that prunes: the ledger is what the files hold, and the
// identity says that this version of the data is complete.
MATCH (d:Dataset {id: 'seed'})
SET d.nodeIds = $nodeIds,
    d.relationshipIds = $relationshipIds,
    d.hash = $hash,
    d.loaderVersion = $loaderVersion,
    d.loadedAt = toString(datetime())
