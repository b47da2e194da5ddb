// Configuration from the environment, checked once at start-up. A bad value stops the process
// with a message naming the variable, never a stack trace.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const memorySize = z.string().regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 2g');
const port = z.coerce.number().int().min(0).max(65535);

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
    READ_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    PATHS_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
    CYPHER_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
    CYPHER_ROW_CAP: z.coerce.number().int().positive().max(100_000).default(1_000),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1_200),
    CYPHER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  })
  .refine((env) => !env.NEO4J_URI || env.NEO4J_PASSWORD !== undefined, {
    message: 'is required when NEO4J_URI is set',
    path: ['NEO4J_PASSWORD'],
  });

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
