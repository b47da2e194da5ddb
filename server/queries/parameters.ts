// Checks the values given to a saved query against its declared parameters, and turns them into
// what the driver needs (integers as Neo4j Integers).
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import type { QueryParameter } from '../../model/api.js';
import { NODE_LABELS, REL_TYPES } from '../../model/graph-model.js';
import { partialDate } from '../../model/records.js';
import { HttpError } from '../http/errors.js';

const VALUE_SCHEMAS: Record<QueryParameter['type'], z.ZodTypeAny> = {
  string: z.string(),
  integer: z.number().int(),
  float: z.number(),
  boolean: z.boolean(),
  id: z.string().regex(/^[a-z0-9-]+--[a-z0-9-]+$/, 'must be an entity id such as "state--russia"'),
  label: z.enum(NODE_LABELS),
  relType: z.enum(REL_TYPES),
  date: partialDate,
  'string[]': z.array(z.string()).max(1000),
};

/** Explains what a value of each type looks like, for error messages. */
const TYPE_WORDS: Record<QueryParameter['type'], string> = {
  string: 'a string',
  integer: 'an integer',
  float: 'a number',
  boolean: 'true or false',
  id: 'an entity id',
  label: `one of ${NODE_LABELS.join(', ')}`,
  relType: 'a relationship type',
  date: 'a date (YYYY, YYYY-MM or YYYY-MM-DD)',
  'string[]': 'a list of strings',
};

export function checkValue(param: QueryParameter, value: unknown, field: string): unknown {
  const parsed = VALUE_SCHEMAS[param.type].safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues[0]?.message;
    throw new HttpError(400, 'BAD_REQUEST', `${field}: must be ${TYPE_WORDS[param.type]}${detail ? ` (${detail})` : ''}`, field);
  }
  return param.type === 'integer' ? neo4j.int(parsed.data as number) : parsed.data;
}

export function bindParameters(declared: QueryParameter[], given: Record<string, unknown>): Record<string, unknown> {
  const names = new Set(declared.map((p) => p.name));
  const unknown = Object.keys(given).filter((k) => !names.has(k));
  if (unknown.length > 0) {
    throw new HttpError(400, 'BAD_REQUEST', `params.${unknown[0]}: not a parameter of this query (it takes: ${[...names].join(', ') || 'none'})`, `params.${unknown[0]}`);
  }
  const bound: Record<string, unknown> = {};
  for (const param of declared) {
    const field = `params.${param.name}`;
    const value = param.name in given ? given[param.name] : param.default;
    if (value === undefined) throw new HttpError(400, 'BAD_REQUEST', `${field}: is required`, field);
    bound[param.name] = value === null ? null : checkValue(param, value, field);
  }
  return bound;
}
