// The checked list of Cypher files (server/db/statements.ts) against the cypher/ folder: every
// file the product runs is listed, and nothing listed is missing. The built-in saved queries
// (cypher/queries/) are data the queries feature reads by listing its folder.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYPHER_DIR, STATEMENT_NAMES, cypher, withSchemaNames } from '../server/db/statements.js';

function cypherFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? cypherFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.cypher')
        ? [`${prefix}${entry.name.slice(0, -'.cypher'.length)}`]
        : [],
  );
}

describe('the Cypher statements', () => {
  it('lists every file of cypher/ but the built-in queries, each once', () => {
    const files = cypherFiles(CYPHER_DIR).filter((name) => !name.startsWith('queries/'));
    expect(files.length).toBeGreaterThan(30);
    expect([...STATEMENT_NAMES].sort()).toEqual(files.sort());
  });

  it('gives the text of each, trimmed', () => {
    for (const name of STATEMENT_NAMES) {
      const text = cypher(name);
      expect(text.length, name).toBeGreaterThan(0);
      expect(text).toBe(text.trim());
    }
  });

  it('fills labels, types and bounds, and refuses anything else', () => {
    expect(withSchemaNames('MATCH (n:{{label}})-[*1..{{hops}}]-()', { label: 'State', hops: 3 })).toBe('MATCH (n:State)-[*1..3]-()');
    expect(withSchemaNames('(n:{{labels}})', { labels: ['A', 'B'] })).toBe('(n:A:B)');
    expect(() => withSchemaNames('(n:{{label}})', { label: 'State) DETACH DELETE (n' })).toThrow('{{label}}');
    expect(() => withSchemaNames('[*..{{hops}}]', { hops: -1 })).toThrow('{{hops}}');
    expect(() => withSchemaNames('(n:{{labels}})', { labels: [] })).toThrow('{{labels}}');
    expect(() => withSchemaNames('(n:{{missing}})', {})).toThrow('{{missing}}');
  });
});
