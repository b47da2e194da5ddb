// Configuration from the environment, checked once at start-up. A bad value stops the process
// with a message naming the variable, never a stack trace.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ACCOUNT_ROLES } from '@model/auth.js';
import { DEFAULT_TIMEOUTS } from './db/timeouts.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const memorySize = z.string().regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 2g');
const port = z.coerce.number().int().min(0).max(65535);
/** An unset or empty variable is undefined; a set one must be an http(s) URL. */
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional());
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a neo4j:// or bolt:// URI (with +s or +ssc for TLS)')
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().min(1).optional(),
    NEO4J_HOME: z.string().min(1).default(path.join(REPO_ROOT, '.neo4j')),
    NEO4J_HEAP: memorySize.default('2g'),
    NEO4J_PAGECACHE: memorySize.default('2g'),
    NEO4J_START_TIMEOUT_MS: z.coerce.number().int().positive().default(180_000),
    // Limits that protect the database (the per-request maxima are in model/api.ts).
    READ_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_TIMEOUTS.readMs),
    PATHS_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_TIMEOUTS.pathsMs),
    CYPHER_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_TIMEOUTS.cypherMs),
    NEO4J_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_TIMEOUTS.connectMs),
    // Web exposure (see server/http/web-guard.ts).
    ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim())
          .filter((h) => h.length > 0),
      )
      .pipe(
        z.array(
          z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/, 'must be a comma-separated list of host names (no scheme, no port)'),
        ),
      ),
    TRUST_PROXY: z
      .string()
      .default('')
      .transform((v, ctx) => parseTrustProxy(v, ctx)),
    // Accounts (server/auth): none (one local admin) is the default, and allowed, on loopback only.
    AUTH: z
      .enum(['', 'none', 'local', 'oidc'])
      .default('')
      .transform((v) => (v === '' ? undefined : v)),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
    SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
    // AUTH=oidc (server/auth/oidc.ts): which of these are required is checked below.
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_REDIRECT_URL: optionalUrl,
    PUBLIC_URL: optionalUrl,
    OIDC_ROLE_CLAIM: optionalText,
    OIDC_DEFAULT_ROLE: z
      .enum(['', ...ACCOUNT_ROLES], { error: `must be one of ${ACCOUNT_ROLES.join(', ')} (or unset)` })
      .optional()
      .transform((v) => (v === '' || v === undefined ? undefined : v)),
    OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
    OIDC_PROVIDER_NAME: optionalText,
    // Records a seed transaction writes (smaller batches show finer progress, take longer).
    SEED_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    CYPHER_ROW_CAP: z.coerce.number().int().positive().max(100_000).default(1_000),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1_200),
    CYPHER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  })
  .refine((env) => !env.NEO4J_URI || env.NEO4J_PASSWORD !== undefined, {
    message: 'is required when NEO4J_URI is set',
    path: ['NEO4J_PASSWORD'],
  })
  .refine((env) => isLoopback(env.HOST) || env.AUTH === 'local' || env.AUTH === 'oidc', {
    message:
      'is not a loopback address, so anyone who can reach the port could read the graph and change or delete snapshots and saved queries; set AUTH=local (accounts: see "Accounts and roles" in the README) or AUTH=oidc, or listen on 127.0.0.1',
    path: ['HOST'],
  })
  .superRefine(checkOidc)
  .transform(({ AUTH, ...env }) => ({ ...env, AUTH: AUTH ?? ('none' as const) }));

/** With AUTH=oidc: each missing or unusable setting named (the redirect URL may come from PUBLIC_URL). */
function checkOidc(
  env: { AUTH?: string | undefined } & Partial<
    Record<'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_REDIRECT_URL' | 'PUBLIC_URL', string>
  >,
  ctx: z.RefinementCtx,
): void {
  if (env.AUTH !== 'oidc') return;
  for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
    if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with AUTH=oidc' });
  }
  if (env.OIDC_REDIRECT_URL === undefined && env.PUBLIC_URL === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['OIDC_REDIRECT_URL'],
      message: 'is required with AUTH=oidc (or set PUBLIC_URL, and it is PUBLIC_URL/api/auth/oidc/callback)',
    });
  // The provider's answers sign users in: plain HTTP only to a provider on this machine (tests, development).
  if (env.OIDC_ISSUER !== undefined && URL.canParse(env.OIDC_ISSUER)) {
    const issuer = new URL(env.OIDC_ISSUER);
    if (issuer.protocol === 'http:' && !isLoopback(issuer.hostname))
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be an https:// URL (http:// only on loopback)' });
  }
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * TRUST_PROXY, for Express's "trust proxy": empty (trust none), a number of proxy hops, or a
 * comma-separated list of proxy addresses, subnets or the names loopback, linklocal, uniquelocal.
 * "true" (trust every client's X-Forwarded-For) is refused: it would let anyone dodge rate limits.
 */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): false | number | string[] {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') {
    ctx.addIssue({ code: 'custom', message: 'must name the proxies (e.g. loopback or 10.0.0.5) or give the number of hops, not "true"' });
    return false;
  }
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const bad = entries.find((e) => !/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(e));
  if (bad !== undefined)
    ctx.addIssue({ code: 'custom', message: `"${bad}" is not an address, a subnet, or loopback / linklocal / uniquelocal` });
  return entries;
}

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
