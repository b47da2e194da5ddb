// Seed validation (seed/dataset.ts) on small seed folders made here: each rule a seed file must
// follow, the error that names file, record and field when it does not, and what is read when it
// does. test/seed-files.test.ts checks the real seed; these check every rule on its own.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LABELS, NODE_LABELS } from '@model/graph-model.js';
import {
  deriveReportedIn,
  formatError,
  nameKey,
  qualityLines,
  qualityReport,
  readDataset,
  summaryLine,
  type SeedError,
} from '../seed/dataset.js';

const root = await mkdtemp(path.join(os.tmpdir(), 'seed-validation-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const alpha = { id: 'state--alpha', name: 'Alpha', summary: 'A state', iso2: 'AA' };
const beta = { id: 'state--beta', name: 'Beta', summary: 'Another state', iso2: 'BB' };
const unit = { id: 'threat-actor--unit', name: 'Unit', summary: 'A unit', actorType: 'state-unit' };
const report = {
  id: 'source--report',
  name: 'Report',
  summary: 'A report',
  publisher: 'P',
  title: 'T',
  published: '2024-01-02',
  url: null,
  verified: false,
  sourceType: 'report',
};
const memo = { ...report, id: 'source--memo', name: 'Memo' };
const directs = (from: string, to: string, sources = ['source--report']) => ({
  type: 'DIRECTS',
  from,
  to,
  sources,
  summary: 'says so',
  confidence: 80,
});

let count = 0;
/** A seed folder: every node file (empty unless given), and the relationship files given. */
async function seed(
  nodes: Record<string, unknown>,
  relationships: Record<string, unknown> | null = {},
  raw: Record<string, string> = {},
): Promise<string> {
  const dir = path.join(root, `seed-${count++}`);
  await mkdir(path.join(dir, 'nodes'), { recursive: true });
  for (const label of NODE_LABELS) {
    const file = LABELS[label].seedFile;
    if (file in raw) await writeFile(path.join(dir, file), raw[file]!);
    else if (!(file in nodes) || nodes[file] !== undefined) await writeFile(path.join(dir, file), JSON.stringify(nodes[file] ?? []));
  }
  if (relationships) {
    await mkdir(path.join(dir, 'relationships'));
    for (const [name, content] of Object.entries(relationships)) {
      await writeFile(path.join(dir, 'relationships', name), typeof content === 'string' ? content : JSON.stringify(content));
    }
  }
  return dir;
}

const STATES = LABELS.State.seedFile;
const ACTORS = LABELS.ThreatActor.seedFile;
const SOURCES = LABELS.Source.seedFile;
const valid = { [STATES]: [alpha, beta], [ACTORS]: [unit], [SOURCES]: [report, memo] };
const errorsOf = (errors: SeedError[]) => errors.map((e) => `${e.file} | ${e.record} | ${e.field} | ${e.message}`);

describe('a valid seed', () => {
  it('gives its nodes by label, its relationships with their ids, no errors and a summary line', async () => {
    const dataset = await readDataset(await seed(valid, { 'a.json': [directs('state--alpha', 'threat-actor--unit')] }));
    expect(dataset.errors).toEqual([]);
    expect(dataset.nodes.map((n) => [n.label, n.props.id])).toEqual([
      ['State', 'state--alpha'],
      ['State', 'state--beta'],
      ['ThreatActor', 'threat-actor--unit'],
      ['Source', 'source--report'],
      ['Source', 'source--memo'],
    ]);
    expect(dataset.nodes[0]!.props).toEqual({ ...alpha, aliases: [] });
    expect(dataset.relationships).toEqual([
      { ...directs('state--alpha', 'threat-actor--unit'), id: 'state--alpha|DIRECTS|threat-actor--unit' },
    ]);
    expect(summaryLine(dataset)).toBe('5 nodes, 1 relationships, 2 sources, 0 errors');
    expect(dataset.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is identified by the names and bytes of its files', async () => {
    const rels = [directs('state--alpha', 'threat-actor--unit')];
    const one = await readDataset(await seed(valid, { 'a.json': rels }));
    const same = await readDataset(await seed(valid, { 'a.json': rels }));
    const renamed = await readDataset(await seed(valid, { 'b.json': rels }));
    const edited = await readDataset(await seed({ ...valid, [STATES]: [{ ...alpha, summary: 'A state!' }, beta] }, { 'a.json': rels }));
    expect(same.hash).toBe(one.hash);
    expect(renamed.hash).not.toBe(one.hash);
    expect(edited.hash).not.toBe(one.hash);
  });

  it('reads the relationship files in name order, .json only, and none when there is no folder', async () => {
    const dir = await seed(valid, {
      'b.json': [directs('state--beta', 'threat-actor--unit')],
      'a.json': [directs('state--alpha', 'threat-actor--unit')],
      'notes.txt': 'not a seed file',
    });
    const dataset = await readDataset(dir);
    expect(dataset.errors).toEqual([]);
    expect(dataset.relationships.map((r) => r.from)).toEqual(['state--alpha', 'state--beta']);
    // Name order, whatever order the folder lists them in: twelve files, written in reverse.
    const states = Array.from({ length: 12 }, (_, i) => ({ ...alpha, id: `state--s${String(i).padStart(2, '0')}`, name: `State ${i}` }));
    const files = Object.fromEntries(
      states.map((st, i) => [`${String(i).padStart(2, '0')}.json`, [directs(st.id, 'threat-actor--unit')]]).reverse(),
    );
    const many = await readDataset(await seed({ ...valid, [STATES]: states }, files));
    expect(many.errors).toEqual([]);
    expect(many.relationships.map((r) => r.from)).toEqual(states.map((st) => st.id));
    const none = await readDataset(await seed(valid, null));
    expect(none.errors).toEqual([]);
    expect(none.relationships).toEqual([]);
  });
});

describe('errors in node files', () => {
  it('names each bad field of a record, by its position and id, or the record itself', async () => {
    const dir = await seed({
      [STATES]: [
        { ...alpha, name: '', iso2: 'zz' },
        'not a record',
        { ...beta, id: 42 },
        { ...beta, id: '' },
        null,
        { ...beta, aliases: ['B', ' '] },
      ],
      [SOURCES]: [report],
    });
    expect(errorsOf((await readDataset(dir)).errors)).toEqual([
      'nodes/states.json | record 0 (state--alpha) | name | must not be empty',
      'nodes/states.json | record 0 (state--alpha) | iso2 | must be an ISO 3166 alpha-2 code or "unknown"',
      expect.stringMatching(/^nodes\/states\.json \| record 1 \| \(record\) \| /),
      expect.stringMatching(/^nodes\/states\.json \| record 2 \(42\) \| id \| /),
      expect.stringMatching(/^nodes\/states\.json \| record 3 \| id \| /),
      expect.stringMatching(/^nodes\/states\.json \| record 4 \| \(record\) \| /),
      'nodes/states.json | record 5 (state--beta) | aliases.1 | must not be empty',
    ]);
  });

  it('refuses an id used twice, naming the file that used it first, and keeps the first', async () => {
    const dir = await seed({
      [STATES]: [alpha, { ...alpha, name: 'Alpha again' }],
      [SOURCES]: [report, { ...memo, id: 'source--report' }],
    });
    const dataset = await readDataset(dir);
    expect(errorsOf(dataset.errors)).toEqual([
      'nodes/states.json | record 1 (state--alpha) | id | duplicate id, already used in nodes/states.json',
      'sources.json | record 1 (source--report) | id | duplicate id, already used in sources.json',
    ]);
    expect(dataset.nodes.map((n) => n.props.name)).toEqual(['Alpha', 'Report']);
  });

  it('says when a file is missing, not JSON, or not an array', async () => {
    const dir = await seed({ [STATES]: undefined }, {}, { [ACTORS]: '[{"id": ', [SOURCES]: '{"records": []}' });
    expect(errorsOf((await readDataset(dir)).errors)).toEqual([
      'nodes/states.json | (file) | (file) | file is missing',
      expect.stringMatching(/^nodes\/threat-actors\.json \| \(file\) \| \(file\) \| not valid JSON: ./),
      'sources.json | (file) | (file) | must hold a JSON array of records',
    ]);
  });
});

describe('sources', () => {
  const checked = {
    ...memo,
    id: 'source--checked',
    url: 'https://example.org/report',
    verified: true,
    verifiedBy: 'search: the page itself',
  };

  it('need a publisher, a date, a type and a verified flag', async () => {
    const { publisher: _p, published: _d, sourceType: _t, verified: _v, ...bare } = report;
    const dir = await seed({ [SOURCES]: [bare, { ...memo, verified: 'yes' }] });
    expect(errorsOf((await readDataset(dir)).errors).map((e) => e.split(' | ').slice(0, 3).join(' | '))).toEqual([
      'sources.json | record 0 (source--report) | publisher',
      'sources.json | record 0 (source--report) | published',
      'sources.json | record 0 (source--report) | verified',
      'sources.json | record 0 (source--report) | sourceType',
      'sources.json | record 1 (source--memo) | verified',
    ]);
  });

  it('may be verified only with the URL of the copy that was checked, and that URL is http(s)', async () => {
    const dir = await seed({
      [SOURCES]: [
        checked,
        { ...checked, id: 'source--no-url', url: null },
        { ...checked, id: 'source--ftp', url: 'ftp://example.org/r.pdf' },
        { ...checked, id: 'source--js', url: 'javascript:alert(1)' },
      ],
    });
    expect(errorsOf((await readDataset(dir)).errors)).toEqual([
      'sources.json | record 1 (source--no-url) | verified | a Source can be verified only with the URL of the copy that was checked',
      'sources.json | record 2 (source--ftp) | url | must be an http:// or https:// URL',
      expect.stringMatching(/^sources\.json \| record 3 \(source--js\) \| url \| /),
    ]);
  });
});

describe('names and aliases of actor entities', () => {
  it('compare without case, spaces or punctuation', () => {
    expect(nameKey('Storm-1376')).toBe(nameKey(' storm 1376 '));
    expect(nameKey('APT42')).not.toBe(nameKey('APT4'));
  });

  it('belong to one entity: a second entity using one is refused, wherever it is', async () => {
    const gang = { id: 'proxy-gang--crew', name: 'Crew', aliases: ['UNIT'], summary: 'A gang', proxyType: 'cybercrime-group' };
    const campaign = { id: 'campaign--op', name: 'alpha', aliases: ['Op'], summary: 'An operation', campaignType: 'influence' };
    const dir = await seed({ ...valid, [LABELS.ProxyGang.seedFile]: [gang], [LABELS.Campaign.seedFile]: [campaign] });
    const dataset = await readDataset(dir);
    expect(errorsOf(dataset.errors)).toEqual([
      'nodes/proxy-gangs.json | record 0 (proxy-gang--crew) | aliases.0 | alias collision: "UNIT" is already a name or alias of threat-actor--unit (ThreatActor); an alias belongs to one entity',
      'nodes/campaigns.json | record 0 (campaign--op) | name | alias collision: "alpha" is already a name or alias of state--alpha (State); an alias belongs to one entity',
    ]);
    expect(qualityReport(dataset).aliasCollisions).toHaveLength(2);
  });

  it('may repeat within one entity, and on labels that are not actors', async () => {
    const tool = { id: 'tool--unit', name: 'Unit', aliases: [], summary: 'A tool named like the unit', toolType: 'malware' };
    const dir = await seed({ ...valid, [ACTORS]: [{ ...unit, aliases: ['unit', 'The Unit'] }], [LABELS.Tool.seedFile]: [tool] });
    expect((await readDataset(dir)).errors).toEqual([]);
  });
});

describe('the quality report', () => {
  it('gives the shares of verified sources, dated and multi-source relationships, and the collisions', async () => {
    const checked = { ...memo, url: 'https://example.org/memo', verified: true, verifiedBy: 'search: the page itself' };
    const dated = { ...directs('state--alpha', 'threat-actor--unit', ['source--report', 'source--memo']), firstSeen: '2024-05' };
    const dataset = await readDataset(
      await seed({ ...valid, [SOURCES]: [report, checked] }, { 'a.json': [dated, directs('state--beta', 'threat-actor--unit')] }),
    );
    expect(dataset.errors).toEqual([]);
    const quality = qualityReport(dataset);
    expect(quality).toEqual({
      sources: 2,
      verifiedUrl: 1,
      relationships: 2,
      withEventDate: 1,
      withFilterDate: 2,
      summaries: 3,
      summariesWithSources: 0,
      multiSource: 1,
      aliasCollisions: [],
    });
    expect(qualityLines(quality)).toEqual([
      'sources with a verified URL: 1/2 (50%)',
      'relationships with an event date (firstSeen): 1/2 (50%)',
      'relationships with a date to filter on (event or reported): 2/2 (100%)',
      'node summaries with summarySources (Sources excluded): 0/3 (0%)',
      'relationships with more than one source: 1/2 (50%)',
      'alias collisions: 0',
    ]);
    // A summary that names its sources counts; an empty list does not.
    const named = await readDataset(
      await seed(
        {
          ...valid,
          [STATES]: [
            { ...alpha, summarySources: ['source--report'] },
            { ...beta, summarySources: [] },
          ],
        },
        { 'a.json': [dated] },
      ),
    );
    expect(named.errors).toEqual([]);
    expect(qualityReport(named)).toMatchObject({ summaries: 3, summariesWithSources: 1 });
    // Without its sources (a report on a partial dataset) a relationship has no date to filter on.
    const partial = qualityReport({ ...dataset, nodes: dataset.nodes.filter((n) => n.label !== 'Source') });
    expect(partial.withFilterDate).toBe(1);
    expect(qualityLines({ ...quality, sources: 0, verifiedUrl: 0, relationships: 3, withEventDate: 1 })[0]).toBe(
      'sources with a verified URL: 0/0 (0%)',
    );
    expect(qualityLines({ ...quality, relationships: 3, withEventDate: 1 })[1]).toBe(
      'relationships with an event date (firstSeen): 1/3 (33.3%)',
    );
  });
});

describe('errors in relationship files', () => {
  const check = async (relationships: unknown[], nodes: Record<string, unknown> = valid) => {
    const dataset = await readDataset(await seed(nodes, { 'r.json': relationships }));
    return { errors: errorsOf(dataset.errors), kept: dataset.relationships.map((r) => r.id) };
  };

  it('names the bad fields of a record by its position', async () => {
    const { errors, kept } = await check([
      { ...directs('state--alpha', 'threat-actor--unit'), confidence: 101 },
      'nonsense',
      directs('state--beta', 'threat-actor--unit', ['source--report', '']),
    ]);
    expect(errors).toEqual([
      expect.stringMatching(/^relationships\/r\.json \| record 0 \| confidence \| /),
      expect.stringMatching(/^relationships\/r\.json \| record 1 \| \(record\) \| /),
      'relationships/r.json | record 2 | sources.1 | must not be empty',
    ]);
    expect(kept).toEqual([]);
  });

  it('refuses ends that are unknown, invalid, or of a label the type does not allow', async () => {
    const nodes = { ...valid, [STATES]: [alpha, beta, { ...alpha, id: 'state--broken', iso2: 'broken' }] };
    const { errors, kept } = await check(
      [
        directs('state--alpha', 'threat-actor--ghost'),
        directs('state--broken', 'threat-actor--unit'),
        directs('threat-actor--unit', 'state--beta'),
      ],
      nodes,
    );
    expect(errors.filter((e) => !e.startsWith('nodes/'))).toEqual([
      'relationships/r.json | record 0 (state--alpha|DIRECTS|threat-actor--ghost) | to | unknown node id "threat-actor--ghost"',
      'relationships/r.json | record 1 (state--broken|DIRECTS|threat-actor--unit) | from | "state--broken" is itself invalid (see its error above)',
      'relationships/r.json | record 2 (threat-actor--unit|DIRECTS|state--beta) | to | DIRECTS cannot end at a State (allowed: ThreatActor, ProxyGang, Organization, Campaign)',
    ]);
    expect(kept).toEqual([]);
    const from = await check([{ ...directs('source--report', 'threat-actor--unit') }]);
    expect(from.errors).toEqual([
      'relationships/r.json | record 0 (source--report|DIRECTS|threat-actor--unit) | from | DIRECTS cannot start at a Source (allowed: State, ThreatActor, Organization, Person)',
    ]);
  });

  it('refuses a relationship from a node to itself', async () => {
    const { errors } = await check([
      {
        type: 'COLLABORATES_WITH',
        from: 'threat-actor--unit',
        to: 'threat-actor--unit',
        sources: ['source--report'],
        summary: 's',
        confidence: 50,
      },
    ]);
    expect(errors).toEqual([
      'relationships/r.json | record 0 (threat-actor--unit|COLLABORATES_WITH|threat-actor--unit) | to | a relationship cannot point to its own start',
    ]);
  });

  it('refuses sources that are unknown, invalid, not a Source, or listed twice', async () => {
    const nodes = { ...valid, [SOURCES]: [report, memo, { ...memo, id: 'source--bad', published: 'yesterday' }] };
    const { errors, kept } = await check(
      [
        directs('state--alpha', 'threat-actor--unit', ['source--report', 'source--nowhere', 'source--bad', 'state--beta']),
        directs('state--beta', 'threat-actor--unit', ['source--memo', 'source--memo']),
      ],
      nodes,
    );
    expect(errors.filter((e) => !e.startsWith('sources.json'))).toEqual([
      'relationships/r.json | record 0 (state--alpha|DIRECTS|threat-actor--unit) | sources.1 | unknown source id "source--nowhere"',
      'relationships/r.json | record 0 (state--alpha|DIRECTS|threat-actor--unit) | sources.2 | "source--bad" is itself invalid (see its error above)',
      'relationships/r.json | record 0 (state--alpha|DIRECTS|threat-actor--unit) | sources.3 | "state--beta" is a State, not a Source',
      'relationships/r.json | record 1 (state--beta|DIRECTS|threat-actor--unit) | sources | lists the same source twice',
    ]);
    expect(kept).toEqual([]);
  });

  it('refuses a reportedAt written in a seed file, naming the field, and still checks the rest of the record', async () => {
    const { errors, kept } = await check([
      { ...directs('state--alpha', 'threat-actor--unit'), reportedAt: '2024-01-02' },
      { ...directs('state--beta', 'threat-actor--unit'), reportedAt: '2024-01-02', confidence: 101 },
      directs('state--beta', 'threat-actor--unit', ['source--memo']),
    ]);
    const derived =
      'reportedAt | reportedAt is derived by the loader (the earliest published date of the cited sources) and cannot be written in a seed file';
    expect(errors).toEqual([
      `relationships/r.json | record 0 | ${derived}`,
      `relationships/r.json | record 1 | ${derived}`,
      expect.stringMatching(/^relationships\/r\.json \| record 1 \| confidence \| /),
    ]);
    expect(kept).toEqual(['state--beta|DIRECTS|threat-actor--unit']);
  });

  it('refuses a derived type, and only says that', async () => {
    const { errors } = await check([
      { type: 'REPORTED_IN', from: 'state--nowhere', to: 'state--nowhere', sources: ['source--nowhere'], summary: 's', confidence: 50 },
    ]);
    expect(errors).toEqual([
      'relationships/r.json | record 0 (state--nowhere|REPORTED_IN|state--nowhere) | type | REPORTED_IN is derived by the loader from the evidence and cannot be written in a seed file',
    ]);
  });

  it('refuses the same relationship twice, naming the file that has it first', async () => {
    const dataset = await readDataset(
      await seed(valid, {
        'b.json': [directs('state--alpha', 'threat-actor--unit', ['source--memo'])],
        'a.json': [directs('state--beta', 'threat-actor--unit'), directs('state--alpha', 'threat-actor--unit')],
      }),
    );
    expect(errorsOf(dataset.errors)).toEqual([
      'relationships/b.json | record 0 (state--alpha|DIRECTS|threat-actor--unit) | type | duplicate relationship, already in relationships/a.json',
    ]);
    expect(dataset.relationships.map((r) => [r.id, r.sources])).toEqual([
      ['state--beta|DIRECTS|threat-actor--unit', ['source--report']],
      ['state--alpha|DIRECTS|threat-actor--unit', ['source--report']],
    ]);
  });

  it('prints an error as file, record, field and message', () => {
    expect(
      formatError({ file: 'sources.json', record: 'record 3 (source--x)', field: 'url', message: 'must be http:// or https://' }),
    ).toBe('sources.json record 3 (source--x) url: must be http:// or https://');
  });
});

describe('summarySources', () => {
  it('keeps a summary’s sources, in their order', async () => {
    const dataset = await readDataset(
      await seed({ ...valid, [ACTORS]: [{ ...unit, summarySources: ['source--memo', 'source--report'] }] }),
    );
    expect(dataset.errors).toEqual([]);
    expect(dataset.nodes.find((n) => n.props.id === unit.id)!.props.summarySources).toEqual(['source--memo', 'source--report']);
  });

  it('refuses ids that are unknown, invalid, not a Source, or listed twice, naming file, record and field', async () => {
    const nodes = {
      ...valid,
      [STATES]: [{ ...alpha, summarySources: ['source--report', 'source--nowhere', 'state--beta', 'source--bad'] }, beta],
      [ACTORS]: [{ ...unit, summarySources: ['source--memo', 'source--memo'] }],
      [SOURCES]: [report, memo, { ...memo, id: 'source--bad', published: 'yesterday' }],
    };
    const dataset = await readDataset(await seed(nodes));
    expect(errorsOf(dataset.errors).filter((e) => !e.startsWith('sources.json'))).toEqual([
      'nodes/states.json | record 0 (state--alpha) | summarySources.1 | unknown source id "source--nowhere"',
      'nodes/states.json | record 0 (state--alpha) | summarySources.2 | "state--beta" is a State, not a Source',
      'nodes/states.json | record 0 (state--alpha) | summarySources.3 | "source--bad" is itself invalid (see its error above)',
      'nodes/threat-actors.json | record 0 (threat-actor--unit) | summarySources | lists the same source twice',
    ]);
  });

  it('must be a list of non-empty ids', async () => {
    const dataset = await readDataset(await seed({ ...valid, [STATES]: [{ ...alpha, summarySources: 'source--report' }, beta] }));
    expect(errorsOf(dataset.errors)).toEqual([
      expect.stringMatching(/^nodes\/states\.json \| record 0 \(state--alpha\) \| summarySources \| /),
    ]);
  });
});

describe('deriveReportedIn', () => {
  it('links each entity to each source citing it, counting the relationships, and never a source to a source', () => {
    const nodes = [
      { label: 'State' as const, props: { id: 'state--alpha' } },
      { label: 'State' as const, props: { id: 'state--beta' } },
      { label: 'ThreatActor' as const, props: { id: 'threat-actor--unit' } },
      { label: 'Source' as const, props: { id: 'source--report' } },
      { label: 'Source' as const, props: { id: 'source--memo' } },
    ];
    const relationships = [
      { ...directs('state--alpha', 'threat-actor--unit', ['source--report', 'source--memo']), id: 'r1' },
      { ...directs('state--beta', 'threat-actor--unit', ['source--report']), id: 'r2' },
      { ...directs('source--memo', 'threat-actor--unit', ['source--memo']), id: 'r3' },
    ] as Parameters<typeof deriveReportedIn>[0]['relationships'];
    const derived = deriveReportedIn({ nodes, relationships });
    const summary = (n: number) => `Cited as evidence for ${n} relationship${n === 1 ? '' : 's'} involving this entity.`;
    expect(derived).toEqual([
      {
        type: 'REPORTED_IN',
        from: 'state--alpha',
        to: 'source--report',
        sources: ['source--report'],
        summary: summary(1),
        confidence: 100,
        id: 'state--alpha|REPORTED_IN|source--report',
      },
      {
        type: 'REPORTED_IN',
        from: 'state--alpha',
        to: 'source--memo',
        sources: ['source--memo'],
        summary: summary(1),
        confidence: 100,
        id: 'state--alpha|REPORTED_IN|source--memo',
      },
      {
        type: 'REPORTED_IN',
        from: 'threat-actor--unit',
        to: 'source--report',
        sources: ['source--report'],
        summary: summary(2),
        confidence: 100,
        id: 'threat-actor--unit|REPORTED_IN|source--report',
      },
      {
        type: 'REPORTED_IN',
        from: 'threat-actor--unit',
        to: 'source--memo',
        sources: ['source--memo'],
        summary: summary(2),
        confidence: 100,
        id: 'threat-actor--unit|REPORTED_IN|source--memo',
      },
      {
        type: 'REPORTED_IN',
        from: 'state--beta',
        to: 'source--report',
        sources: ['source--report'],
        summary: summary(1),
        confidence: 100,
        id: 'state--beta|REPORTED_IN|source--report',
      },
    ]);
    expect(summary(2)).toBe('Cited as evidence for 2 relationships involving this entity.');
  });
});
