// Request validation against the shared zod schemas: a 400 naming the first bad field.
import type { z } from 'zod';
import { HttpError } from './errors.js';

export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys' && where === 'query' && issue.path.length === 0) {
    // A query string's option is named alone, with the ones there are.
    const known = 'shape' in schema && typeof schema.shape === 'object' && schema.shape !== null ? Object.keys(schema.shape) : [];
    const key = issue.keys[0]!;
    throw new HttpError(400, 'BAD_REQUEST', `${key}: unknown option (known: ${known.join(', ')})`, key);
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : where;
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  throw new HttpError(400, 'BAD_REQUEST', `${field}: ${message}`, field);
}
