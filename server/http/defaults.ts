// Defaults shared by the graph features.
import { REL_TYPES, REL_TYPE_INFO } from '../../model/graph-model.js';

/** Without an explicit choice, traversals skip REPORTED_IN: it links everything to its sources. */
export const TRAVERSAL_REL_TYPES: string[] = REL_TYPES.filter((t) => !REL_TYPE_INFO[t].derived);

/** '2024' → '2024-01-01', '2024-06' → '2024-06-01': the first day a partial date can mean. */
export function startOfPartialDate(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** '2024' → '2024-12-31', '2024-06' → '2024-06-31': compares after every day it can mean. */
export function endOfPartialDate(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}
