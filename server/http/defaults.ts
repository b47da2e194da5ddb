// Defaults shared by the graph features.
import { REL_TYPES, REL_TYPE_INFO } from '@model/graph-model.js';

/** Without an explicit choice, traversals skip REPORTED_IN: it links everything to its sources. */
export const TRAVERSAL_REL_TYPES: string[] = REL_TYPES.filter((t) => !REL_TYPE_INFO[t].derived);
