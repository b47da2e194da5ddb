// Benchmark (bench/import.ts): Neo4j's estimate of the heap each running transaction holds, with
// the statement it is running, polled during an import to find which statement holds the memory.
SHOW TRANSACTIONS YIELD transactionId, currentQuery, estimatedUsedHeapMemory
WHERE currentQuery IS NOT NULL AND NOT currentQuery CONTAINS 'bench/import.ts): Neo4j'
RETURN transactionId, currentQuery, estimatedUsedHeapMemory AS heap
