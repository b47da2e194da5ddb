// Request validation against the shared zod schemas: a 400 naming the first bad field.
import type { z } from 'zod';
import { HttpError } from './errors.js';

export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : where;
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  throw new HttpError(400, 'BAD_REQUEST', `${field}: ${message}`, field);
}
