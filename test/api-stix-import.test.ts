// The STIX import over HTTP (server/stix/routes.ts) against the run's seeded Neo4j: upload a
// bundle, read the dry-run report, confirm or cancel; and each failure as its answer. Other test
// files run after this one in the same database: what the imports wrote is removed at the end.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UploadStore, UploadTooLargeError, removeAbandonedUploadFolders } from '../server/stix/routes-uploads.js';
import { apiClient } from './support/api.js';
import { graphCounts, rows, testDatabase } from './support/database.js';
import { removeImports } from './support/remove-imports.js';

const db = testDatabase();
const api = apiClient(db);
const FIXTURE = path.resolve(import.meta.dirname, 'fixtures/stix/poisonivy.json');
const before = await graphCounts(db);

afterAll(async () => {
  try {
    await removeImports(db);
    expect(await graphCounts(db)).toEqual(before);
  } finally {
    await db.close();
  }
});

/** The upload files the server holds now, in every stix-uploads folder of this process's temp dir. */
async function uploadFiles(): Promise<string[]> {
  const dirs = (await readdir(tmpdir())).filter((d) => d.startsWith('stix-uploads-'));
  const files = await Promise.all(
    dirs.map(async (d) => (await readdir(path.join(tmpdir(), d)).catch(() => [])).map((f) => path.join(d, f))),
  );
  return files.flat();
}

// A string: superagent would encode a Buffer as JSON ({"type": "Buffer", ...}) under this Content-Type.
const upload = (body: string, name?: string) =>
  api
    .post(`/api/import/stix${name ? `?name=${encodeURIComponent(name)}` : ''}`)
    .set('content-type', 'application/json')
    .send(body);

describe('POST /api/import/stix, then confirm', () => {
  it('answers the dry-run report, writes nothing until confirmed, then imports every mapped object', async () => {
    const bytes = await readFile(FIXTURE, 'utf8');
    const bundle = JSON.parse(bytes) as { id: string; objects: Array<{ type: string; id: string; name?: string }> };
    const dry = await upload(bytes, 'poisonivy.json').expect(201);
    const { importId, report } = dry.body as {
      importId: string;
      report: {
        bundle: { id: string };
        objects: number;
        read: Record<string, number>;
        skipped: { unmapped: Record<string, number> };
        newEntities: Array<{ stixId: string }>;
      };
    };
    expect(report.bundle.id).toBe(bundle.id);
    // No collection named in it: the bundle's Source is named after the uploaded file.
    expect((report.bundle as { name?: string }).name).toBe('poisonivy.json');
    expect(report.objects).toBe(bundle.objects.length);
    expect(report.read.malware).toBe(bundle.objects.filter((o) => o.type === 'malware').length);
    // Indicators and the course of action have no mapping: counted, not fatal.
    expect(report.skipped.unmapped.indicator).toBe(bundle.objects.filter((o) => o.type === 'indicator').length);
    expect(report.newEntities.length).toBeGreaterThan(0);
    // The dry run wrote nothing, and keeps the file until confirmed.
    expect(await graphCounts(db)).toEqual(before);
    expect((await uploadFiles()).some((f) => f.endsWith(`${importId}.json`))).toBe(true);

    const done = await api.post(`/api/import/stix/${importId}/confirm`).send({}).expect(200);
    expect(done.body.written.created).toBeGreaterThan(0);
    expect(done.body.relationshipsPerSecond).toBeGreaterThan(0);
    // Every new entity of the report is in the graph under its STIX id.
    const stixIds = report.newEntities.map((e) => e.stixId);
    const found = await rows(db, 'MATCH (n:Entity) WHERE n.stixId IN $ids RETURN count(n) AS n', { ids: stixIds });
    expect(Number(found[0]!.n)).toBe(stixIds.length);
    expect((await graphCounts(db)).nodes).toBeGreaterThan(before.nodes);
    // Confirmed: the upload is gone, and cannot be confirmed twice.
    expect((await uploadFiles()).some((f) => f.endsWith(`${importId}.json`))).toBe(false);
    await api.post(`/api/import/stix/${importId}/confirm`).send({}).expect(404);
  });

  it('refuses to confirm while a conflict is open (409), and imports once the map decides it', async () => {
    // One actor named as one seeded actor and aliased as another: it matches both.
    const actor = 'intrusion-set--0b3c0a3e-8f34-4d5e-9b1a-2c3d4e5f6a71';
    const t = '2024-01-01T00:00:00.000Z';
    const bundle = {
      type: 'bundle',
      id: 'bundle--0b3c0a3e-8f34-4d5e-9b1a-2c3d4e5f6a70',
      objects: [
        {
          type: 'intrusion-set',
          spec_version: '2.1',
          id: actor,
          created: t,
          modified: t,
          name: 'Seashell Blizzard',
          aliases: ['Federal Security Service of the Russian Federation'],
        },
      ],
    };
    const dry = await upload(JSON.stringify(bundle)).expect(201);
    const conflicts = dry.body.report.conflicts as Array<{ decided: boolean; entities: Array<{ id: string }> }>;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.decided).toBe(false);
    expect(conflicts[0]!.entities.map((e) => e.id).sort()).toEqual(['threat-actor--fsb', 'threat-actor--seashell-blizzard']);
    const refused = await api.post(`/api/import/stix/${dry.body.importId}/confirm`).send({}).expect(409);
    expect(refused.body.error.code).toBe('IMPORT_CONFLICT');
    const ok = await api
      .post(`/api/import/stix/${dry.body.importId}/confirm`)
      .send({ map: { [actor]: 'threat-actor--seashell-blizzard' } })
      .expect(200);
    expect(ok.body.written.linked).toBeGreaterThan(0);
    const [row] = await rows(db, "MATCH (n:Entity {id: 'threat-actor--seashell-blizzard'}) RETURN n.stixId AS stixId");
    expect(row!.stixId).toBe(actor);
  });
});

describe('failures are answers', () => {
  it('a body that is not JSON: 400 naming the problem, and no file left behind', async () => {
    const files = await uploadFiles();
    const res = await upload('{"type": "bundle", "objects": [ {').expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_STIX', field: 'body' });
    expect(res.body.error.message).toMatch(/not valid JSON/);
    expect(await uploadFiles()).toEqual(files);
  });

  it('a bundle with one invalid object: 400 naming the object id and the field', async () => {
    const bundle = JSON.parse(await readFile(FIXTURE, 'utf8')) as { objects: Array<Record<string, unknown>> };
    const broken = bundle.objects.find((o) => o.type === 'malware')!;
    delete broken.created;
    const res = await upload(JSON.stringify(bundle)).expect(400);
    expect(res.body.error.field).toBe(`objects/${String(broken.id)}/created`);
    expect(res.body.error.message).toContain(String(broken.id));
    // Nothing of it was written: the malware is there once, from the first test's import.
    const [n] = await rows(db, 'MATCH (n:Entity {stixId: $id}) RETURN count(n) AS n', { id: broken.id });
    expect(Number(n!.n)).toBe(1);
  });

  it('a name with a folder in it: 400 naming the query parameter', async () => {
    const res = await upload('{}', '../etc/x.json').expect(400);
    expect(res.body.error.field).toBe('name');
  });

  it('an unknown import id: 404; a malformed one: 400', async () => {
    const unknown = '6f2c1f4e-3b7a-4c59-9d0e-1a2b3c4d5e99';
    expect((await api.post(`/api/import/stix/${unknown}/confirm`).send({}).expect(404)).body.error.field).toBe('importId');
    await api.delete(`/api/import/stix/${unknown}`).expect(404);
    await api.delete('/api/import/stix/not-an-id').expect(400);
  });

  it('cancel deletes the uploaded file; the id is then unknown', async () => {
    const dry = await upload(await readFile(FIXTURE, 'utf8')).expect(201);
    const id = dry.body.importId as string;
    expect((await uploadFiles()).some((f) => f.endsWith(`${id}.json`))).toBe(true);
    await api.delete(`/api/import/stix/${id}`).expect(204);
    expect((await uploadFiles()).some((f) => f.endsWith(`${id}.json`))).toBe(false);
    await api.post(`/api/import/stix/${id}/confirm`).send({}).expect(404);
  });

  it('a declared length over the limit: 413 before the body is read', async () => {
    const res = await api
      .post('/api/import/stix')
      .set('content-type', 'application/json')
      .set('content-length', String(600 * 1024 * 1024))
      .send('{}')
      .catch((err: { response?: { status: number; body: unknown } }) => err.response!);
    expect(res.status).toBe(413);
  });
});

describe('the upload store', () => {
  it('deletes an upload left unconfirmed past its time to live, and refuses one over its size', async () => {
    const store = new UploadStore(100, 50);
    try {
      const small = await store.receive([Buffer.from('{"type":"bundle"}')]);
      expect(await readFile(small.file, 'utf8')).toBe('{"type":"bundle"}');
      await new Promise((r) => setTimeout(r, 120));
      expect(store.get(small.id)).toBeUndefined();
      await expect(readFile(small.file)).rejects.toThrow(/ENOENT/);
      await expect(store.receive([Buffer.alloc(60), Buffer.alloc(60)])).rejects.toBeInstanceOf(UploadTooLargeError);
      // Holding no upload, the store keeps no folder.
      await expect(stat(path.dirname(small.file))).rejects.toThrow(/ENOENT/);
      const next = await store.receive([Buffer.from('{}')]);
      expect(path.basename(path.dirname(next.file))).toMatch(new RegExp(`^stix-uploads-${process.pid}-`));
      expect(await store.delete(next.id)).toBe(true);
      await expect(stat(path.dirname(next.file))).rejects.toThrow(/ENOENT/);
    } finally {
      await store.close();
    }
  });

  it('removes the folders of servers that are gone, and only theirs', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'upload-folders-'));
    try {
      // A pid that was running a moment ago and is not now.
      const gone = spawnSync(process.execPath, ['-e', '0']).pid;
      const folders = {
        gone: path.join(root, `stix-uploads-${gone}-abc123`),
        live: path.join(root, `stix-uploads-${process.pid}-def456`),
        oldEmpty: path.join(root, 'stix-uploads-Gh7kL0'),
        oldFull: path.join(root, 'stix-uploads-Mn8pQ1'),
        other: path.join(root, 'something-else'),
      };
      for (const dir of Object.values(folders)) await mkdir(dir);
      for (const dir of [folders.gone, folders.live, folders.oldFull]) await writeFile(path.join(dir, 'x.json'), '{}');
      await removeAbandonedUploadFolders(root);
      expect((await readdir(root)).sort()).toEqual([path.basename(folders.live), path.basename(folders.oldFull), 'something-else'].sort());
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
