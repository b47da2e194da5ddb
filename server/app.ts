// Composes the HTTP app from its features. A feature is mounted here in one line.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { DEFAULT_BODY_BYTES_MAX, ENDPOINTS } from '@model/contract.js';
import { AuditLog } from './audit/log.js';
import { auditRoutes } from './audit/routes.js';
import { Access, type AccessOptions } from './auth/access.js';
import type { OidcSettings } from './auth/oidc.js';
import { oidcRoutes } from './auth/oidc-routes.js';
import { authRoutes } from './auth/routes.js';
import { usersRoutes } from './auth/users-routes.js';
import type { Database } from './db/database.js';
import { graphRoutes } from './graph/routes.js';
import { errorHandler, notFoundApi } from './http/errors.js';
import { jsonDepthLimit } from './http/json-depth.js';
import { leaveBodyUnread, parsedJson } from './http/raw-body.js';
import { DEFAULT_LIMITS, type ReadLimits } from './http/limits.js';
import { perMinuteLimit } from './http/rate-limit.js';
import { readinessGate } from './http/readiness-gate.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { allowedHosts, hostAllowList, unsafeMethodGuard } from './http/web-guard.js';
import { SystemStatus } from './lifecycle/status.js';
import type { Logger } from './logger.js';
import { queriesRoutes } from './queries/routes.js';
import { sharingRoutes } from './sharing/routes.js';
import { snapshotsRoutes } from './snapshots/routes.js';
import { stixImportRoutes } from './stix/routes.js';
import { systemRoutes } from './system/routes.js';

export interface AppOptions {
  db: Database;
  logger: Logger;
  /** Folder of the built client to serve (production); none in tests of the API alone. */
  clientDir?: string;
  limits?: ReadLimits;
  /** Where start-up is; API requests get 503 until it is `ready`. Ready by default (tests). */
  status?: SystemStatus;
  /** The address it listens on and other names it is reached by (DNS-rebinding protection). */
  host?: string;
  allowedHosts?: readonly string[];
  /** Express's "trust proxy" (TRUST_PROXY): which X-Forwarded-For hops name the real client. */
  trustProxy?: false | number | string[];
  /** Check every answer against the endpoint contract: on under Vitest and in development, off otherwise (it costs time). */
  checkResponses?: boolean;
  /** AUTH: `none` (default: everyone is the local admin) or `local` (accounts, sessions, roles). */
  auth?: AccessOptions;
  /** With AUTH=oidc: the identity provider (server/auth/oidc.ts). */
  oidc?: OidcSettings | undefined;
}

const checkResponsesByDefault = process.env.VITEST !== undefined || process.env.NODE_ENV === 'development';

export function createApp({
  db,
  logger,
  clientDir,
  limits = DEFAULT_LIMITS,
  status = new SystemStatus('ready'),
  host = '127.0.0.1',
  allowedHosts: extraHosts = [],
  trustProxy = false,
  checkResponses = checkResponsesByDefault,
  auth = { mode: 'none' },
  oidc,
}: AppOptions): Express {
  const access = new Access(db, auth);
  // Every write endpoint's event, and the security events (server/audit).
  const audit = new AuditLog(db, logger);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  const names = allowedHosts(host, extraHosts);
  // API answers change with the data and clients do not revalidate them: hashing every body for
  // an ETag is wasted work. Static files keep theirs (express.static sets its own).
  app.set('etag', false);
  // helmet's headers (defaults), computed once at start-up rather than per request.
  app.use(securityHeaders());
  // One line per request with what an operator needs (see http/request-log.ts for why not pino-http).
  app.use(requestLog(app, logger, { ignore: (req) => req.url.startsWith('/api/health') }));
  app.use(hostAllowList(names));
  app.use(unsafeMethodGuard(names));
  // Saved views and exports carry whole graphs; every other body stays small. The first parser
  // that reads a body wins, so the larger limits go first, on the endpoints that declare them.
  for (const e of Object.values(ENDPOINTS)) {
    if ('bodyBytesMax' in e) app[e.method](e.path, express.json({ limit: e.bodyBytesMax }));
    if ('rawBody' in e) app[e.method](e.path, leaveBodyUnread(e.rawBody.bytesMax));
  }
  app.use(express.json({ limit: DEFAULT_BODY_BYTES_MAX, type: parsedJson }));
  app.use(jsonDepthLimit());

  const api = express.Router();
  // A limit that is off is not mounted at all: one router layer less on every request.
  if (limits.apiPerMinute > 0) api.use(perMinuteLimit(limits.apiPerMinute));
  if (limits.cypherPerMinute > 0) api.use('/cypher', perMinuteLimit(limits.cypherPerMinute));
  const features = { db, limits, checkResponses, access, audit };
  // The docs page is outside the contract: it needs what the API description needs.
  api.use('/docs', (req, _res, next) => {
    access.require(req, ENDPOINTS.openApi.role).then(() => next(), next);
  });
  api.use(systemRoutes({ db, status, checkResponses, access }));
  // Before the gate: with AUTH=none "who am I" needs no database, so the page can show the
  // start-up progress; with AUTH=local sessions are readable once Neo4j answers, seeded or not.
  api.use(authRoutes({ access, logger, checkResponses, audit }));
  api.use(oidcRoutes({ db, access, logger, checkResponses, oidc, audit }));
  api.use(readinessGate(status));
  api.use(graphRoutes(features));
  api.use(queriesRoutes(features));
  api.use(snapshotsRoutes(features));
  api.use(sharingRoutes(features));
  api.use(stixImportRoutes(features));
  api.use(usersRoutes({ ...features, store: access.store }));
  api.use(auditRoutes(features));
  api.use(notFoundApi);
  app.use('/api', api);

  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes (a shared view link) all get the app's page.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
