// The entities an import resolves against: read from Neo4j (one read query, in a read
// transaction), or taken from the seed files' records (tests, and a dry run without a database
// in the future). Both give the same plain shape, the input of resolve().
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import type { ExistingEntity } from './resolve.js';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Every entity of the graph, with what resolution matches on. */
export async function readExistingEntities(db: Database): Promise<ExistingEntity[]> {
  const result = await db.read((tx) => tx.run(cypher('stix/existing-entities')));
  return result.records.map((row) => ({
    id: row.get('id') as string,
    label: row.get('label') as string,
    name: text(row.get('name')) ?? '',
    aliases: (row.get('aliases') as unknown[]).filter((a): a is string => typeof a === 'string'),
    stixId: text(row.get('stixId')),
    iso2: text(row.get('iso2')),
    url: text(row.get('url')),
    published: text(row.get('published')),
  }));
}

/** The same from records as the seed files hold them (`readDataset(...).nodes`). */
export function existingFromRecords(
  nodes: ReadonlyArray<{ label: string; props: Record<string, unknown> & { id: string } }>,
): ExistingEntity[] {
  return nodes.map(({ label, props }) => ({
    id: props.id,
    label,
    name: text(props.name) ?? '',
    aliases: Array.isArray(props.aliases) ? props.aliases.filter((a): a is string => typeof a === 'string') : [],
    stixId: text(props.stixId),
    iso2: text(props.iso2),
    url: text(props.url),
    published: text(props.published),
  }));
}
