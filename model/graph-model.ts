// The graph model: the one allow-list of node labels and relationship types.
// Cypher cannot take labels or relationship types as parameters, so every query that names one
// must take it from here. Names follow STIX 2.1 where an equivalent exists, so that STIX import
// and export map one to one.

export const NODE_LABELS = [
  'State',
  'ThreatActor',
  'ProxyGang',
  'Tool',
  'Technique',
  'Domain',
  'Target',
  'Election',
  'Campaign',
  'EnforcementAction',
  'Organization',
  'Person',
  'Source',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** The slug after an id's prefix: lower-case words joined by single hyphens. */
export const ID_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Any entity id, `<prefix>--<slug>` (each label's own prefix is in LABELS). */
export const ENTITY_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface LabelInfo {
  /** Prefix of every id of this label: `<prefix>--<slug>`. */
  idPrefix: string;
  /** Seed file holding the nodes of this label, relative to seed/data. */
  seedFile: string;
  /** Closest STIX 2.1 object type. */
  stixType: string;
  description: string;
}

export const LABELS: Record<NodeLabel, LabelInfo> = {
  State: {
    idPrefix: 'state',
    seedFile: 'nodes/states.json',
    stixType: 'identity (identity_class: organization, sector: government) / location',
    description: 'A sovereign state, as actor (sponsor) or as target.',
  },
  ThreatActor: {
    idPrefix: 'threat-actor',
    seedFile: 'nodes/threat-actors.json',
    stixType: 'threat-actor / intrusion-set',
    description: 'A state agency or unit (GRU, FSB, IRGC, MSS) or a named state-linked group such as Star Blizzard.',
  },
  ProxyGang: {
    idPrefix: 'proxy-gang',
    seedFile: 'nodes/proxy-gangs.json',
    stixType: 'threat-actor (threat_actor_types: crime-syndicate, hacker, activist)',
    description: 'A cybercrime gang, hacktivist front, contractor or front company that works for or with a state.',
  },
  Tool: {
    idPrefix: 'tool',
    seedFile: 'nodes/tools.json',
    stixType: 'malware / tool',
    description: 'Malware, commodity RATs, ransomware, botnets, AI tools.',
  },
  Technique: {
    idPrefix: 'technique',
    seedFile: 'nodes/techniques.json',
    stixType: 'attack-pattern',
    description: 'A way of attacking (an ATT&CK or CAPEC technique) that actors, campaigns and malware use; mostly from STIX imports.',
  },
  Domain: {
    idPrefix: 'domain',
    seedFile: 'nodes/domains.json',
    stixType: 'domain-name',
    description: 'An internet domain used in an operation.',
  },
  Target: {
    idPrefix: 'target',
    seedFile: 'nodes/targets.json',
    stixType: 'identity / location (as the object of targets)',
    description: 'An institution, sector, organisation, population or set of devices that was targeted.',
  },
  Election: {
    idPrefix: 'election',
    seedFile: 'nodes/elections.json',
    stixType: 'x-election (custom)',
    description: 'A national election.',
  },
  Campaign: {
    idPrefix: 'campaign',
    seedFile: 'nodes/campaigns.json',
    stixType: 'campaign',
    description: 'An influence or cyber operation.',
  },
  EnforcementAction: {
    idPrefix: 'enforcement-action',
    seedFile: 'nodes/enforcement-actions.json',
    stixType: 'x-enforcement-action (custom: STIX 2.1 has no object for it)',
    description:
      'One action against an operation on a given day, by a government or a company: a court-ordered domain seizure, a takedown; with its date and what it seized.',
  },
  Organization: {
    idPrefix: 'organization',
    seedFile: 'nodes/organizations.json',
    stixType: 'identity (identity_class: organization)',
    description: 'A company, media outlet, government agency or legislature.',
  },
  Person: {
    idPrefix: 'person',
    seedFile: 'nodes/persons.json',
    stixType: 'identity (identity_class: individual)',
    description: 'A named individual.',
  },
  Source: {
    idPrefix: 'source',
    seedFile: 'sources.json',
    stixType: 'report / external-reference',
    description: 'A report, article, indictment, advisory or press release that evidence cites.',
  },
};

export const REL_TYPES = [
  'SPONSORS',
  'DIRECTS',
  'COLLABORATES_WITH',
  'OUTSOURCES_TO',
  'FUNDS',
  'EMPLOYS',
  'ATTRIBUTED_TO',
  'USES',
  'OPERATES',
  'IMPERSONATES',
  'TARGETS',
  'INTERFERES_IN',
  'CONDUCTS',
  'SEIZED',
  'DISRUPTED',
  'BANNED',
  'INDICTED',
  'SANCTIONED',
  'TESTIFIED_BEFORE',
  'REPORTED_IN',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export interface RelTypeInfo {
  /** Reads as `(from) <verb> (to)`. */
  meaning: string;
  from: readonly NodeLabel[];
  to: readonly NodeLabel[];
  stixRelationship: string;
  /** Part of the "who works with whom" pattern. */
  cooperation: boolean;
  /** Created by the loader from the evidence of other relationships, never written by hand. */
  derived?: boolean;
  /** Starts that may reach only some of `to` (see endsAllowed). */
  onlyTo?: Partial<Record<NodeLabel, readonly NodeLabel[]>>;
}

const ACTORS = ['State', 'ThreatActor', 'ProxyGang', 'Organization', 'Person'] as const;
const ENFORCERS = ['State', 'Organization'] as const;

export const REL_TYPE_INFO: Record<RelType, RelTypeInfo> = {
  SPONSORS: {
    meaning: 'backs, resources or protects (a state or agency backing an outside group or outlet)',
    from: ['State', 'ThreatActor', 'Organization'],
    to: ['ThreatActor', 'ProxyGang', 'Organization', 'Campaign'],
    stixRelationship: 'inverse of attributed-to (sponsor)',
    cooperation: true,
  },
  DIRECTS: {
    meaning: 'commands or tasks (a state its agency, an agency its unit, a body its contractor)',
    from: ['State', 'ThreatActor', 'Organization', 'Person'],
    to: ['ThreatActor', 'ProxyGang', 'Organization', 'Campaign'],
    stixRelationship: 'x-directs',
    cooperation: true,
  },
  COLLABORATES_WITH: {
    meaning: 'works together with, as peers (stored once, read in both directions)',
    from: ['ThreatActor', 'ProxyGang', 'Organization', 'Person'],
    to: ['ThreatActor', 'ProxyGang', 'Organization', 'Person'],
    stixRelationship: 'cooperates-with',
    cooperation: true,
  },
  OUTSOURCES_TO: {
    meaning: 'hands operations to (a state actor using a criminal group or contractor)',
    from: ['State', 'ThreatActor', 'Organization'],
    to: ['ProxyGang', 'Organization'],
    stixRelationship: 'x-outsources-to',
    cooperation: true,
  },
  FUNDS: {
    meaning: 'pays for',
    from: ['State', 'ThreatActor', 'Organization', 'Person'],
    to: ['ProxyGang', 'Organization', 'Person', 'Campaign'],
    stixRelationship: 'x-funds',
    cooperation: true,
  },
  EMPLOYS: {
    meaning: 'has as officer, employee, member or leader',
    from: ['ThreatActor', 'ProxyGang', 'Organization', 'State'],
    to: ['Person'],
    stixRelationship: 'x-employs',
    cooperation: true,
  },
  ATTRIBUTED_TO: {
    meaning: 'is attributed (by a government or researcher) to',
    from: ['ThreatActor', 'ProxyGang', 'Campaign', 'Tool', 'Domain'],
    to: ['State', 'ThreatActor', 'ProxyGang', 'Organization'],
    stixRelationship: 'attributed-to',
    cooperation: false,
  },
  USES: {
    meaning: 'uses (malware, tools, AI services, domains, techniques)',
    from: ['ThreatActor', 'ProxyGang', 'Campaign', 'Organization', 'Tool'],
    to: ['Tool', 'Domain', 'Technique'],
    // Malware uses techniques (ATT&CK's software → attack-pattern); a tool using a tool or domain is not modelled.
    onlyTo: { Tool: ['Technique'] },
    stixRelationship: 'uses',
    cooperation: false,
  },
  OPERATES: {
    meaning: 'runs (infrastructure, botnets, websites, personas)',
    from: ['ThreatActor', 'ProxyGang', 'Organization', 'Person'],
    to: ['Tool', 'Domain', 'Organization'],
    stixRelationship: 'x-operates',
    cooperation: false,
  },
  IMPERSONATES: {
    meaning: 'poses as',
    from: ['Domain', 'Campaign', 'ThreatActor', 'ProxyGang'],
    to: ['Organization', 'Target', 'Person'],
    stixRelationship: 'impersonates',
    cooperation: false,
  },
  TARGETS: {
    meaning: 'attacks or aims at',
    from: ['State', 'ThreatActor', 'ProxyGang', 'Campaign', 'Tool'],
    to: ['State', 'Target', 'Organization', 'Person', 'Election'],
    stixRelationship: 'targets',
    cooperation: false,
  },
  INTERFERES_IN: {
    meaning: 'tries to influence the outcome of or trust in',
    from: ['State', 'ThreatActor', 'ProxyGang', 'Campaign', 'Organization'],
    to: ['Election'],
    stixRelationship: 'targets (x-interference)',
    cooperation: false,
  },
  CONDUCTS: {
    meaning: 'carries out',
    from: ['ThreatActor', 'ProxyGang', 'Organization', 'State'],
    to: ['Campaign', 'EnforcementAction'],
    stixRelationship: 'inverse of attributed-to (campaign)',
    cooperation: false,
  },
  SEIZED: {
    meaning: 'took control of, by court order or civil action',
    from: [...ENFORCERS, 'EnforcementAction'],
    to: ['Domain', 'Tool'],
    stixRelationship: 'x-seized',
    cooperation: false,
  },
  DISRUPTED: {
    meaning: 'took down or dismantled',
    from: [...ENFORCERS, 'EnforcementAction'],
    to: ['Tool', 'ProxyGang', 'ThreatActor', 'Campaign'],
    stixRelationship: 'x-disrupted',
    cooperation: false,
  },
  BANNED: {
    meaning: 'removed from its platform',
    from: ['Organization'],
    to: ['Organization', 'ThreatActor', 'ProxyGang', 'Campaign'],
    stixRelationship: 'x-banned',
    cooperation: false,
  },
  INDICTED: {
    meaning: 'charged in court',
    from: [...ENFORCERS],
    to: ['Person', 'ThreatActor', 'ProxyGang', 'Organization'],
    stixRelationship: 'x-indicted',
    cooperation: false,
  },
  SANCTIONED: {
    meaning: 'imposed sanctions on',
    from: [...ENFORCERS],
    to: ['Person', 'ThreatActor', 'ProxyGang', 'Organization'],
    stixRelationship: 'x-sanctioned',
    cooperation: false,
  },
  TESTIFIED_BEFORE: {
    meaning: 'gave testimony to',
    from: ['Person'],
    to: ['Organization'],
    stixRelationship: 'x-testified-before',
    cooperation: false,
  },
  REPORTED_IN: {
    meaning: 'appears in the evidence cited from',
    from: NODE_LABELS.filter((l) => l !== 'Source'),
    to: ['Source'],
    stixRelationship: 'inverse of report object_refs',
    cooperation: false,
    derived: true,
  },
};

/** Whether `(from)-[type]->(to)` is allowed: both ends among the type's, and `onlyTo` respected. */
export function endsAllowed(type: RelType, from: NodeLabel, to: NodeLabel): boolean {
  const info = REL_TYPE_INFO[type];
  const only = info.onlyTo?.[from];
  return info.from.includes(from) && info.to.includes(to) && (only === undefined || only.includes(to));
}

/** The relationship types of the "who works with whom" pattern. */
export const COOPERATION_TYPES = REL_TYPES.filter((t) => REL_TYPE_INFO[t].cooperation);

export const ACTOR_LABELS: readonly NodeLabel[] = ACTORS;

export function isNodeLabel(value: string): value is NodeLabel {
  return (NODE_LABELS as readonly string[]).includes(value);
}

export function isRelType(value: string): value is RelType {
  return (REL_TYPES as readonly string[]).includes(value);
}

/** Without an explicit choice, traversals (expand, paths) skip REPORTED_IN: it links everything to its sources. */
export const TRAVERSAL_REL_TYPES: RelType[] = REL_TYPES.filter((t) => !REL_TYPE_INFO[t].derived);
