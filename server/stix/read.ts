// Reads a STIX 2.1 bundle as a stream: each element of `objects[]` is handed over as soon as its
// last byte is read, and only one element's bytes are held at a time, so a bundle of a few hundred
// MB never sits in memory as one string or one tree. The bundle's own fields (type, id) are read on the way.
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

// Bytes of JSON's syntax the element scanner follows (none occurs inside a multi-byte UTF-8 character).
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const bytesOf = (chunk: Uint8Array | string): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk, 'utf8')
    : Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * Parses a bundle from chunks of text or bytes, calling `onObject` for each element of `objects[]`
 * in order (synchronously, so the caller's work paces the reading). Rejects when the input is not
 * JSON, not an object of type `bundle`, or has no `objects` array.
 *
 * Why two parsers: a streaming JSON parser written in JavaScript reads a 50 MB bundle at a few MB/s,
 * so a scanner (which follows only strings, brackets, commas and the root's keys) cuts each element
 * of the root's `objects` array out of the bytes and hands it to JSON.parse, many times faster; the
 * streaming parser still reads everything else (the envelope, with each element replaced by `0`),
 * so an envelope that is not JSON is refused as before, and so is an element JSON.parse refuses.
 */
export async function readBundleChunks(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onObject: (object: unknown, index: number) => void,
): Promise<BundleHeader> {
  const header: BundleHeader = { type: undefined, id: undefined, objectCount: 0 };
  let sawObjectsArray = false;
  let failure: Error | undefined;
  const parser = new JSONParser({ paths: ['$.objects', '$.type', '$.id'], keepStack: false });
  parser.onValue = ({ value, key, stack }) => {
    if (failure || stack.length !== 1) return;
    if (key === 'objects') sawObjectsArray = Array.isArray(value);
    else if (key === 'type') header.type = value;
    else if (key === 'id') header.id = value;
  };
  parser.onError = (err) => {
    failure ??= new BundleReadError(`not valid JSON: ${err.message}`);
  };

  // The scanner's state, kept across chunks.
  let depth = 0;
  let inString = false;
  let escaped = false;
  let rootIsObject = false;
  /** Inside the root object, the next string is a key (after `{` or `,`), not a value (after `:`). */
  let expectKey = false;
  /** The bytes of the root key being read (quotes included), and the last one read. */
  let keyParts: Buffer[] | undefined;
  let lastKey: string | undefined;
  /** Inside the root's `objects` array; `element` holds the bytes of the element being cut out. */
  let inObjects = false;
  let element: Buffer[] | undefined;

  const emit = (parts: Buffer[]) => {
    const text = parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      failure ??= new BundleReadError(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    try {
      onObject(value, header.objectCount++);
    } catch (err) {
      failure ??= err instanceof Error ? err : new Error(String(err));
    }
  };

  const scan = (buf: Buffer) => {
    /** Where the bytes still owed to the envelope parser begin. */
    let envelopeFrom = 0;
    let elementFrom = element ? 0 : -1;
    let keyFrom = keyParts ? 0 : -1;
    for (let i = 0; i < buf.length && !failure; i++) {
      const c = buf[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyFrom >= 0) {
            keyParts!.push(buf.subarray(keyFrom, i + 1));
            try {
              lastKey = JSON.parse(Buffer.concat(keyParts!).toString('utf8')) as string;
            } catch {
              lastKey = undefined; // not JSON: the envelope parser says so
            }
            keyParts = undefined;
            keyFrom = -1;
          }
        }
        continue;
      }
      if (inObjects && depth === 2 && !element && !isSpace(c) && c !== COMMA && c !== CLOSE_ARRAY) {
        // An element begins: the envelope parser gets `0` in its place.
        parser.write(buf.subarray(envelopeFrom, i));
        parser.write('0');
        element = [];
        elementFrom = i;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === 1 && rootIsObject && expectKey) {
          keyParts = [];
          keyFrom = i;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === 0) rootIsObject = c === OPEN_OBJECT;
        else if (depth === 1 && c === OPEN_ARRAY) inObjects = rootIsObject && !expectKey && lastKey === 'objects';
        depth++;
        if (depth === 1) expectKey = true;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth === 1 && inObjects) {
          // The end of `objects` (or a stray closer JSON.parse or the envelope parser refuses).
          if (element) {
            element.push(buf.subarray(elementFrom, i));
            envelopeFrom = i;
            emit(element);
            element = undefined;
            elementFrom = -1;
          }
          inObjects = false;
        }
      } else if (c === COMMA) {
        if (depth === 1) expectKey = true;
        else if (depth === 2 && element) {
          element.push(buf.subarray(elementFrom, i));
          envelopeFrom = i;
          emit(element);
          element = undefined;
          elementFrom = -1;
        }
      } else if (c === COLON && depth === 1) expectKey = false;
    }
    if (failure) return;
    if (element) element.push(buf.subarray(elementFrom));
    else parser.write(buf.subarray(envelopeFrom));
    if (keyParts && keyFrom >= 0) keyParts.push(buf.subarray(keyFrom));
  };

  for await (const chunk of chunks) {
    if (failure) break;
    scan(bytesOf(chunk));
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
