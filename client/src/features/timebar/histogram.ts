// The time bar's numbers: the months the dated relationships on the canvas span, and how many of
// them start in each month, apart by which date places them (event dates, or the reported date
// where there are none: the time filter's rule, shared/visibility.ts). Pure, so it is easy to test.
import type { GraphEdge } from '@model/api.js';
import { dateBasis, dateRange } from '../../shared/visibility.js';

export interface TimeHistogram {
  /** Every month from the earliest start to the latest end, as YYYY-MM. */
  months: string[];
  /** Per month: relationships placed by their event dates that start then. */
  event: number[];
  /** Per month: relationships without event dates, placed by their reported date. */
  reported: number[];
  /** Relationships with no date at all (not drawn). */
  undated: number;
}

/** Months from one ISO date's month to another's, as YYYY-MM strings (at most 1,200). */
export function monthSteps(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

export function timeHistogram(edges: readonly GraphEdge[]): TimeHistogram {
  const dated: Array<{ start: string; end: string; basis: 'event' | 'reported' }> = [];
  let undated = 0;
  for (const edge of edges) {
    const range = dateRange(edge);
    const basis = dateBasis(edge);
    if (!range || !basis) undated++;
    else dated.push({ start: range[0], end: range[1], basis });
  }
  if (dated.length === 0) return { months: [], event: [], reported: [], undated };
  let first = dated[0]!.start;
  let last = dated[0]!.end;
  for (const d of dated) {
    if (d.start < first) first = d.start;
    if (d.end > last) last = d.end;
  }
  const months = monthSteps(first, last);
  const index = new Map(months.map((m, i) => [m, i]));
  const event = months.map(() => 0);
  const reported = months.map(() => 0);
  for (const d of dated) {
    const i = index.get(d.start.slice(0, 7));
    if (i === undefined) continue; // beyond the 1,200-month cap
    (d.basis === 'event' ? event : reported)[i]! += 1;
  }
  return { months, event, reported, undated };
}

/** The window [from, to] as month indexes into `months` (whole span when unset). */
export function windowIndexes(months: readonly string[], from: string | null, to: string | null): [number, number] {
  const last = months.length - 1;
  const at = (date: string | null, fallback: number) => {
    if (!date) return fallback;
    const i = months.indexOf(date.slice(0, 7));
    if (i >= 0) return i;
    return date.slice(0, 7) < (months[0] ?? '') ? 0 : last;
  };
  const a = at(from, 0);
  const b = at(to, last);
  return a <= b ? [a, b] : [b, a];
}
