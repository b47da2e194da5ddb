// Waits (up to 300 s) until every index is online, so queries right after start use them.
CALL db.awaitIndexes(300)
