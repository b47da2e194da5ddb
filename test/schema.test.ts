import { afterAll, describe, expect, it } from 'vitest';
import { NODE_LABELS } from '@model/graph-model.js';
import { applySchema } from '../server/db/schema.js';
import { rows, testDatabase } from './support/database.js';

const db = testDatabase();
afterAll(() => db.close());

describe('cypher/schema.cypher', () => {
  it('applies twice without error and leaves the same schema', async () => {
    await applySchema(db);
    const first = await rows(db, 'SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN * ORDER BY name');
    await applySchema(db);
    const second = await rows(db, 'SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN * ORDER BY name');
    expect(second).toEqual(first);
    expect(second.map((i) => i.name)).toEqual(expect.arrayContaining(['entity_search', 'entity_id']));
    expect(second.every((i) => i.state === 'ONLINE')).toBe(true);
  });

  it('makes id unique for every label and across labels', async () => {
    const constraints = await rows(
      db,
      "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties",
    );
    const unique = new Map(constraints.map((c) => [c.label as string, c.properties as string[]]));
    for (const label of [...NODE_LABELS, 'Entity']) expect(unique.get(label), label).toEqual(['id']);
  });

  it('recreates a search index left over from an older label list', async () => {
    await db.runAutoCommit('DROP INDEX entity_search IF EXISTS');
    await db.runAutoCommit('CREATE FULLTEXT INDEX entity_search FOR (n:State|Person) ON EACH [n.name]');
    await applySchema(db);
    const [index] = await rows(
      db,
      "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state WHERE name = 'entity_search' RETURN *",
    );
    expect([...(index!.labelsOrTypes as string[])].sort()).toEqual([...NODE_LABELS].sort());
    expect(index!.properties).toEqual(['name', 'aliases', 'id']);
    expect(index!.state).toBe('ONLINE');
  });

  it('has a full-text index over name, aliases and id of every label', async () => {
    const [index] = await rows(db, "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties WHERE name = 'entity_search' RETURN *");
    expect(index).toBeDefined();
    expect([...(index!.labelsOrTypes as string[])].sort()).toEqual([...NODE_LABELS].sort());
    expect(index!.properties).toEqual(['name', 'aliases', 'id']);
  });
});
