// A generated, valid STIX 2.1 bundle of `rels` `uses` relationships (distinct pairs, so none fold)
// between intrusion sets and malware, each citing one of `refs` external references, written to a
// file object by object: for the import benchmark (bench/import.ts) and the import's kill test.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

const T = '2024-01-01T00:00:00.000Z';

/** Writes the bundle object by object (never one string of it all); returns how many objects. */
export async function generateBundle(file: string, rels: number, options: { name?: string; refs?: number } = {}): Promise<number> {
  // Actors × malware ≥ 2 × rels pairs, so that every relationship has ends of its own.
  const actors = Math.ceil(Math.sqrt(rels));
  const malware = Math.ceil((2 * rels) / actors);
  const refs = options.refs ?? 300;
  const name = options.name ?? 'Bench';
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  let count = 0;
  const emit = async (o: object) => {
    await write(`${count === 0 ? '' : ',\n'}${JSON.stringify(o)}`);
    count++;
  };
  await write(`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[\n`);
  const common = { spec_version: '2.1', created: T, modified: T };
  const actorIds = Array.from({ length: actors }, () => `intrusion-set--${randomUUID()}`);
  const malwareIds = Array.from({ length: malware }, () => `malware--${randomUUID()}`);
  for (const [i, id] of actorIds.entries())
    await emit({
      type: 'intrusion-set',
      id,
      ...common,
      name: `${name} Actor ${i}`,
      aliases: [`${name}-A-${i}`],
      description: `Synthetic actor ${i}.`,
    });
  for (const [i, id] of malwareIds.entries())
    await emit({ type: 'malware', id, ...common, name: `${name} Malware ${i}`, is_family: true, description: `Synthetic malware ${i}.` });
  for (let r = 0; r < rels; r++) {
    // Pair r: actor r mod A, malware (r div A) — distinct for every r < A × M.
    await emit({
      type: 'relationship',
      id: `relationship--${randomUUID()}`,
      ...common,
      relationship_type: 'uses',
      source_ref: actorIds[r % actors],
      target_ref: malwareIds[Math.floor(r / actors)],
      description: `Synthetic relationship ${r}.`,
      confidence: 50 + (r % 50),
      external_references: [
        {
          source_name: `${slug}-report-${r % refs}`,
          url: `https://example.org/${slug}/reports/${r % refs}`,
          external_id: `${slug}-${r % refs}`,
        },
      ],
    });
  }
  await write('\n]}\n');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return count;
}

/** A `modified` later than the one generateBundle gives every object. */
export const NEWER = '2024-06-01T00:00:00.000Z';

/**
 * A copy of a generated bundle in which the first `count` relationships have a newer `modified`
 * (NEWER): importing it after the original must update exactly those. Returns their STIX ids.
 */
export async function withNewerRelationships(file: string, out: string, count: number): Promise<string[]> {
  const bundle = JSON.parse(await readFile(file, 'utf8')) as { objects: Array<{ type: string; id: string; modified: string }> };
  const touched: string[] = [];
  for (const o of bundle.objects) {
    if (touched.length === count) break;
    if (o.type !== 'relationship') continue;
    o.modified = NEWER;
    touched.push(o.id);
  }
  await writeFile(out, JSON.stringify(bundle));
  return touched;
}
