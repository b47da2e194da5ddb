// One batch of entities a STIX import creates, of one label ({{label}}, from the graph model's
// allow-list). CREATE, not MERGE: resolution gave each an id the graph did not hold, so an id
// taken meanwhile breaks the entity_id constraint and the whole import is rolled back.
UNWIND $rows AS row
CREATE (n:Entity:{{label}})
SET n = row.props
RETURN count(n) AS created
