// Every Cypher statement the product runs lives in cypher/*.cypher. Their names are a checked list:
// a name that is not in it fails the typecheck, and a listed file that is missing fails at start,
// when this module reads them all. (The built-in saved queries, cypher/queries/, are data: the
// queries feature lists that folder itself.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config.js';

export const CYPHER_DIR = path.join(REPO_ROOT, 'cypher');

export const STATEMENT_NAMES = [
  'audit/append',
  'audit/count',
  'audit/list',
  'auth/oidc-user-create',
  'auth/oidc-user-find',
  'auth/oidc-user-login',
  'auth/session-create',
  'auth/session-end',
  'auth/session-find',
  'auth/session-touch',
  'auth/sessions-end-user',
  'auth/user-count',
  'auth/user-create',
  'auth/user-get',
  'auth/user-list',
  'auth/user-update',
  'await-indexes',
  'bench/counts',
  'bench/create-nodes',
  'bench/create-relationships',
  'bench/remove-user',
  'bench/transactions-heap',
  'expand/page',
  'health/ping',
  'health/status',
  'meta/count-label',
  'meta/count-type',
  'meta/label-properties',
  'nodes/details',
  'paths/all-shortest',
  'paths/k-shortest',
  'paths/shortest',
  'saved-queries/create',
  'saved-queries/delete',
  'saved-queries/get',
  'saved-queries/list',
  'saved-queries/update',
  'schema',
  'schema-migration/drop-search-index',
  'schema-migration/search-index-labels',
  'search/fulltext',
  'seed/claim',
  'seed/complete',
  'seed/identity',
  'seed/ledger',
  'seed/merge-nodes',
  'seed/merge-relationships',
  'seed/prune-nodes',
  'seed/prune-relationships',
  'share-links/create',
  'share-links/find',
  'share-links/list',
  'share-links/revoke',
  'snapshots/around',
  'snapshots/baseline',
  'snapshots/create',
  'snapshots/delete',
  'snapshots/get',
  'snapshots/list',
  'snapshots/lock',
  'snapshots/ownership',
  'snapshots/update',
  'stix/commit-nodes',
  'stix/create-relationships',
  'stix/existing-entities',
  'stix/export-sources',
  'stix/import-begin',
  'stix/import-end',
  'stix/import-jobs',
  'stix/import-touch',
  'stix/link-entities',
  'stix/merge-relationships',
  'stix/pending-create-nodes',
  'stix/pending-create-relationships',
  'stix/pending-rollback',
  'stix/unchanged-entities',
  'stix/unchanged-relationships',
  'stix/update-entities',
  'subgraph/among',
  'warm-up/sample',
] as const;

export type StatementName = (typeof STATEMENT_NAMES)[number];

const TEXTS: ReadonlyMap<StatementName, string> = new Map(
  STATEMENT_NAMES.map((name) => [name, readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8').trim()]),
);

/** The text of cypher/<name>.cypher, e.g. cypher('health/status'). */
export function cypher(name: StatementName): string {
  return TEXTS.get(name)!;
}

/** Splits a file of several statements, each ended by a semicolon at the end of a line. */
export function statements(name: StatementName): string[] {
  return cypher(name)
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/**
 * Fills `{{name}}` placeholders with what Cypher cannot take as a parameter: labels and
 * relationship types (callers pass only names from the graph model's allow-list; a list becomes
 * `A:B:C`) and the bound of a variable-length pattern (an integer validated upstream). Anything
 * else is refused here.
 */
export function withSchemaNames(text: string, names: Record<string, string | number | readonly string[]>): string {
  const isName = (v: unknown) => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v);
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = names[key];
    const safe =
      isName(value) ||
      (Array.isArray(value) && value.length > 0 && value.every(isName)) ||
      (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
    if (!safe) throw new Error(`No safe schema name given for {{${key}}}`);
    return Array.isArray(value) ? value.join(':') : String(value);
  });
}
