// npm run bench:auth [-- --samples N]
//
// The added cost per request of authentication (issue 15 aims at under 0.2 ms at p50): the access
// check of AUTH=local with a live session against AUTH=none (bench/auth-cost.ts). It uses the
// Neo4j `npm start` uses (NEO4J_URI, or the managed one, started if needed) for one session of a
// temporary account, both removed at the end.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { connectNeo4j } from '../server/db/connect.js';
import { applySchema } from '../server/db/schema.js';
import { cypher } from '../server/db/statements.js';
import { Access } from '../server/auth/access.js';
import { SESSION_COOKIE } from '../server/auth/cookies.js';
import { AuthStore } from '../server/auth/store.js';
import { newToken, tokenHash } from '../server/auth/tokens.js';
import { createLogger } from '../server/logger.js';
import { measureAuthCost } from './auth-cost.js';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '50000' } } });
const samples = Number(values.samples);
const config = loadConfig();
const neo4j = await connectNeo4j(config, createLogger('warn'));
const name = `bench-auth-${randomBytes(4).toString('hex')}`;
const store = new AuthStore(neo4j.db);
try {
  await applySchema(neo4j.db);
  // A hash no password matches: the account is never signed in to, only its session is checked.
  await store.createUser(name, 'viewer', '$argon2id$bench-no-password');
  const token = newToken();
  await store.createSession(tokenHash(token), name, new Date());
  const cost = await measureAuthCost(
    new Access(neo4j.db, { mode: 'local' }),
    new Access(neo4j.db, { mode: 'none' }),
    `${SESSION_COOKIE}=${token}`,
    samples,
  );
  console.log(`authentication per request (${cost.samples} samples, interleaved):`);
  console.log(`  AUTH=local p50 ${cost.localP50Ms.toFixed(4)} ms, AUTH=none p50 ${cost.noneP50Ms.toFixed(4)} ms`);
  console.log(
    `  added p50 ${cost.p50Ms.toFixed(4)} ms (target < 0.2 ms: ${cost.p50Ms < 0.2 ? 'met' : 'MISSED'}), added p99 ${cost.p99Ms.toFixed(4)} ms`,
  );
  process.exitCode = cost.p50Ms < 0.2 ? 0 : 1;
} finally {
  await neo4j.db.write((tx) => tx.run(cypher('bench/remove-user'), { username: name }));
  await neo4j.close();
}
