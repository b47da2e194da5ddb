// The types a saved query's parameters can have: what a value of each looks like (one schema per
// type) and how an error names it. The server checks values sent to it with these, and the
// client checks its form with the same, so both word a mistake alike.
import { z } from 'zod';
import { ENTITY_ID_PATTERN, NODE_LABELS, REL_TYPES } from './graph-model.js';
import { partialDate } from './partial-date.js';

export const PARAM_TYPES = ['string', 'integer', 'float', 'boolean', 'id', 'label', 'relType', 'date', 'string[]'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** What a value of each type looks like, in the words of "must be …". */
export const PARAM_TYPE_WORDS: Record<ParamType, string> = {
  string: 'a string',
  integer: 'an integer',
  float: 'a number',
  boolean: 'true or false',
  id: 'an entity id such as "state--russia"',
  label: `one of ${NODE_LABELS.join(', ')}`,
  relType: 'a relationship type',
  date: 'a date (YYYY, YYYY-MM or YYYY-MM-DD)',
  'string[]': 'a list of strings',
};

/** The JSON value a parameter of each type takes. */
export const PARAM_VALUE_SCHEMAS: Record<ParamType, z.ZodTypeAny> = {
  string: z.string(),
  integer: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer'),
  float: z.number().finite(),
  boolean: z.boolean(),
  id: z.string().regex(ENTITY_ID_PATTERN),
  label: z.enum(NODE_LABELS),
  relType: z.enum(REL_TYPES),
  date: partialDate,
  'string[]': z.array(z.string()).max(1000),
};
