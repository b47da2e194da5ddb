// Reads the seed files (seed/data) and checks them without a database: each record against its
// zod schema, ids unique across files, a name or alias used by one actor entity only, a Source
// marked verified only with a URL, every relationship's ends and sources present and of the
// labels its type allows, a summary's sources (summarySources) existing Sources, no field the
// loader derives (reportedAt) written by hand. Errors name the file, the record and the field.
// qualityReport() measures how citable the data is.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTOR_LABELS, LABELS, NODE_LABELS, REL_TYPE_INFO, endsAllowed, type NodeLabel } from '@model/graph-model.js';
import { nodeSchemas, relationshipId, relationshipSchema, type RelationshipRecord } from '@model/records.js';

export const SEED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const RELATIONSHIP_DIR = 'relationships';

export interface SeedNode {
  label: NodeLabel;
  props: Record<string, unknown> & { id: string };
}

export interface SeedRelationship extends RelationshipRecord {
  id: string;
}

export interface SeedError {
  file: string;
  /** Position in the file's array, and the record's id where it has one. */
  record: string;
  field: string;
  message: string;
}

export interface Dataset {
  nodes: SeedNode[];
  relationships: SeedRelationship[];
  errors: SeedError[];
  /** SHA-256 of every file read (names and bytes): which version of the data this is. */
  hash: string;
}

export function formatError(e: SeedError): string {
  return `${e.file} ${e.record} ${e.field}: ${e.message}`;
}

export async function readDataset(dir: string = SEED_DIR): Promise<Dataset> {
  const errors: SeedError[] = [];
  const digest = createHash('sha256');
  const readArray = (d: string, file: string, errs: SeedError[]) => readJsonArray(d, file, errs, digest);
  const nodes: SeedNode[] = [];
  const nodeFiles = new Map<string, { label: NodeLabel; file: string }>();
  const invalidIds = new Set<string>();
  const names = new Map<string, { id: string; label: NodeLabel; text: string }>();
  // Checked once every node is read: Sources come last.
  const summaryCitations: Array<{ file: string; where: string; sources: string[] }> = [];

  for (const label of NODE_LABELS) {
    const file = LABELS[label].seedFile;
    const records = await readArray(dir, file, errors);
    records.forEach((raw, index) => {
      const where = recordName(index, raw);
      const parsed = nodeSchemas[label].safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          errors.push({ file, record: where, field: issue.path.join('.') || '(record)', message: issue.message });
        }
        if (raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string') invalidIds.add((raw as { id: string }).id);
        return;
      }
      const props = parsed.data as SeedNode['props'];
      const earlier = nodeFiles.get(props.id);
      if (earlier) {
        errors.push({ file, record: where, field: 'id', message: `duplicate id, already used in ${earlier.file}` });
        return;
      }
      nodeFiles.set(props.id, { label, file });
      nodes.push({ label, props });
      if (label === 'Source' && props.verified === true && props.url === null) {
        errors.push({
          file,
          record: where,
          field: 'verified',
          message: 'a Source can be verified only with the URL of the copy that was checked',
        });
      }
      if (IDENTITY_LABELS.includes(label)) {
        for (const collision of claimNames(names, props, label)) errors.push({ file, record: where, ...collision });
      }
      if (Array.isArray(props.summarySources)) summaryCitations.push({ file, where, sources: props.summarySources as string[] });
    });
  }
  for (const { file, where, sources } of summaryCitations) {
    for (const [field, message] of checkSources(sources, 'summarySources', nodeFiles, invalidIds)) {
      errors.push({ file, record: where, field, message });
    }
  }

  const relationships: SeedRelationship[] = [];
  const seenRelationships = new Map<string, string>();
  for (const file of await relationshipFiles(dir)) {
    const records = await readArray(dir, file, errors);
    records.forEach((raw, index) => {
      const where = `record ${index}`;
      // A derived field gets its own error rather than zod's "unrecognized key"; the rest of the
      // record is still checked, so that one run names every problem.
      const written = DERIVED_RELATIONSHIP_FIELDS.filter((f) => raw !== null && typeof raw === 'object' && f in raw);
      for (const field of written) {
        errors.push({
          file,
          record: where,
          field,
          message: `${field} is derived by the loader (the earliest published date of the cited sources) and cannot be written in a seed file`,
        });
      }
      const parsed = relationshipSchema.safeParse(written.length > 0 ? withoutKeys(raw as Record<string, unknown>, written) : raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          errors.push({ file, record: where, field: issue.path.join('.') || '(record)', message: issue.message });
        }
        return;
      }
      if (written.length > 0) return;
      const rel = parsed.data;
      const id = relationshipId(rel);
      const label = `${where} (${id})`;
      const problems = checkRelationship(rel, nodeFiles, invalidIds);
      for (const [field, message] of problems) errors.push({ file, record: label, field, message });
      if (problems.length > 0) return;
      const earlier = seenRelationships.get(id);
      if (earlier) {
        errors.push({ file, record: label, field: 'type', message: `duplicate relationship, already in ${earlier}` });
        return;
      }
      seenRelationships.set(id, file);
      relationships.push({ ...rel, id });
    });
  }
  return { nodes, relationships, errors, hash: digest.digest('hex') };
}

/**
 * The labels whose entities are actors, one entity each: a name or alias (other vendors' names for
 * the same actor) may belong to one of them only. Campaigns count too, since a campaign and the
 * actor behind it are often called by the same name; link them (CONDUCTS) instead.
 */
export const IDENTITY_LABELS: readonly NodeLabel[] = [...ACTOR_LABELS, 'Campaign'];

/** How names are compared: case, spaces and punctuation do not count ("Storm-1376" = "storm 1376"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Records the entity's name and aliases, and says which of them another entity already has. */
function claimNames(
  names: Map<string, { id: string; label: NodeLabel; text: string }>,
  props: SeedNode['props'],
  label: NodeLabel,
): Array<Pick<SeedError, 'field' | 'message'>> {
  const problems: Array<Pick<SeedError, 'field' | 'message'>> = [];
  const own = [['name', props.name], ...((props.aliases as string[] | undefined) ?? []).map((a, i) => [`aliases.${i}`, a])] as Array<
    [string, string]
  >;
  for (const [field, text] of own) {
    const key = nameKey(text);
    if (!key) continue;
    const holder = names.get(key);
    if (holder && holder.id !== props.id) {
      problems.push({
        field,
        message: `alias collision: "${text}" is already a name or alias of ${holder.id} (${holder.label}); an alias belongs to one entity`,
      });
    } else if (!holder) names.set(key, { id: props.id, label, text });
  }
  return problems;
}

function checkRelationship(
  rel: RelationshipRecord,
  nodes: Map<string, { label: NodeLabel }>,
  invalidIds: Set<string>,
): Array<[string, string]> {
  const unknown = (id: string) => (invalidIds.has(id) ? `"${id}" is itself invalid (see its error above)` : `unknown node id "${id}"`);
  const info = REL_TYPE_INFO[rel.type];
  const problems: Array<[string, string]> = [];
  if (info.derived) {
    problems.push(['type', `${rel.type} is derived by the loader from the evidence and cannot be written in a seed file`]);
    return problems;
  }
  for (const end of ['from', 'to'] as const) {
    const node = nodes.get(rel[end]);
    const allowed = info[end];
    if (!node) problems.push([end, unknown(rel[end])]);
    else if (!allowed.includes(node.label)) {
      problems.push([end, `${rel.type} cannot ${end === 'from' ? 'start at' : 'end at'} a ${node.label} (allowed: ${allowed.join(', ')})`]);
    }
  }
  const fromLabel = nodes.get(rel.from)?.label;
  const toLabel = nodes.get(rel.to)?.label;
  if (problems.length === 0 && fromLabel && toLabel && !endsAllowed(rel.type, fromLabel, toLabel)) {
    problems.push(['to', `${rel.type} from a ${fromLabel} cannot end at a ${toLabel} (allowed: ${info.onlyTo?.[fromLabel]?.join(', ')})`]);
  }
  if (rel.from === rel.to) problems.push(['to', 'a relationship cannot point to its own start']);
  problems.push(...checkSources(rel.sources, 'sources', nodes, invalidIds));
  return problems;
}

/** Each id an existing Source, none twice: a relationship's sources, or a summary's. */
function checkSources(
  ids: readonly string[],
  field: string,
  nodes: Map<string, { label: NodeLabel }>,
  invalidIds: Set<string>,
): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  ids.forEach((sourceId, i) => {
    const node = nodes.get(sourceId);
    if (!node)
      problems.push([
        `${field}.${i}`,
        invalidIds.has(sourceId) ? `"${sourceId}" is itself invalid (see its error above)` : `unknown source id "${sourceId}"`,
      ]);
    else if (node.label !== 'Source') problems.push([`${field}.${i}`, `"${sourceId}" is a ${node.label}, not a Source`]);
  });
  if (new Set(ids).size !== ids.length) problems.push([field, 'lists the same source twice']);
  return problems;
}

/** Relationship fields the loader derives, refused in seed files. */
const DERIVED_RELATIONSHIP_FIELDS = ['reportedAt'] as const;

function withoutKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
}

async function relationshipFiles(dir: string): Promise<string[]> {
  const folder = path.join(dir, RELATIONSHIP_DIR);
  if (!existsSync(folder)) return [];
  const names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
  return names.map((n) => `${RELATIONSHIP_DIR}/${n}`);
}

async function readJsonArray(dir: string, file: string, errors: SeedError[], digest: ReturnType<typeof createHash>): Promise<unknown[]> {
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    errors.push({ file, record: '(file)', field: '(file)', message: 'file is missing' });
    return [];
  }
  let data: unknown;
  try {
    const text = await readFile(full, 'utf8');
    digest.update(`${file}\0${text}\0`);
    data = JSON.parse(text);
  } catch (err) {
    errors.push({ file, record: '(file)', field: '(file)', message: `not valid JSON: ${(err as Error).message}` });
    return [];
  }
  if (!Array.isArray(data)) {
    errors.push({ file, record: '(file)', field: '(file)', message: 'must hold a JSON array of records' });
    return [];
  }
  return data;
}

function recordName(index: number, raw: unknown): string {
  const id = raw && typeof raw === 'object' && 'id' in raw ? String(raw.id) : undefined;
  return id ? `record ${index} (${id})` : `record ${index}`;
}

/**
 * REPORTED_IN links each entity to the sources whose evidence involves it, so that "what does this
 * document establish" and "which sources mention this actor" are plain traversals.
 */
export function deriveReportedIn(dataset: Pick<Dataset, 'nodes' | 'relationships'>): SeedRelationship[] {
  const labelOf = new Map(dataset.nodes.map((n) => [n.props.id, n.label]));
  const citations = new Map<string, { from: string; source: string; count: number }>();
  for (const rel of dataset.relationships) {
    for (const end of [rel.from, rel.to]) {
      if (labelOf.get(end) === 'Source') continue;
      for (const source of rel.sources) {
        const key = `${end}|${source}`;
        const entry = citations.get(key) ?? { from: end, source, count: 0 };
        entry.count += 1;
        citations.set(key, entry);
      }
    }
  }
  return [...citations.values()].map(({ from, source, count }) => {
    const rel = {
      type: 'REPORTED_IN' as const,
      from,
      to: source,
      sources: [source],
      summary: `Cited as evidence for ${count} relationship${count === 1 ? '' : 's'} involving this entity.`,
      confidence: 100,
    };
    return { ...rel, id: relationshipId(rel) };
  });
}

/** Each Source's `published` day (a full date), by id. */
export function publishedDates(nodes: readonly SeedNode[]): Map<string, string> {
  const dates = new Map<string, string>();
  for (const n of nodes) if (n.label === 'Source' && typeof n.props.published === 'string') dates.set(n.props.id, n.props.published);
  return dates;
}

/**
 * When a relationship was first reported: the earliest `published` day among the sources it cites
 * (full YYYY-MM-DD dates, so they compare as strings), or undefined when none of them has one.
 * The loader stores it as `reportedAt`, so that a relationship without an event date still has
 * a date to filter on.
 */
export function reportedAt(sources: readonly string[], published: ReadonlyMap<string, string>): string | undefined {
  let earliest: string | undefined;
  for (const id of sources) {
    const day = published.get(id);
    if (day !== undefined && (earliest === undefined || day < earliest)) earliest = day;
  }
  return earliest;
}

/** The relationships with their derived `reportedAt` (see reportedAt()). */
export function withReportedAt<R extends Pick<SeedRelationship, 'sources'>>(
  relationships: readonly R[],
  nodes: readonly SeedNode[],
): Array<R & { reportedAt?: string }> {
  const published = publishedDates(nodes);
  return relationships.map((r) => {
    const day = reportedAt(r.sources, published);
    return day === undefined ? { ...r } : { ...r, reportedAt: day };
  });
}

export function summaryLine(dataset: Dataset): string {
  const sources = dataset.nodes.filter((n) => n.label === 'Source').length;
  return `${dataset.nodes.length} nodes, ${dataset.relationships.length} relationships, ${sources} sources, ${dataset.errors.length} errors`;
}

export interface QualityReport {
  sources: number;
  /** Sources with a URL whose text was checked against the document. */
  verifiedUrl: number;
  relationships: number;
  /** Relationships with an event date (firstSeen). */
  withEventDate: number;
  /** Relationships with a date the time filter can use: an event date, else the reported date. */
  withFilterDate: number;
  /** Entities other than Sources (a Source's summary describes the document itself). */
  summaries: number;
  /** Of those, summaries that name their sources (summarySources). */
  summariesWithSources: number;
  /** Relationships citing more than one source. */
  multiSource: number;
  /** Names or aliases given to more than one actor entity (each is also an error). */
  aliasCollisions: string[];
}

export function qualityReport(dataset: Pick<Dataset, 'nodes' | 'relationships' | 'errors'>): QualityReport {
  const sources = dataset.nodes.filter((n) => n.label === 'Source');
  const published = publishedDates(dataset.nodes);
  const described = dataset.nodes.filter((n) => n.label !== 'Source');
  return {
    sources: sources.length,
    verifiedUrl: sources.filter((n) => n.props.verified === true && typeof n.props.url === 'string').length,
    relationships: dataset.relationships.length,
    withEventDate: dataset.relationships.filter((r) => r.firstSeen !== undefined).length,
    withFilterDate: dataset.relationships.filter(
      (r) => r.firstSeen !== undefined || r.lastSeen !== undefined || reportedAt(r.sources, published) !== undefined,
    ).length,
    summaries: described.length,
    summariesWithSources: described.filter((n) => Array.isArray(n.props.summarySources) && n.props.summarySources.length > 0).length,
    multiSource: dataset.relationships.filter((r) => r.sources.length > 1).length,
    aliasCollisions: dataset.errors.filter((e) => e.message.startsWith('alias collision:')).map(formatError),
  };
}

const share = (part: number, whole: number) => `${part}/${whole} (${whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10}%)`;

/** The quality report as printed by seed:validate after its summary line. */
export function qualityLines(report: QualityReport): string[] {
  return [
    `sources with a verified URL: ${share(report.verifiedUrl, report.sources)}`,
    `relationships with an event date (firstSeen): ${share(report.withEventDate, report.relationships)}`,
    `relationships with a date to filter on (event or reported): ${share(report.withFilterDate, report.relationships)}`,
    `node summaries with summarySources (Sources excluded): ${share(report.summariesWithSources, report.summaries)}`,
    `relationships with more than one source: ${share(report.multiSource, report.relationships)}`,
    `alias collisions: ${report.aliasCollisions.length}`,
  ];
}
