import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { COOPERATION_TYPES, LABELS, NODE_LABELS, REL_TYPES, REL_TYPE_INFO } from '@model/graph-model.js';
import { withSchemaNames } from '../server/db/statements.js';

describe('the graph model', () => {
  it('is documented in the README, every label and type with its endpoints', async () => {
    const readme = await readFile('README.md', 'utf8');
    for (const label of NODE_LABELS) expect(readme, label).toContain(`| \`${label}\` |`);
    for (const type of REL_TYPES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
      expect(row, type).toBeDefined();
      const ends = row!.split('|')[3]!;
      for (const label of REL_TYPE_INFO[type].from) if (type !== 'REPORTED_IN') expect(ends, `${type} from ${label}`).toContain(label);
    }
    expect(readme).toContain(`[:${COOPERATION_TYPES.join('|')}]`);
  });

  it('gives every label its own id prefix', () => {
    const prefixes = NODE_LABELS.map((l) => LABELS[l].idPrefix);
    expect(new Set(prefixes).size).toBe(NODE_LABELS.length);
  });

  it('only puts identifiers into Cypher text', () => {
    expect(withSchemaNames('MATCH (n:{{label}})', { label: 'State' })).toBe('MATCH (n:State)');
    expect(() => withSchemaNames('MATCH (n:{{label}})', { label: 'State) DETACH DELETE n //' })).toThrow(/No safe schema name/);
    expect(() => withSchemaNames('MATCH (n:{{label}})', {})).toThrow(/No safe schema name/);
  });
});
