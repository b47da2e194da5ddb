// STIX 2.1 import, first slice (read, validate, map, resolve, report; no writes), without Neo4j:
// over MITRE's Mobile ATT&CK bundle (../shared/data) and the two OASIS threat reports (test/fixtures/stix), resolved
// against the seed files. Counts are computed here from the bundles by type, independently of the
// mapping module.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../seed/dataset.js';
import { existingFromRecords } from '../server/stix/existing.js';
import { InvalidBundleError, plan, readValidBundle } from '../server/stix/import.js';
import { RELATIONSHIP_TYPES, endsAllowed, mapBundle, type StixObject } from '../server/stix/mapping.js';
import { readBundleChunks, readBundleFile } from '../server/stix/read.js';
import { buildReport, formatReport } from '../server/stix/report.js';
import { parseResolutionMap, resolve, slugOf, type ExistingEntity } from '../server/stix/resolve.js';
import { validateObject } from '../server/stix/validate.js';

const SHARED = path.resolve(import.meta.dirname, '../../shared/data');
const MOBILE = path.join(SHARED, 'mobile-attack-17.1.json');
/** The OASIS threat reports, copied into the repository (test/fixtures/stix/README.md). */
const REPORTS = path.resolve(import.meta.dirname, 'fixtures/stix');
const APT1 = path.join(REPORTS, 'apt1.json');
const POISONIVY = path.join(REPORTS, 'poisonivy.json');
const SANDWORM = 'intrusion-set--381fcf73-60f6-4ab2-9991-6af3cbc35192';

const bundleOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { id: string; objects: StixObject[] };
const live = (o: StixObject) => o.revoked !== true && o.x_mitre_deprecated !== true;
const byType = (objects: StixObject[], ...types: string[]) => objects.filter((o) => types.includes(o.type) && live(o)).length;

let existing: ExistingEntity[];
beforeAll(async () => {
  existing = existingFromRecords((await readDataset()).nodes);
});

async function writeBundle(objects: unknown[], id = 'bundle--0d6a8d8a-9b4e-4b8e-9a63-3b0b2f7c9e11'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'stix-'));
  const file = path.join(dir, 'bundle.json');
  await writeFile(file, JSON.stringify({ type: 'bundle', id, objects }));
  return file;
}

describe.skipIf(!existsSync(MOBILE))('Mobile ATT&CK 17.1 (needs ../shared/data/mobile-attack-17.1.json)', () => {
  it('streams the same objects as JSON.parse, in order', async () => {
    const streamed: unknown[] = [];
    const header = await readBundleFile(MOBILE, (o) => streamed.push(o));
    const parsed = bundleOf(MOBILE);
    expect(header).toEqual({ type: 'bundle', id: parsed.id, objectCount: parsed.objects.length });
    expect(streamed).toEqual(parsed.objects);
  });

  it('maps per label what the bundle holds per type, revoked and deprecated left out, and counts the skipped', async () => {
    const objects = bundleOf(MOBILE).objects;
    const read = await readValidBundle(MOBILE);
    const result = plan(read, existing);
    const report = buildReport(read, result);
    expect(report.objects).toBe(objects.length);
    expect(report.mappedPerLabel.ThreatActor).toBe(byType(objects, 'intrusion-set', 'threat-actor'));
    expect(report.mappedPerLabel.Tool).toBe(byType(objects, 'malware', 'tool'));
    expect(report.mappedPerLabel.Campaign).toBe(byType(objects, 'campaign'));
    expect(report.mappedPerLabel.Technique).toBe(byType(objects, 'attack-pattern'));
    expect(report.skipped.revoked['attack-pattern']).toBe(objects.filter((o) => o.type === 'attack-pattern' && o.revoked === true).length);
    const deprecated = objects.filter((o) => o.revoked !== true && o.x_mitre_deprecated === true);
    expect(Object.values(report.skipped.deprecated).reduce((a, b) => a + b, 0)).toBe(deprecated.length);
    expect(report.skipped.unmapped['course-of-action']).toBe(byType(objects, 'course-of-action'));
    expect(report.skipped.unmapped['x-mitre-tactic']).toBe(byType(objects, 'x-mitre-tactic'));
    // ATT&CK's publisher identity only creates objects: it names the publisher, it is no entity.
    expect(report.skipped.unmapped['identity (publisher)']).toBe(1);
    expect(report.bundle.publisher).toBe('The MITRE Corporation');
    expect(report.skipped.unmapped['relationship:mitigates']).toBe(
      objects.filter((o) => o.type === 'relationship' && o.relationship_type === 'mitigates' && live(o)).length,
    );
    // Every `uses` between imported objects is kept (Technique ends included), each with its sources.
    const imported = new Set(result.mapped.entities.map((e) => e.stixId));
    const uses = objects.filter(
      (o) =>
        o.type === 'relationship' &&
        o.relationship_type === 'uses' &&
        live(o) &&
        imported.has(String(o.source_ref)) &&
        imported.has(String(o.target_ref)),
    );
    expect(result.linked.relationships.filter((r) => r.type === 'USES').flatMap((r) => r.stixIds)).toHaveLength(uses.length);
    for (const r of result.linked.relationships) {
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      expect(r.sources, r.id).toContain(result.resolution.assignments.get(read.header.id as string)!.id);
    }
    expect(formatReport(report).join('\n')).toMatch(/objects\/s/);
    console.log(`Mobile ATT&CK dry run: ${Math.round(report.timing.totalMs)} ms, ${report.timing.objectsPerSecond} objects/s`);
  });

  it("merges Sandworm Team into the seed's Seashell Blizzard through its aliases", async () => {
    const result = plan(await readValidBundle(MOBILE), existing);
    const assignment = result.resolution.assignments.get(SANDWORM);
    expect(assignment).toMatchObject({ id: 'threat-actor--seashell-blizzard', label: 'ThreatActor', status: 'matched' });
    const match = result.resolution.matches.find((m) => m.stixId === SANDWORM)!;
    expect(match.objectName).toBe('Sandworm Team');
    expect(match.via).toContain('"Seashell Blizzard"');
    expect(match.via).toContain('"APT44"');
    // Relationships from Sandworm now start at our entity.
    expect(result.linked.relationships.some((r) => r.from === 'threat-actor--seashell-blizzard' && r.type === 'USES')).toBe(true);
  });

  it("a second run over a graph holding the first run's STIX ids resolves every object to the same id", async () => {
    const read = await readValidBundle(MOBILE);
    const first = plan(read, existing);
    const written: ExistingEntity[] = [
      ...existing.map((e) => {
        const stix = [...first.resolution.assignments.values()].find((a) => a.id === e.id && a.status === 'matched');
        return stix ? { ...e, stixId: stix.stixId } : e;
      }),
      ...first.resolution.created.map((a) => ({ id: a.id, label: a.label, name: 'renamed since', aliases: [], stixId: a.stixId })),
    ];
    const second = plan(read, written);
    expect(second.resolution.created).toEqual([]);
    for (const [stixId, a] of first.resolution.assignments) expect(second.resolution.assignments.get(stixId)?.id, stixId).toBe(a.id);
  });

  it('fails a bundle with one broken object, naming the object and the field, and maps nothing', async () => {
    const objects = bundleOf(MOBILE).objects;
    const malware = objects.find((o) => o.type === 'malware' && live(o))!;
    const noName = { ...malware };
    delete noName.name;
    const badDate = { ...malware, id: 'malware--6f1c1c49-2f59-4d5b-8d1e-2f0a9f3e1a11', created: '2017-13-45' };
    for (const [broken, field] of [
      [noName, '/name'],
      [badDate, '/created'],
    ] as const) {
      const file = await writeBundle([...objects.slice(0, 50), broken, ...objects.slice(50, 80)]);
      const error = await readValidBundle(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidBundleError);
      const issues = (error as InvalidBundleError).issues;
      expect(issues.some((i) => i.objectId === broken.id && i.field === field)).toBe(true);
      expect(new Set(issues.map((i) => i.objectId))).toEqual(new Set([broken.id]));
      expect((error as Error).message).toContain(broken.id);
    }
  });
});

describe('the OASIS threat reports', () => {
  it('maps APT1 by type, attributes to persons reported as disallowed ends, cites the report', async () => {
    const objects = bundleOf(APT1).objects;
    const read = await readValidBundle(APT1);
    const result = plan(read, existing);
    const report = buildReport(read, result);
    expect(report.mappedPerLabel.ThreatActor).toBe(byType(objects, 'intrusion-set', 'threat-actor'));
    expect(report.mappedPerLabel.Tool).toBe(byType(objects, 'malware', 'tool'));
    expect(report.mappedPerLabel.Person).toBe(objects.filter((o) => o.type === 'identity' && o.identity_class === 'individual').length);
    expect(report.skipped.unmapped.indicator).toBe(byType(objects, 'indicator'));
    // threat-actor attributed-to an individual: the model's ATTRIBUTED_TO does not end at a Person.
    const toPersons = objects.filter(
      (o) => o.relationship_type === 'attributed-to' && String(o.target_ref).startsWith('identity--'),
    ).length;
    expect(toPersons).toBeGreaterThan(0);
    expect(report.skipped.disallowedEnds['ATTRIBUTED_TO ThreatActor -> Person']).toBe(toPersons);
    const reportId = result.resolution.assignments.get(objects.find((o) => o.type === 'report')!.id)!.id;
    expect(result.linked.relationships.length).toBeGreaterThan(0);
    for (const r of result.linked.relationships) expect(r.sources).toContain(reportId);
  });

  it('maps Poison Ivy by type and counts relationships whose end is not imported', async () => {
    const objects = bundleOf(POISONIVY).objects;
    const read = await readValidBundle(POISONIVY);
    const report = buildReport(read, plan(read, existing));
    expect(report.mappedPerLabel.Tool).toBe(byType(objects, 'malware', 'tool'));
    expect(report.mappedPerLabel.Campaign).toBe(byType(objects, 'campaign'));
    expect(report.skipped.unmapped.vulnerability).toBe(byType(objects, 'vulnerability'));
    const toVulnerabilities = objects.filter(
      (o) => o.relationship_type === 'targets' && String(o.target_ref).startsWith('vulnerability--'),
    ).length;
    expect(Object.values(report.skipped.endNotImported).reduce((a, b) => a + b, 0)).toBe(toVulnerabilities);
  });
});

describe('validation', () => {
  const valid = {
    type: 'malware',
    spec_version: '2.1',
    id: 'malware--3a0b8c1e-4f2d-4b6a-9c3e-1d2f3a4b5c6d',
    created: '2024-01-02T03:04:05.000Z',
    modified: '2024-01-02T03:04:05.000Z',
    name: 'Example',
    is_family: true,
  };
  it('accepts a valid object and custom x_ properties, refuses what the schemas refuse', () => {
    expect(validateObject(valid, 0)).toEqual([]);
    expect(validateObject({ ...valid, x_example_note: 'custom' }, 0)).toEqual([]);
    expect(validateObject({ ...valid, confidence: 101 }, 0)[0]).toMatchObject({ objectId: valid.id, field: '/confidence' });
    expect(validateObject({ ...valid, modified: 'yesterday' }, 0)[0]).toMatchObject({ field: '/modified' });
    // Custom types get the common core only: their own properties pass, a bad created does not.
    const custom = { type: 'x-example-thing', spec_version: '2.1', id: 'x-example-thing--3a0b8c1e-4f2d-4b6a-9c3e-1d2f3a4b5c6d' };
    expect(validateObject({ ...custom, created: valid.created, modified: valid.modified, anything: { nested: 1 } }, 0)).toEqual([]);
    expect(validateObject({ ...custom, created: 'now', modified: valid.modified }, 3)[0]).toMatchObject({
      objectId: custom.id,
      field: '/created',
    });
    expect(validateObject('not an object', 7)[0]).toMatchObject({ objectId: 'objects[7]' });
  });

  it('refuses a document that is not a bundle', async () => {
    await expect(readBundleChunks(['[{"type":"malware"}]'], () => {})).rejects.toThrow('not a STIX bundle');
    await expect(readBundleChunks(['{"type":"bundle","id":"bundle--x"}'], () => {})).rejects.toThrow('no "objects"');
    await expect(readBundleChunks(['{"type":"bundle","objects":[{]}'], () => {})).rejects.toThrow('not valid JSON');
    // Broken between or after elements: the envelope's own parser refuses it.
    await expect(readBundleChunks(['{"type":"bundle","objects":[{"a":1},]}'], () => {})).rejects.toThrow('not valid JSON');
    await expect(readBundleChunks(['{"type":"bundle","objects":[{"a":1} {"b":2}]}'], () => {})).rejects.toThrow('not valid JSON');
    await expect(readBundleChunks(['{"type":"bundle","objects":[{"a":1}'], () => {})).rejects.toThrow('not valid JSON');
    await expect(readBundleChunks(['{"type":"bundle" "objects":[]}'], () => {})).rejects.toThrow('not valid JSON');
    // Named by its kind, never written out whole: a "type" nested 100,000 deep overflowed the stack
    // in the message (found by the fuzz test: the upload answered 500).
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await expect(readBundleChunks([`{"type":${deep},"objects":[]}`], () => {})).rejects.toThrow('its "type" is an array, not "bundle"');
    await expect(readBundleChunks([`{"type":"${'x'.repeat(1_000)}","objects":[]}`], () => {})).rejects.toThrow(
      `its "type" is "${'x'.repeat(100)}…"`,
    );
  });

  it('hands over the same objects as JSON.parse wherever the chunks split the text', async () => {
    for (const file of [APT1, POISONIVY]) {
      const bytes = readFileSync(file);
      const parsed = JSON.parse(bytes.toString('utf8')) as { id: string; objects: unknown[] };
      // 1 and 7 bytes: splits inside keys, strings, escapes and multi-byte characters.
      for (const size of [1, 7, 4096]) {
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const streamed: unknown[] = [];
        const header = await readBundleChunks(chunks, (o) => streamed.push(o));
        expect(header).toEqual({ type: 'bundle', id: parsed.id, objectCount: parsed.objects.length });
        expect(streamed).toEqual(parsed.objects);
      }
    }
    // Brackets, commas and quotes inside strings, an escaped key, `objects` nested elsewhere.
    const tricky = '{"x":{"objects":[9]},"obj\\u0065cts":[{"s":"]},{\\"}"},[1,{"a":[]}],"x"],"type":"bundle","id":"bundle--1"}';
    const streamed: unknown[] = [];
    const header = await readBundleChunks([tricky], (o) => streamed.push(o));
    expect(streamed).toEqual((JSON.parse(tricky) as { objects: unknown[] }).objects);
    expect(header).toEqual({ type: 'bundle', id: 'bundle--1', objectCount: 3 });
  });
});

describe('resolution', () => {
  const when = '2024-01-02T03:04:05.000Z';
  const base = { spec_version: '2.1', created: when, modified: when };
  const actor = (uuid: string, name: string, aliases: string[]): StixObject => ({
    ...base,
    type: 'intrusion-set',
    id: `intrusion-set--${uuid}`,
    name,
    aliases,
  });
  const graph: ExistingEntity[] = [
    { id: 'threat-actor--alpha-bear', label: 'ThreatActor', name: 'Alpha Bear', aliases: ['APT-100'] },
    { id: 'proxy-gang--beta-crew', label: 'ProxyGang', name: 'Beta Crew', aliases: [] },
    { id: 'tool--alpha-bear', label: 'Tool', name: 'Alpha Bear', aliases: [] },
  ];
  const one = actor('11111111-1111-4111-8111-111111111111', 'Gamma', ['alpha bear', 'BETA-CREW']);
  const two = actor('22222222-2222-4222-8222-222222222222', 'Delta', ['apt 100']);
  const three = actor('33333333-3333-4333-8333-333333333333', 'Epsilon', ['Alpha Bear']);
  const bundle = 'bundle--0d6a8d8a-9b4e-4b8e-9a63-3b0b2f7c9e11';

  it('reports both kinds of conflict, decides none of them, and creates nothing for them', () => {
    const r = resolve(mapBundle(bundle, [one, two, three], 'test.json'), graph);
    expect(r.conflicts).toEqual([
      {
        kind: 'object-matches-several',
        objects: [{ stixId: one.id, name: 'Gamma' }],
        entities: [
          { id: 'threat-actor--alpha-bear', name: 'Alpha Bear' },
          { id: 'proxy-gang--beta-crew', name: 'Beta Crew' },
        ],
        decided: false,
      },
      {
        kind: 'several-objects-match-one',
        objects: [
          { stixId: two.id, name: 'Delta' },
          { stixId: three.id, name: 'Epsilon' },
        ],
        entities: [{ id: 'threat-actor--alpha-bear', name: 'Alpha Bear' }],
        decided: false,
      },
    ]);
    // The tool of the same name is another kind of thing: never a candidate.
    for (const o of [one, two, three]) expect(r.assignments.has(o.id)).toBe(false);
    expect(r.created.filter((a) => a.label !== 'Source')).toEqual([]);
  });

  it('lets a --map file decide them, and names its bad entries', () => {
    const text = JSON.stringify({ [one.id]: 'proxy-gang--beta-crew', [two.id]: 'threat-actor--alpha-bear', [three.id]: 'new' });
    const { map, errors } = parseResolutionMap(text);
    expect(errors).toEqual([]);
    const r = resolve(mapBundle(bundle, [one, two, three], 'test.json'), graph, map);
    expect(r.conflicts.map((c) => c.decided)).toEqual([true, true]);
    expect(r.assignments.get(one.id)).toMatchObject({ id: 'proxy-gang--beta-crew', label: 'ProxyGang', status: 'mapped' });
    expect(r.assignments.get(two.id)).toMatchObject({ id: 'threat-actor--alpha-bear', status: 'mapped' });
    expect(r.assignments.get(three.id)).toMatchObject({ id: 'threat-actor--epsilon', status: 'new' });

    const bad = parseResolutionMap(JSON.stringify({ [one.id]: 'Beta Crew', 'not-a-stix-id': 'new', [two.id]: 'new' }));
    expect(bad.errors).toEqual([
      `"${one.id}": "Beta Crew" must be "new" or one of our ids (prefix--slug)`,
      '"not-a-stix-id": must be a STIX id (type--uuid)',
    ]);
    expect(parseResolutionMap('[1]').errors).toHaveLength(1);
    const wrongKind = resolve(
      mapBundle(bundle, [one], 'test.json'),
      graph,
      new Map([
        [one.id, 'tool--alpha-bear'],
        ['intrusion-set--44444444-4444-4444-8444-444444444444', 'new'],
      ]),
    );
    expect(wrongKind.mapErrors).toEqual([
      `"${one.id}": "tool--alpha-bear" is a Tool, which a ThreatActor cannot merge into`,
      '"intrusion-set--44444444-4444-4444-8444-444444444444": not an object this bundle imports',
    ]);
    expect(wrongKind.assignments.has(one.id)).toBe(false);
  });

  it('gives new entities unique ids from their names, whatever the bundle order', () => {
    const a = actor('55555555-5555-4555-8555-555555555555', 'Zeta Group', []);
    const b = {
      ...actor('66666666-6666-4666-8666-666666666666', 'Zeta  group!', []),
      type: 'threat-actor',
      id: 'threat-actor--66666666-6666-4666-8666-666666666666',
    };
    const ids = (objects: StixObject[]) => {
      const r = resolve(mapBundle(bundle, objects, 'test.json'), [
        { id: 'threat-actor--zeta-group', label: 'ThreatActor', name: 'Other', aliases: [] },
      ]);
      return [r.assignments.get(a.id)!.id, r.assignments.get(b.id)!.id];
    };
    // Same slug: the STIX ids decide the order (intrusion-set--5... before threat-actor--6...).
    expect(ids([a, b])).toEqual(['threat-actor--zeta-group-2', 'threat-actor--zeta-group-3']);
    expect(ids([b, a])).toEqual(ids([a, b]));
    expect(slugOf('Ça va, Él Niño?')).toBe('ca-va-el-nino');
  });

  it('maps criminal threat actors to ProxyGang, countries to State by code, and only allowed ends', () => {
    const gang = {
      ...base,
      type: 'threat-actor',
      id: 'threat-actor--77777777-7777-4777-8777-777777777777',
      name: 'Crew',
      threat_actor_types: ['crime-syndicate'],
    };
    const country = {
      ...base,
      type: 'location',
      id: 'location--88888888-8888-4888-8888-888888888888',
      name: 'Russian Federation',
      country: 'ru',
    };
    const city = { ...base, type: 'location', id: 'location--99999999-9999-4999-8999-999999999999', country: 'RU', city: 'Moscow' };
    const mapped = mapBundle(bundle, [gang, country, city], 'test.json');
    expect(mapped.entities.map((e) => [e.stixId, e.label])).toEqual([
      [gang.id, 'ProxyGang'],
      [country.id, 'State'],
    ]);
    expect(mapped.skipped.unmapped.location).toBe(1);
    const r = resolve(mapped, existing);
    expect(r.assignments.get(country.id)).toMatchObject({ id: 'state--russia', via: 'iso2' });
    expect(RELATIONSHIP_TYPES.get('uses')).toBe('USES');
    expect(RELATIONSHIP_TYPES.get('attributed-to')).toBe('ATTRIBUTED_TO');
    expect(RELATIONSHIP_TYPES.get('targets')).toBe('TARGETS');
    expect(endsAllowed('USES', 'Tool', 'Technique')).toBe(true);
    expect(endsAllowed('USES', 'Tool', 'Tool')).toBe(false);
    expect(endsAllowed('USES', 'Technique', 'Tool')).toBe(false);
  });
});
