// Parameters that arrive as JSON carry no integer type: a whole number is taken as a Cypher
// INTEGER (so `LIMIT $n` works), any other number as a FLOAT. Applied through lists and maps.
import neo4j from 'neo4j-driver';

export function jsonToCypherParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(jsonToCypherParams);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonToCypherParams(v)]));
  }
  return value;
}
