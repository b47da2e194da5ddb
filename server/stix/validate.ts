// Checks STIX 2.1 objects against the OASIS JSON schemas (server/stix/schemas, draft 2020-12), one
// object at a time so that a streamed bundle is checked as it is read. The schemas are compiled
// once per process (compiling takes far longer than checking). Types the specification defines
// get their own schema; custom types (x-mitre-*, x-*) only the common core, since nobody publishes
// a schema for them and they are skipped by the mapping anyway. Custom properties are checked by
// the core's own rule (common/properties.json: lower-case names, non-empty values).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, domainToASCII } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';

export const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas');

/** Where the schemas' `$id`s live: `../common/x.json` references resolve against them. */
const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const CORE = `${SCHEMA_BASE}common/core.json`;
const OBSERVABLE_CORE = `${SCHEMA_BASE}common/cyber-observable-core.json`;

/** One broken rule of one object: enough to find and fix it in the bundle. */
export interface StixIssue {
  /** The object's `id`, or its position in `objects[]` when it has no usable id. */
  objectId: string;
  type: string;
  /** JSON pointer inside the object (`/created`, `/external_references/0/url`); `` is the object itself. */
  field: string;
  /** The schema keyword that failed and what it asks (`required: must have required property 'name'`). */
  rule: string;
}

interface Validators {
  ajv: Ajv2020;
  /** Schema id per STIX type the specification defines (its `type` enum names it). */
  schemaOfType: Map<string, string>;
  /** Compiled on first use: a bundle holds few of the 40-odd types, and compiling is the slow part. */
  byType: Map<string, ValidateFunction>;
}

let compiled: Validators | undefined;

function listSchemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listSchemaFiles(path.join(dir, entry.name)) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : [],
  );
}

/** The validator set, built once per process. */
function validators(): Validators {
  if (compiled) return compiled;
  // strict: false: the OASIS schemas carry keywords Ajv's strict mode refuses (e.g. `definitions`
  // beside `$defs`). unicodeRegExp: false: their patterns escape `-` outside classes (`\\-?$`),
  // which the `u` flag forbids. allErrors: false: the first broken rule of an object is enough.
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: false });
  // ajv-formats is CommonJS; its default export is the plugin function under ESM interop.
  const addFormats = (addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin;
  addFormats(ajv);
  // domain-name's value uses idn-hostname, which ajv-formats lacks: an internationalised name is
  // valid when its ASCII (punycode) form is a valid hostname.
  const hostname = fullFormats.hostname as RegExp;
  ajv.addFormat('idn-hostname', (value: string) => {
    const ascii = domainToASCII(value);
    return ascii !== '' && hostname.test(ascii);
  });
  const schemaOfType = new Map<string, string>();
  for (const file of listSchemaFiles(SCHEMA_DIR)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    ajv.addSchema(schema);
    // Only object schemas (sdos, sros, observables, and the common objects) fix a type.
    const typeName = objectTypeOf(schema);
    if (typeName) schemaOfType.set(typeName, schema.$id as string);
  }
  compiled = { ajv, schemaOfType, byType: new Map() };
  return compiled;
}

function validatorFor(id: string): ValidateFunction {
  const v = validators();
  let fn = v.byType.get(id);
  if (!fn) {
    fn = v.ajv.getSchema(id)!;
    v.byType.set(id, fn);
  }
  return fn;
}

/** The literal `type` a schema fixes (`"enum": ["malware"]`), found in its properties or allOf branches. */
function objectTypeOf(schema: Record<string, unknown>): string | undefined {
  const candidates = [schema, ...((schema.allOf as Array<Record<string, unknown>> | undefined) ?? [])];
  for (const part of candidates) {
    const typeProp = (part.properties as Record<string, { enum?: unknown[] }> | undefined)?.type;
    if (typeProp?.enum?.length === 1 && typeof typeProp.enum[0] === 'string') return typeProp.enum[0];
  }
  return undefined;
}

/** Which schemas exist for which types (for the report and the tests). */
export function knownTypes(): string[] {
  return [...validators().schemaOfType.keys()].sort();
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'required'
      ? `must have property '${String(params.missingProperty)}'`
      : error.keyword === 'additionalProperties'
        ? `unexpected property '${String(params.additionalProperty)}'`
        : (error.message ?? 'invalid');
  return `${error.keyword}: ${detail}`;
}

/**
 * The issues of one object (empty when valid). `index` is its position in `objects[]`, used to name
 * an object whose id is missing or not a string.
 */
export function validateObject(object: unknown, index: number): StixIssue[] {
  const v = validators();
  const record = object !== null && typeof object === 'object' && !Array.isArray(object) ? (object as Record<string, unknown>) : null;
  const objectId = record && typeof record.id === 'string' ? record.id : `objects[${index}]`;
  const type = record && typeof record.type === 'string' ? record.type : '(no type)';
  if (!record) return [{ objectId, type, field: '', rule: 'type: must be an object' }];
  // Observables (SCOs) have no created/modified: a custom one is checked against their own core.
  const schemaId = v.schemaOfType.get(type) ?? (record.created === undefined && record.spec_version === undefined ? OBSERVABLE_CORE : CORE);
  const validate = validatorFor(schemaId);
  if (validate(record)) return [];
  return (validate.errors ?? []).map((error) => ({
    objectId,
    type,
    // A missing property is reported at its parent: name the property itself.
    field:
      error.keyword === 'required'
        ? `${error.instancePath}/${String((error.params as { missingProperty: unknown }).missingProperty)}`
        : error.instancePath,
    rule: describe(error),
  }));
}

export function formatIssue(issue: StixIssue): string {
  return `${issue.objectId} (${issue.type}) ${issue.field || '(object)'}: ${issue.rule}`;
}
