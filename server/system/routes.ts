// The system's endpoints: health, liveness and the API's own description (OpenAPI and its docs
// page). Served while the explorer starts or Neo4j is away, unlike every other endpoint.
import express from 'express';
import { ENDPOINTS } from '@model/contract.js';
import type { SystemStatus } from '../lifecycle/status.js';
import { answer, endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { liveness, readHealth } from './health.js';
import { API_DOCS_INIT, SWAGGER_UI_DIR, apiDocsPage, openApiDocument } from './openapi.js';

export function systemRoutes({ db, status, ...options }: Omit<FeatureContext, 'limits'> & { status: SystemStatus }) {
  const { router, on } = endpointRouter(options);
  on(ENDPOINTS.liveness, liveness);
  on(ENDPOINTS.health, async () => {
    const { ok, body } = await readHealth(db, status);
    return ok ? body : answer(ENDPOINTS.health, 503, body);
  });
  const document = openApiDocument();
  on(ENDPOINTS.openApi, () => document);
  // The docs page is HTML for people, not part of the API's contract.
  const page = apiDocsPage();
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(API_DOCS_INIT);
  });
  router.use('/docs', express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1h' }));
  return router;
}
