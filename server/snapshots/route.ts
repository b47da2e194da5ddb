// Snapshots: saved views a presenter reopens, steps through and exports.
//   GET /api/snapshots, POST /api/snapshots { document }, GET/PUT/PATCH/DELETE /api/snapshots/:id,
//   POST /api/snapshots/:id/duplicate { title? }, GET /api/snapshots/:id/changes,
//   GET /api/snapshots/:id/export/:format?scale=&background=&area=
// Every body is validated in full before anything is written, and each write is one transaction,
// so a refused or failed save leaves every snapshot as it was.
import { Router } from 'express';
import { z } from 'zod';
import {
  duplicateSnapshotRequestSchema,
  patchSnapshotRequestSchema,
  saveSnapshotRequestSchema,
  snapshotId,
  type Snapshot,
} from '../../model/snapshot.js';
import type { Database } from '../db/database.js';
import { parseFormat, parseQueryOptions, sendFile } from '../formats/respond.js';
import { exportFile } from '../formats/writers.js';
import { HttpError } from '../http/errors.js';
import type { ReadLimits } from '../http/limits.js';
import { parseInput } from '../http/validate.js';
import { SnapshotStore } from './store.js';

const idParams = z.object({ id: snapshotId }).passthrough();

function idOf(params: unknown): string {
  return parseInput(idParams, params, 'params').id;
}

function found<T>(value: T | null, id: string): T {
  if (value === null) throw new HttpError(404, 'NOT_FOUND', `No snapshot with id "${id}"`, 'id');
  return value;
}

export function snapshotsRouter(db: Database, limits: ReadLimits): Router {
  const router = Router();
  const store = new SnapshotStore(db, limits.readTimeoutMs);

  router.get('/snapshots', async (_req, res) => {
    res.json({ snapshots: await store.list() });
  });

  router.post('/snapshots', async (req, res) => {
    const { document } = parseInput(saveSnapshotRequestSchema, req.body);
    res.status(201).json(await store.create(document));
  });

  router.get('/snapshots/:id', async (req, res) => {
    const id = idOf(req.params);
    res.json(found<Snapshot>(await store.get(id), id));
  });

  router.put('/snapshots/:id', async (req, res) => {
    const id = idOf(req.params);
    const { document } = parseInput(saveSnapshotRequestSchema, req.body);
    res.json(found(await store.replace(id, document), id));
  });

  router.patch('/snapshots/:id', async (req, res) => {
    const id = idOf(req.params);
    const change = parseInput(patchSnapshotRequestSchema, req.body);
    res.json(found(await store.patch(id, change), id));
  });

  router.post('/snapshots/:id/duplicate', async (req, res) => {
    const id = idOf(req.params);
    const { title } = parseInput(duplicateSnapshotRequestSchema, req.body);
    res.status(201).json(found(await store.duplicate(id, title), id));
  });

  router.delete('/snapshots/:id', async (req, res) => {
    const id = idOf(req.params);
    found(await store.delete(id) ? true : null, id);
    res.status(204).end();
  });

  router.get('/snapshots/:id/changes', async (req, res) => {
    const id = idOf(req.params);
    res.json(found(await store.changes(id), id));
  });

  router.get('/snapshots/:id/export/:format', async (req, res) => {
    const id = idOf(req.params);
    const format = parseFormat(req.params.format);
    const options = parseQueryOptions(req.query as Record<string, unknown>);
    const snapshot = found(await store.get(id), id);
    sendFile(res, await exportFile(snapshot.document, format, options, 'snapshot'));
  });

  return router;
}
