// Exports of a view: POST /api/export/:format { document, options } for a view that is not saved
// (the explorer's current one). Saved snapshots export through the same formats (server/formats).
import { Router } from 'express';
import { exportRequestSchema } from '../../model/snapshot.js';
import { parseFormat, sendFile } from '../formats/respond.js';
import { exportFile } from '../formats/writers.js';
import { parseInput } from '../http/validate.js';

export function exportRouter(): Router {
  const router = Router();
  router.post('/export/:format', async (req, res) => {
    const format = parseFormat(req.params.format);
    const { document, options } = parseInput(exportRequestSchema, req.body);
    sendFile(res, await exportFile(document, format, options, 'view'));
  });
  return router;
}
