// The seed files themselves, checked without a database.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPE_INFO } from '@model/graph-model.js';
import { IDENTITY_LABELS, SEED_DIR, deriveReportedIn, nameKey, qualityLines, qualityReport, readDataset } from '../seed/dataset.js';

const run = promisify(execFile);
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function copyOfSeed(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'seed-copy-'));
  temps.push(dir);
  await cp(SEED_DIR, dir, { recursive: true });
  return dir;
}

async function editJson(file: string, edit: (records: Array<Record<string, unknown>>) => void) {
  const records = JSON.parse(await readFile(file, 'utf8')) as Array<Record<string, unknown>>;
  edit(records);
  await writeFile(file, JSON.stringify(records, null, 2));
}

describe('the seed dataset', () => {
  it('is valid, large enough and uses every label', async () => {
    const dataset = await readDataset();
    expect(dataset.errors).toEqual([]);
    expect(dataset.nodes.length).toBeGreaterThanOrEqual(120);
    expect(dataset.relationships.length).toBeGreaterThanOrEqual(250);
    const labels = new Set(dataset.nodes.map((n) => n.label));
    // Technique is filled by STIX imports (ATT&CK's attack-patterns): its seed file starts empty.
    expect([...labels].sort()).toEqual(NODE_LABELS.filter((l) => l !== 'Technique').sort());
  });

  it('cites the source article for the facts it states', async () => {
    const dataset = await readDataset();
    const article = dataset.nodes.find(
      (n) => n.label === 'Source' && n.props.published === '2024-10-15' && /criminal networks/i.test(String(n.props.title)),
    );
    expect(article, 'a Source node for the 2024-10-15 article').toBeDefined();
    const citing = dataset.relationships.filter((r) => r.sources.includes(article!.props.id));
    expect(citing.length).toBeGreaterThanOrEqual(20);
  });

  it('cites the origin article by its publisher and verified address', async () => {
    const dataset = await readDataset();
    const article = dataset.nodes.find((n) => n.props.id === 'source--article-2024-10-15-mddr')!;
    expect(article.props).toMatchObject({
      publisher: 'The Hill',
      published: '2024-10-15',
      url: 'https://thehill.com/policy/technology/4934393-russia-china-iran-cyberattacks-report',
      verified: true,
    });
  });

  it('marks every source verified or not, and verified ones with the address and how it was checked', async () => {
    const dataset = await readDataset();
    const sources = dataset.nodes.filter((n) => n.label === 'Source');
    expect(sources.filter((n) => typeof n.props.verified !== 'boolean').map((n) => n.props.id)).toEqual([]);
    expect(
      sources
        .filter((n) => n.props.verified === true && (typeof n.props.url !== 'string' || typeof n.props.verifiedBy !== 'string'))
        .map((n) => n.props.id),
    ).toEqual([]);
    // No title is a placeholder any more.
    expect(sources.filter((n) => /best known/i.test(`${String(n.props.title)} ${String(n.props.summary)}`)).map((n) => n.props.id)).toEqual(
      [],
    );
    expect(dataset.nodes.find((n) => n.props.id === 'source--ssci-2024-09-18-hearing')!.props.title).toBe(
      'Foreign Threats to Elections in 2024 – Roles and Responsibilities of U.S. Tech Providers',
    );
  });

  it('gives each name or alias to one actor entity only', async () => {
    const dataset = await readDataset();
    const holders = new Map<string, Set<string>>();
    for (const n of dataset.nodes.filter((x) => IDENTITY_LABELS.includes(x.label))) {
      for (const name of [n.props.name, ...((n.props.aliases as string[]) ?? [])] as string[]) {
        const set = holders.get(nameKey(name)) ?? new Set<string>();
        set.add(n.props.id);
        holders.set(nameKey(name), set);
      }
    }
    expect([...holders].filter(([, ids]) => ids.size > 1)).toEqual([]);
    expect(qualityReport(dataset).aliasCollisions).toEqual([]);
  });

  it('derives one REPORTED_IN per entity and cited source', async () => {
    const dataset = await readDataset();
    const derived = deriveReportedIn(dataset);
    const sourceIds = new Set(dataset.nodes.filter((n) => n.label === 'Source').map((n) => n.props.id));
    expect(derived.length).toBeGreaterThan(0);
    for (const rel of derived) {
      expect(sourceIds.has(rel.to)).toBe(true);
      expect(rel.sources).toEqual([rel.to]);
      expect(REL_TYPE_INFO.REPORTED_IN.from).toContain(dataset.nodes.find((n) => n.props.id === rel.from)?.label);
    }
    expect(new Set(derived.map((r) => r.id)).size).toBe(derived.length);
  });

  it('names file, record and field for each kind of bad record', async () => {
    const dir = await copyOfSeed();
    await editJson(path.join(dir, 'nodes/states.json'), (records) => {
      records[0]!.name = '';
      records.push({ ...records[1]!, aliases: [] });
    });
    const firstRel = (await readDataset(dir)).relationships[0]!;
    const files = await import('node:fs/promises').then((fs) => fs.readdir(path.join(dir, 'relationships')));
    await editJson(path.join(dir, 'relationships', files[0]!), (records) => {
      records[0]!.sources = [];
      records[1]!.confidence = 140;
      records[2]!.to = 'state--atlantis';
      records.push({
        type: 'REPORTED_IN',
        from: firstRel.from,
        to: firstRel.sources[0],
        sources: firstRel.sources,
        summary: 'x',
        confidence: 50,
      });
    });
    const { errors } = await readDataset(dir);
    const describe = errors.map((e) => `${e.file}|${e.record}|${e.field}|${e.message}`);
    expect(describe).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nodes\/states\.json\|record 0 \(state--[a-z-]+\)\|name\|must not be empty$/),
        expect.stringMatching(/^nodes\/states\.json\|record \d+ \(state--[a-z-]+\)\|id\|duplicate id/),
        expect.stringMatching(/^relationships\/.+\|record 0\|sources\|must cite at least one Source$/),
        expect.stringMatching(/^relationships\/.+\|record 1\|confidence\|/),
        expect.stringMatching(/^relationships\/.+\|record 2 \(.+\)\|to\|unknown node id "state--atlantis"$/),
        expect.stringMatching(/\|type\|REPORTED_IN is derived/),
      ]),
    );
  });

  it('refuses source URLs that are not http or https, naming file, record and field', async () => {
    const dir = await copyOfSeed();
    const bad = [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org/report.pdf',
      'vbscript:msgbox(1)',
    ];
    await editJson(path.join(dir, 'sources.json'), (records) => {
      bad.forEach((url, i) => (records[i]!.url = url));
      records[bad.length]!.url = 'https://example.org/fine';
    });
    const { errors } = await readDataset(dir);
    const urlErrors = errors.filter((e) => e.field === 'url');
    expect(urlErrors).toHaveLength(bad.length);
    urlErrors.forEach((e, i) => {
      expect(e.file).toBe('sources.json');
      expect(e.record).toMatch(new RegExp(`^record ${i} \\(source--`));
    });
    expect(urlErrors.every((e) => /http:\/\/ or https:\/\//.test(e.message) || /Invalid URL/i.test(e.message))).toBe(true);
  });

  it('refuses a relationship between labels its type does not allow', async () => {
    const dir = await copyOfSeed();
    const dataset = await readDataset(dir);
    const tool = dataset.nodes.find((n) => n.label === 'Tool')!.props.id;
    const state = dataset.nodes.find((n) => n.label === 'State')!.props.id;
    const source = dataset.nodes.find((n) => n.label === 'Source')!.props.id;
    await writeFile(
      path.join(dir, 'relationships', 'zz-bad.json'),
      JSON.stringify([{ type: 'FUNDS', from: tool, to: state, sources: [source], summary: 'nonsense', confidence: 10 }]),
    );
    const { errors } = await readDataset(dir);
    expect(errors.map((e) => e.field + ': ' + e.message)).toEqual([
      'from: FUNDS cannot start at a Tool (allowed: State, ThreatActor, Organization, Person)',
      'to: FUNDS cannot end at a State (allowed: ProxyGang, Organization, Person, Campaign)',
    ]);
  });
});

describe('npm run seed:validate', () => {
  it('prints the summary line, then the quality report, and exits 0 on the real seed', async () => {
    const { stdout } = await run('npx', ['tsx', 'seed/cli.ts', 'validate']);
    const dataset = await readDataset();
    const sources = dataset.nodes.filter((n) => n.label === 'Source').length;
    expect(stdout.trim().split('\n')).toEqual([
      `${dataset.nodes.length} nodes, ${dataset.relationships.length} relationships, ${sources} sources, 0 errors`,
      ...qualityLines(qualityReport(dataset)),
    ]);
    expect(stdout).toMatch(/^alias collisions: 0$/m);
  });

  it('fails on an alias given to two actor entities, and counts it in the report', async () => {
    const dir = await copyOfSeed();
    await editJson(path.join(dir, 'nodes/campaigns.json'), (records) => {
      records[0]!.aliases = ['Storm-1376'];
    });
    const failure = await run('npx', ['tsx', 'seed/cli.ts', 'validate', '--dir', dir]).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(
      /^nodes\/campaigns\.json record 0 \(campaign--[a-z0-9-]+\) aliases\.0: alias collision: "Storm-1376" is already a name or alias of threat-actor--storm-1376 \(ThreatActor\)/m,
    );
    expect(failure?.stdout).toMatch(/^alias collisions: 1$/m);
  });

  it('exits non-zero and lists the errors on a bad seed', async () => {
    const dir = await copyOfSeed();
    await editJson(path.join(dir, 'sources.json'), (records) => {
      delete records[0]!.publisher;
    });
    const failure = await run('npx', ['tsx', 'seed/cli.ts', 'validate', '--dir', dir]).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^sources\.json record 0 \(source--[a-z0-9-]+\) publisher: /m);
    expect(failure?.stdout).toMatch(/^\d+ nodes, \d+ relationships, \d+ sources, [1-9]\d* errors$/m);
    // Relationships citing the broken source point back at its error rather than calling it unknown.
    expect(failure?.stderr).not.toMatch(/unknown source id/);
  });
});
