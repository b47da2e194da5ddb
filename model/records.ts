// zod schemas of the records the graph holds: one per node label, one for relationships.
// The seed files are validated against these, and the API shares them.
import { z } from 'zod';
import { ID_SLUG_PATTERN, LABELS, REL_TYPES, type NodeLabel } from './graph-model.js';
import { partialDate } from './partial-date.js';
import { webUrl } from './url.js';

const fullDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD');
const text = z.string().trim().min(1, 'must not be empty');
const iso2 = z.string().regex(/^([A-Z]{2}|unknown)$/, 'must be an ISO 3166 alpha-2 code or "unknown"');

function idOf(label: NodeLabel) {
  const prefix = LABELS[label].idPrefix;
  return z.string().refine((v) => v.startsWith(`${prefix}--`) && ID_SLUG_PATTERN.test(v.slice(prefix.length + 2)), {
    message: `must look like "${prefix}--lower-case-slug"`,
  });
}

function entity<L extends NodeLabel, S extends z.ZodRawShape>(label: L, extra: S) {
  return z
    .object({
      id: idOf(label),
      name: text,
      aliases: z.array(text).default([]),
      summary: text,
      /** The Sources (ids) that support the facts the summary states; checked against the seed's Sources. */
      summarySources: z.array(text).optional(),
      ...extra,
    })
    .strict();
}

export const nodeSchemas = {
  State: entity('State', { iso2 }),
  ThreatActor: entity('ThreatActor', {
    actorType: z.enum(['state-agency', 'state-unit', 'intrusion-set', 'influence-actor', 'unknown']),
  }),
  ProxyGang: entity('ProxyGang', {
    proxyType: z.enum([
      'ransomware-gang',
      'cybercrime-group',
      'hacktivist-front',
      'contractor',
      'front-company',
      'influence-contractor',
      'unknown',
    ]),
  }),
  Tool: entity('Tool', {
    toolType: z.enum(['malware', 'ransomware', 'rat', 'wiper', 'botnet', 'ai-tool', 'tool']),
  }),
  Technique: entity('Technique', {
    /** The catalogue's id of the technique (ATT&CK's T1437, CAPEC-66), from its first external reference that has one. */
    externalId: text.optional(),
  }),
  Domain: entity('Domain', {
    status: z.enum(['seized', 'taken-down', 'active', 'unknown']),
  }),
  Target: entity('Target', {
    targetType: z.enum(['sector', 'institution', 'organization', 'population', 'devices', 'country']),
    country: iso2,
  }),
  Election: entity('Election', { country: iso2, date: fullDate }),
  Campaign: entity('Campaign', {
    campaignType: z.enum(['influence', 'espionage', 'destructive', 'ransomware', 'hack-and-leak', 'mixed', 'unknown']),
    firstSeen: partialDate.optional(),
    lastSeen: partialDate.optional(),
  }),
  EnforcementAction: entity('EnforcementAction', {
    actionType: z.enum(['domain-seizure', 'takedown']),
    date: fullDate,
    /** How many domains it seized, as the source counts them (the Domain nodes are those verified). */
    domainsSeized: z.number().int().positive().optional(),
  }),
  Organization: entity('Organization', {
    orgType: z.enum(['company', 'media', 'government-agency', 'legislature', 'international', 'ngo', 'political-group', 'unknown']),
    country: iso2,
  }),
  Person: entity('Person', { role: text }),
  Source: entity('Source', {
    publisher: text,
    title: text,
    published: fullDate,
    /** A public copy of the document: only an address whose text was checked, never one from memory. */
    url: webUrl.nullable(),
    /** True only when a stored public page whose text matches the document was found (see verifiedBy). */
    verified: z.boolean(),
    /** How the URL or title was checked: which page matched, or why none did. */
    verifiedBy: text.optional(),
    sourceType: z.enum([
      'news-article',
      'report',
      'blog-post',
      'indictment',
      'press-release',
      'advisory',
      'sanctions-notice',
      'hearing',
      'court-filing',
      'statement',
      // A STIX 2.1 bundle an import read, and a document a bundle cites without saying what it is.
      'stix-bundle',
      'unknown',
    ]),
  }),
} satisfies Record<NodeLabel, z.ZodTypeAny>;

export type NodeRecord<L extends NodeLabel = NodeLabel> = z.infer<(typeof nodeSchemas)[L]>;

/**
 * What a STIX import (server/stix/write.ts) stores on an entity it creates, besides the label's
 * own fields: the STIX id and versions, and `imported` (the import owns the node: a newer version
 * updates it in place). Not allowed in seed files.
 */
const importedFields = {
  stixId: text,
  stixCreated: text.optional(),
  stixModified: text.optional(),
  imported: z.literal(true),
};

/** An imported Source: its day may be unknown, and it keeps the bundle's external id, licence and version. */
const importedSourceFields = {
  ...importedFields,
  published: fullDate.optional(),
  externalId: text.optional(),
  licence: text.optional(),
  version: text.optional(),
};

/** The schema an entity created by a STIX import satisfies (checked before it is written). */
export function importedNodeSchema(label: NodeLabel) {
  return label === 'Source' ? nodeSchemas.Source.extend(importedSourceFields) : nodeSchemas[label].extend(importedFields);
}

/** A relationship as written in the seed files; its evidence travels with it. */
export const relationshipSchema = z
  .object({
    type: z.enum(REL_TYPES),
    from: text,
    to: text,
    sources: z.array(text).min(1, 'must cite at least one Source'),
    quote: text.optional(),
    summary: text.optional(),
    firstSeen: partialDate.optional(),
    lastSeen: partialDate.optional(),
    confidence: z.number().int().min(0).max(100),
  })
  .strict()
  .refine((r) => r.quote !== undefined || r.summary !== undefined, {
    message: 'needs a quote or a summary from the source',
    path: ['summary'],
  })
  .refine((r) => !r.firstSeen || !r.lastSeen || r.firstSeen <= r.lastSeen, {
    message: 'must not be before firstSeen',
    path: ['lastSeen'],
  });

export type RelationshipRecord = z.infer<typeof relationshipSchema>;

/** Stable id of a relationship: one per (from, type, to). */
export function relationshipId(r: Pick<RelationshipRecord, 'from' | 'type' | 'to'>): string {
  return `${r.from}|${r.type}|${r.to}`;
}
