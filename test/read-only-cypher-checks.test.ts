// The read-only runner (server/queries/read-only-runner.ts) called directly: how one statement is cut
// out of what a person typed, and which plan refuses a query and why, each refusal told apart
// from the others by its message, on the test run's Neo4j. test/api-queries.test.ts and
// test/console-writes.test.ts check the same through the API.
import { afterAll, describe, expect, it } from 'vitest';
import { QueryRejectedError, explainReadOnly, runReadOnly, singleStatement } from '../server/queries/read-only-runner.js';
import { testDatabase } from './support/database.js';

/** The message of the QueryRejectedError that `run` throws (fails if it throws nothing or another error). */
async function refusal(run: () => unknown): Promise<string> {
  let error: unknown;
  try {
    await run();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(QueryRejectedError);
  return (error as Error).message;
}

describe('singleStatement', () => {
  it('strips line and block comments and the final semicolon, and trims', () => {
    expect(singleStatement('  MATCH (n) // first comment\nRETURN n /* second */ LIMIT 1 ; ')).toBe('MATCH (n) \nRETURN n   LIMIT 1');
    expect(singleStatement('RETURN 1 // to the end')).toBe('RETURN 1');
    expect(singleStatement('RETURN 1 /* never closed; RETURN 2')).toBe('RETURN 1');
    expect(singleStatement('RETURN 1/**/+2')).toBe('RETURN 1 +2');
  });

  it('leaves comment marks and semicolons inside strings and quoted names alone', () => {
    const query = 'RETURN \'a // no comment; still\' AS s, "b /* no */ ; c" AS t, 1 AS `c;d//e`';
    expect(singleStatement(query)).toBe(query);
    expect(singleStatement("RETURN 'it\\'s; fine' AS s")).toBe("RETURN 'it\\'s; fine' AS s");
    expect(singleStatement('RETURN "a\\"; b" AS s')).toBe('RETURN "a\\"; b" AS s');
  });

  it('keeps a division, a comment-like text after an escaped quote, and ends a block comment at its own close', () => {
    expect(singleStatement('RETURN 4/2 AS half')).toBe('RETURN 4/2 AS half');
    expect(singleStatement("RETURN 'it\\'s // still text' AS s")).toBe("RETURN 'it\\'s // still text' AS s");
    expect(singleStatement('RETURN 1 /*/ 2 */')).toBe('RETURN 1');
  });

  it('refuses an empty query and a second statement, after comments are gone', async () => {
    for (const empty of ['', '   ', ';', ' ; ;', '// only a comment', '/* only */ ;']) {
      expect(await refusal(() => singleStatement(empty)), JSON.stringify(empty)).toBe('The query is empty.');
    }
    for (const two of [
      'RETURN 1; RETURN 2',
      'RETURN 1 /* x */; MATCH (n) DETACH DELETE n',
      "RETURN ';' AS a; RETURN 2",
      'RETURN 1 // c\n; RETURN 2',
    ]) {
      expect(await refusal(() => singleStatement(two)), two).toBe('Only one statement can run at a time.');
    }
  });
});

describe('the read-only checks on Neo4j', () => {
  const db = testDatabase();
  afterAll(() => db.close());
  const explain = (query: string, params: Record<string, unknown> = {}) => explainReadOnly(db, query, params, 10_000);
  const limits = { rowCap: 5, timeoutMs: 10_000 };

  it('lets reads and allowed procedures through', async () => {
    await expect(explain('MATCH (n:State) RETURN n.name AS name LIMIT 3')).resolves.toBeUndefined();
    await expect(explain('CALL db.labels() YIELD label RETURN label')).resolves.toBeUndefined();
    await expect(explain('CALL db.schema.visualization()')).resolves.toBeUndefined();
    await expect(
      explain("CALL db.index.fulltext.queryNodes('entity_search', 'sandworm') YIELD node RETURN node.id AS id"),
    ).resolves.toBeUndefined();
  });

  it('refuses a read-only procedure outside the allow-list, naming it and the list', async () => {
    const message = await refusal(() => explain('CALL db.info()'));
    expect(message).toMatch(/^The console is read-only: procedure db\.info is not allowed; allowed: db\.labels, db\.relationshiptypes, /);
    expect(message).toContain('dbms.components');
  });

  it('refuses LOAD CSV from the plan, before anything is read', async () => {
    expect(await refusal(() => explain("LOAD CSV FROM 'file:///no-such-file.csv' AS row RETURN row"))).toBe(
      'The console is read-only: LOAD CSV is not allowed.',
    );
  });

  it('refuses TERMINATE, SHOW TRANSACTIONS and SHOW SETTINGS, which plan as reads', async () => {
    expect(await refusal(() => explain("TERMINATE TRANSACTIONS 'neo4j-transaction-1'"))).toBe(
      'The console is read-only: TERMINATE TRANSACTIONS is not allowed.',
    );
    expect(await refusal(() => explain('SHOW TRANSACTIONS'))).toBe(
      'The console is read-only: SHOW TRANSACTIONS and SHOW SETTINGS are not allowed.',
    );
    expect(await refusal(() => explain('SHOW SETTINGS'))).toBe(
      'The console is read-only: SHOW TRANSACTIONS and SHOW SETTINGS are not allowed.',
    );
  });

  it('refuses writes, and tells schema and administration commands apart', async () => {
    expect(await refusal(() => explain("CREATE (n:Hacked {id: 'x'}) RETURN n"))).toBe('The console is read-only: this query would write.');
    expect(await refusal(() => explain('MATCH (n:State) SET n.hacked = true'))).toBe('The console is read-only: this query would write.');
    expect(await refusal(() => explain('CREATE INDEX hacked IF NOT EXISTS FOR (n:State) ON (n.hacked)'))).toBe(
      'The console is read-only: this query is a schema or administration command.',
    );
  });

  it('gives the first line of what Neo4j says about a query it cannot plan', async () => {
    const message = await refusal(() => explain('MATCH (n RETURN n'));
    expect(message).toMatch(/^Invalid input/);
    expect(message).not.toContain('\n');
    expect(message).toBe(message.trim());
  });

  it('runs a read: its columns, rows and graph elements', async () => {
    const result = await runReadOnly(db, "MATCH (s:State {id: 'state--russia'}) RETURN s, s.name AS name", {}, limits);
    expect(result.columns).toEqual(['s', 'name']);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.name).toBe('Russia');
    expect(result.nodes.map((n) => n.id)).toEqual(['state--russia']);
    expect(result.truncated).toBe(false);
    expect(result.rowCap).toBe(5);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  it('stops at the row cap and says so, and knows the columns of an empty result', async () => {
    const exact = await runReadOnly(db, 'UNWIND range(1, 5) AS i RETURN i', {}, limits);
    expect(exact.rows.map((r) => r.i)).toEqual([1, 2, 3, 4, 5]);
    expect(exact.truncated).toBe(false);
    const over = await runReadOnly(db, 'UNWIND range(1, 6) AS i RETURN i', {}, limits);
    expect(over.rows).toHaveLength(5);
    expect(over.truncated).toBe(true);
    const empty = await runReadOnly(
      db,
      'MATCH (n:State) WHERE n.id = $id RETURN n.id AS id, n.name AS name',
      { id: 'state--atlantis' },
      limits,
    );
    expect(empty).toMatchObject({ columns: ['id', 'name'], rows: [], truncated: false });
  });

  it('refuses through runReadOnly too, without running anything', async () => {
    expect(await refusal(() => runReadOnly(db, 'MATCH (n:State) DETACH DELETE n', {}, limits))).toBe(
      'The console is read-only: this query would write.',
    );
    expect(await refusal(() => runReadOnly(db, 'RETURN 1; RETURN 2', {}, limits))).toBe('Only one statement can run at a time.');
  });
});
