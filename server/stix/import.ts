// The import pipeline over plain data, shared by the CLI's dry run and (next slice) the write:
// stream the bundle and check every object against the schemas (all or nothing), then map,
// resolve against the graph's entities, and link the relationships. Each step is timed.
import path from 'node:path';
import { linkRelationships, resolve, type ExistingEntity, type Linked, type Resolution, type ResolutionMap } from './resolve.js';
import { mapBundle, slim, type MappedBundle, type StixObject } from './mapping.js';
import { readBundleFile, type BundleHeader } from './read.js';
import { formatIssue, validateObject, type StixIssue } from './validate.js';

const BUNDLE_ID = /^bundle--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** A bundle with invalid objects: nothing of it is imported. */
export class InvalidBundleError extends Error {
  constructor(readonly issues: StixIssue[]) {
    super(
      `${new Set(issues.map((i) => i.objectId)).size} invalid object(s); nothing was imported:\n${issues
        .slice(0, 20)
        .map(formatIssue)
        .join('\n')}${issues.length > 20 ? `\n... and ${issues.length - 20} more` : ''}`,
    );
  }
}

export interface ReadBundle {
  header: BundleHeader;
  /** Valid objects, with only the fields the mapping reads. */
  objects: StixObject[];
  fileName: string;
  readMs: number;
}

/** Streams and validates a bundle file; throws InvalidBundleError naming every invalid object. */
export async function readValidBundle(file: string): Promise<ReadBundle> {
  const started = performance.now();
  const objects: StixObject[] = [];
  const issues: StixIssue[] = [];
  const header = await readBundleFile(file, (object, index) => {
    const found = validateObject(object, index);
    if (found.length > 0) issues.push(...found);
    // After the first invalid object nothing will be mapped: stop keeping objects.
    else if (issues.length === 0) objects.push(slim(object as StixObject));
  });
  // The bundle's own id (bundle.json): the only field of the envelope the schema requires besides type.
  if (typeof header.id !== 'string' || !BUNDLE_ID.test(header.id)) {
    issues.unshift({ objectId: 'bundle', type: 'bundle', field: '/id', rule: 'pattern: must be "bundle--<uuid>"' });
  }
  if (issues.length > 0) throw new InvalidBundleError(issues);
  return { header, objects, fileName: path.basename(file), readMs: performance.now() - started };
}

export interface Plan {
  mapped: MappedBundle;
  resolution: Resolution;
  linked: Linked;
  mapMs: number;
  resolveMs: number;
}

/** Maps, resolves and links a read bundle: what the write would do, without writing. */
export function plan(read: ReadBundle, existing: readonly ExistingEntity[], decisions?: ResolutionMap): Plan {
  const t0 = performance.now();
  const mapped = mapBundle(String(read.header.id), read.objects, read.fileName);
  const t1 = performance.now();
  const resolution = resolve(mapped, existing, decisions);
  const linked = linkRelationships(mapped, resolution);
  return { mapped, resolution, linked, mapMs: t1 - t0, resolveMs: performance.now() - t1 };
}
