// Reads a STIX 2.1 bundle as a stream: each element of `objects[]` is handed over as soon as it is
// parsed and then dropped by the parser (keepStack: false), so a bundle of a few hundred MB never
// sits in memory as one string or one tree. The bundle's own fields (type, id) are read on the way.
import { createReadStream } from 'node:fs';
import { JSONParser } from '@streamparser/json';

export interface BundleHeader {
  /** `bundle` for a STIX bundle; anything else is refused by readBundle. */
  type: unknown;
  id: unknown;
  /** How many elements `objects[]` held. */
  objectCount: number;
}

export class BundleReadError extends Error {}

/**
 * Parses a bundle from chunks of text or bytes, calling `onObject` for each element of `objects[]`
 * in order (synchronously, so the caller's work paces the reading). Rejects when the input is not
 * JSON, not an object of type `bundle`, or has no `objects` array.
 */
export async function readBundleChunks(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onObject: (object: unknown, index: number) => void,
): Promise<BundleHeader> {
  const header: BundleHeader = { type: undefined, id: undefined, objectCount: 0 };
  let sawObjectsArray = false;
  let failure: Error | undefined;
  const parser = new JSONParser({ paths: ['$.objects.*', '$.objects', '$.type', '$.id'], keepStack: false });
  parser.onValue = ({ value, key, stack }) => {
    if (failure) return;
    if (stack.length === 2 && stack[1]?.key === 'objects') {
      try {
        onObject(value, header.objectCount++);
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
    } else if (stack.length === 1 && key === 'objects') {
      sawObjectsArray = Array.isArray(value);
    } else if (stack.length === 1 && key === 'type') header.type = value;
    else if (stack.length === 1 && key === 'id') header.id = value;
  };
  parser.onError = (err) => {
    failure ??= new BundleReadError(`not valid JSON: ${err.message}`);
  };
  for await (const chunk of chunks) {
    if (failure) break;
    parser.write(chunk);
  }
  if (!failure && !parser.isEnded) parser.end();
  if (failure) throw failure;
  // A document that is not an object (a bare array of objects, say) never sets the type either.
  if (header.type !== 'bundle') throw new BundleReadError(`not a STIX bundle: its "type" is ${shown(header.type)}, not "bundle"`);
  if (!sawObjectsArray) throw new BundleReadError('not a STIX bundle: it has no "objects" array');
  return header;
}

/** A value for a message, never whole: JSON.stringify of a deeply nested one overflows the stack. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return JSON.stringify(typeof value === 'string' && value.length > 100 ? `${value.slice(0, 100)}…` : value);
}

/** readBundleChunks over a file, read in 1 MiB chunks. */
export function readBundleFile(file: string, onObject: (object: unknown, index: number) => void): Promise<BundleHeader> {
  return readBundleChunks(createReadStream(file, { highWaterMark: 1 << 20 }), onObject);
}
