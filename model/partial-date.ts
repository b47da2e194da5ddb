// Partial dates (what a source states: a year, a month or a day) and the one rule for windows over
// them, used by the seed, the API, the expand query's parameters and the canvas filters alike.
// A partial date means every day it covers: '2024' is 2024-01-01 .. 2024-12-31, '2024-06' the
// month. Dates compare as strings, so a month's end is written '-31' whatever its length.
// (cypher/expand/page.cypher applies the same rule to stored dates inside Neo4j.)
import { z } from 'zod';

/** ISO 8601 date at year, month or day precision: what the source states, no more. */
export const partialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

/** '2024' → '2024-01-01', '2024-06' → '2024-06-01': the first day a partial date can mean. */
export function startOfPartialDate(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** '2024' → '2024-12-31', '2024-06' → '2024-06-31': compares after every day it can mean. */
export function endOfPartialDate(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

/**
 * The days a dated thing spans, from its first and last dates (either may be missing: then the
 * other stands for both), or null when it has neither.
 */
export function partialDateSpan(first: string | undefined, last: string | undefined): [start: string, end: string] | null {
  const from = first ?? last;
  const to = last ?? first;
  if (!from || !to) return null;
  return [startOfPartialDate(from), endOfPartialDate(to)];
}

/** Whether a span overlaps the window [from, to] (partial dates, either bound optional). */
export function overlapsWindow(span: readonly [string, string], from: string | null | undefined, to: string | null | undefined): boolean {
  if (from && span[1] < startOfPartialDate(from)) return false;
  if (to && span[0] > endOfPartialDate(to)) return false;
  return true;
}
