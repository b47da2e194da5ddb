// Checks the values given to a saved query against its declared parameters, and turns them into
// what the driver needs (integers as Neo4j Integers).
import neo4j from 'neo4j-driver';
import type { QueryParameter } from '@model/api.js';
import { PARAM_TYPE_WORDS, PARAM_VALUE_SCHEMAS } from '@model/query-parameters.js';
import { InvalidInputError } from '../errors.js';

export function checkValue(param: QueryParameter, value: unknown, field: string): unknown {
  const parsed = PARAM_VALUE_SCHEMAS[param.type].safeParse(value);
  if (!parsed.success) throw new InvalidInputError(field, `${field}: must be ${PARAM_TYPE_WORDS[param.type]}`);
  return param.type === 'integer' ? neo4j.int(parsed.data as number) : parsed.data;
}

export function bindParameters(declared: QueryParameter[], given: Record<string, unknown>): Record<string, unknown> {
  const names = new Set(declared.map((p) => p.name));
  const unknown = Object.keys(given).filter((k) => !names.has(k));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `params.${unknown[0]}`,
      `params.${unknown[0]}: not a parameter of this query (it takes: ${[...names].join(', ') || 'none'})`,
    );
  }
  const bound: Record<string, unknown> = {};
  for (const param of declared) {
    const field = `params.${param.name}`;
    const value = param.name in given ? given[param.name] : param.default;
    if (value === undefined) throw new InvalidInputError(field, `${field}: is required`);
    bound[param.name] = value === null ? null : checkValue(param, value, field);
  }
  return bound;
}
