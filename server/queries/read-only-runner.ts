// Runs Cypher a person typed (the console, saved queries) without letting it write or reach out:
// one statement only; EXPLAIN first, refused unless Neo4j reports a read-only query and its plan
// holds no LOAD CSV, no procedure outside an allow-list, no CALL { } IN TRANSACTIONS and no
// TERMINATE TRANSACTIONS; then run in a READ transaction with a timeout and a row cap.
import { Neo4jError, type ManagedTransaction, type ProfiledPlan } from 'neo4j-driver';
import type { CypherResult, QueryRefusalReason } from '@model/api.js';
import type { Database } from '../db/database.js';
import { translateDriverError } from '../db/errors.js';
import { GraphCollector, toPlain } from '../db/to-json.js';
import { InvalidInputError } from '../errors.js';

export interface ReadOnlyLimits {
  rowCap: number;
  timeoutMs: number;
  /**
   * Refuse scans of nodes by no label (MATCH (n), lookups by element id): with accounts in the
   * database (AUTH=local) such a scan could read them. Labelled scans and traversals cannot.
   */
  labelledOnly?: boolean;
}

/**
 * Accounts and sessions (server/auth), the audit trail (server/audit), share links (their token
 * hashes) and the owned items whose visibility the API enforces (snapshots, saved queries): never
 * readable through the console, in any mode, so that a private item cannot be read around its
 * owner's choice.
 */
const PRIVATE_LABELS = /(?:[:|&!]\s*|\$\w*\()`?(?:User|Session|AuditEvent|ShareLink|Snapshot|SavedQuery)`?(?![\w`])/;
/** Label names chosen at run time (MATCH (n:$($x))) could name a private label (refused with AUTH=local). */
const DYNAMIC_LABEL = /:\s*\$(?:any|all)?\s*\(/i;
/** Operators that read nodes whatever their label. */
const UNLABELLED_SCANS = /^(AllNodesScan|NodeByIdSeek|NodeByElementIdSeek|PartitionedAllNodesScan)/i;

/** Read-only procedures a researcher may call. Anything else is refused. */
const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshiptypes',
  'db.propertykeys',
  'db.schema.visualization',
  'db.schema.nodetypeproperties',
  'db.schema.reltypeproperties',
  'db.index.fulltext.querynodes',
  'db.index.fulltext.queryrelationships',
  'dbms.components',
]);

// TERMINATE TRANSACTIONS is planned as a read (queryType 'r') yet kills other sessions' work.
// SHOW TRANSACTIONS and SHOW SETTINGS are reads too, but show other sessions' queries with their
// parameters, and the server's configuration.
const FORBIDDEN_OPERATORS =
  /LoadCSV|Transaction(Apply|Foreach)|TerminateTransactions|ShowTransactions|ShowSettings|Create|Merge|SetProperty|SetLabels|SetNodeProperty|SetRelationshipProperty|Delete|Remove|Foreach/i;

/** What a forbidden plan operator is called in the refusal; anything else "would write". */
const FORBIDDEN_OPERATOR_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/LoadCSV/i, 'LOAD CSV is not allowed'],
  [/TerminateTransactions/i, 'TERMINATE TRANSACTIONS is not allowed'],
  [/ShowTransactions|ShowSettings/i, 'SHOW TRANSACTIONS and SHOW SETTINGS are not allowed'],
  [/Transaction(Apply|Foreach)/i, 'CALL { } IN TRANSACTIONS is not allowed'],
];

/** The query was refused or is not valid Cypher: the person's input is at fault (400), for `reason`. */
/** A query typed by a person that the runner will not run, and why. Answers 400 QUERY_REJECTED. */
export class QueryRejectedError extends InvalidInputError {
  constructor(
    override readonly reason: QueryRefusalReason,
    message: string,
  ) {
    super('query', message, 'QUERY_REJECTED', reason);
  }
}

export async function runReadOnly(
  db: Database,
  query: string,
  params: Record<string, unknown>,
  limits: ReadOnlyLimits,
): Promise<CypherResult> {
  const statement = singleStatement(query);
  const started = performance.now();
  return inReadTransaction(db, limits.timeoutMs, async (tx) => {
    await refuseUnlessReadOnly(tx, statement, params, limits.labelledOnly ?? false);
    return collect(tx, statement, params, limits, started);
  });
}

/** Checks a query without running it: refused (QueryRejectedError) unless it is read-only. */
export async function explainReadOnly(
  db: Database,
  query: string,
  params: Record<string, unknown>,
  timeoutMs: number,
  labelledOnly = false,
): Promise<void> {
  const statement = singleStatement(query);
  await inReadTransaction(db, timeoutMs, (tx) => refuseUnlessReadOnly(tx, statement, params, labelledOnly));
}

async function inReadTransaction<T>(db: Database, timeoutMs: number, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  try {
    return await db.read(work, { timeoutMs });
  } catch (err) {
    const translated = translateDriverError(err);
    if (translated instanceof Neo4jError && translated.code.startsWith('Neo.ClientError.')) {
      if (/AccessMode|ForbiddenDueToTransactionType|WriteOnReadOnlyAccessDbException/i.test(translated.code + translated.message)) {
        throw new QueryRejectedError('NOT_READ_ONLY', 'The console is read-only: this query would write.');
      }
      throw new QueryRejectedError('INVALID_CYPHER', firstLine(translated.message));
    }
    throw translated;
  }
}

async function refuseUnlessReadOnly(
  tx: ManagedTransaction,
  statement: string,
  params: Record<string, unknown>,
  labelledOnly: boolean,
): Promise<void> {
  const explained = await tx.run(`EXPLAIN ${statement}`, params);
  const { queryType, plan } = explained.summary;
  if (queryType === 's')
    throw new QueryRejectedError('SCHEMA_COMMAND', 'The console is read-only: this query is a schema or administration command.');
  if (queryType !== 'r') throw new QueryRejectedError('NOT_READ_ONLY', 'The console is read-only: this query would write.');
  if (plan) checkPlan(plan as unknown as ProfiledPlan, labelledOnly);
}

function checkPlan(plan: Pick<ProfiledPlan, 'operatorType' | 'arguments' | 'children'>, labelledOnly: boolean): void {
  const operator = plan.operatorType;
  const details = String(plan.arguments?.Details ?? plan.arguments?.details ?? '');
  if (PRIVATE_LABELS.test(details))
    throw new QueryRejectedError(
      'PRIVATE_DATA',
      'The console reads the threat graph only: accounts, sessions, the audit trail, share links, snapshots and saved queries are not readable.',
    );
  // With AUTH=none the caller is the local admin, who may name labels at run time as before.
  if (labelledOnly && DYNAMIC_LABEL.test(details))
    throw new QueryRejectedError(
      'PRIVATE_DATA',
      'With accounts on, the console takes labels written in the query, not chosen at run time.',
    );
  if (labelledOnly && UNLABELLED_SCANS.test(operator))
    throw new QueryRejectedError(
      'PRIVATE_DATA',
      'With accounts on, the console reads nodes by label only: start from a label, e.g. MATCH (n:Entity) instead of MATCH (n).',
    );
  if (FORBIDDEN_OPERATORS.test(operator)) {
    const what = FORBIDDEN_OPERATOR_NAMES.find(([pattern]) => pattern.test(operator))?.[1] ?? 'this query would write';
    throw new QueryRejectedError('FORBIDDEN_OPERATOR', `The console is read-only: ${what}.`);
  }
  if (/ProcedureCall/i.test(operator)) {
    const name = details.match(/^\s*([\w.]+)\s*\(/)?.[1];
    if (!name || !ALLOWED_PROCEDURES.has(name.toLowerCase())) {
      throw new QueryRejectedError(
        'PROCEDURE_NOT_ALLOWED',
        `The console is read-only: procedure ${name ?? '(unknown)'} is not allowed; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}.`,
      );
    }
  }
  for (const child of plan.children ?? []) checkPlan(child, labelledOnly);
}

async function collect(
  tx: ManagedTransaction,
  statement: string,
  params: Record<string, unknown>,
  limits: ReadOnlyLimits,
  started: number,
): Promise<CypherResult> {
  const result = tx.run(statement, params);
  const rows: Record<string, unknown>[] = [];
  const graph = new GraphCollector();
  let columns: string[] = [];
  let truncated = false;
  for await (const record of result) {
    if (rows.length === limits.rowCap) {
      truncated = true;
      break;
    }
    columns = record.keys as string[];
    const values = record.toObject();
    graph.add(Object.values(values));
    rows.push(toPlain(values) as Record<string, unknown>);
  }
  if (columns.length === 0) columns = await result.keys();
  return { columns, rows, ...graph.graph(), truncated, rowCap: limits.rowCap, elapsedMs: Math.round(performance.now() - started) };
}

/** Strips comments (not inside strings) and refuses a second statement after a semicolon. */
export function singleStatement(query: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const c = query[i]!;
    const next = query[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') out += query[++i] ?? '';
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
    } else if (c === '/' && next === '/') {
      while (i < query.length && query[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && next === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? query.length : end + 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  const statements = splitOutsideQuotes(out).filter((s) => s.trim().length > 0);
  if (statements.length === 0) throw new QueryRejectedError('EMPTY_QUERY', 'The query is empty.');
  if (statements.length > 1) throw new QueryRejectedError('MULTIPLE_STATEMENTS', 'Only one statement can run at a time.');
  return statements[0]!.trim();
}

function splitOutsideQuotes(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      current += c;
      if (c === '\\') current += text[++i] ?? '';
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      current += c;
    } else if (c === ';') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
