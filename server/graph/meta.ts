// Labels, relationship types (direction, meaning), counts per label and type, and
// property keys per label; what the UI needs for legends and filters.
import type { Meta } from '@model/api.js';
import { API_LIMITS } from '@model/api.js';
import { LABELS, NODE_LABELS, REL_TYPES, REL_TYPE_INFO } from '@model/graph-model.js';
import type { Database } from '../db/database.js';
import { cypher, withSchemaNames } from '../db/statements.js';
import type { ReadLimits } from '../http/limits.js';

export async function graphMeta(db: Database, limits: ReadLimits): Promise<Meta> {
  const meta = await db.read(
    async (tx) => {
      const labels: Meta['labels'] = [];
      for (const label of NODE_LABELS) {
        const count = await tx.run(withSchemaNames(cypher('meta/count-label'), { label }));
        const props = await tx.run(withSchemaNames(cypher('meta/label-properties'), { label }));
        labels.push({
          label,
          description: LABELS[label].description,
          count: Number(count.records[0]?.get('count') ?? 0),
          properties: ((props.records[0]?.get('properties') as string[] | undefined) ?? []).sort(),
        });
      }
      const relationshipTypes: Meta['relationshipTypes'] = [];
      for (const type of REL_TYPES) {
        const count = await tx.run(withSchemaNames(cypher('meta/count-type'), { type }));
        const info = REL_TYPE_INFO[type];
        relationshipTypes.push({
          type,
          meaning: info.meaning,
          from: [...info.from],
          to: [...info.to],
          cooperation: info.cooperation,
          derived: info.derived ?? false,
          count: Number(count.records[0]?.get('count') ?? 0),
        });
      }
      return { labels, relationshipTypes };
    },
    { timeoutMs: limits.readTimeoutMs },
  );
  return { ...meta, limits: { ...API_LIMITS, cypherRowCap: limits.cypherRowCap, cypherTimeoutMs: limits.cypherTimeoutMs } };
}
