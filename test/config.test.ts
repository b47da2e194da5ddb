// Settings of exposure and proxies: refused with a message naming the variable, and doing what the
// README says they do.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { DEFAULT_LIMITS } from '../server/http/limits.js';
import { createLogger } from '../server/logger.js';
import { testDatabase } from './support/database.js';

const db = testDatabase();
afterAll(() => db.close());

describe('configuration of exposure', () => {
  it('refuses a non-loopback HOST unless AUTH=local, naming the risk', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: .*anyone who can reach the port.*AUTH=local/);
    expect(() => loadConfig({ HOST: '192.168.1.20', AUTH: 'none' })).toThrow(/HOST: /);
    expect(loadConfig({ HOST: '0.0.0.0', AUTH: 'local' }).AUTH).toBe('local');
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) {
      expect(loadConfig({ HOST: host }).HOST).toBe(host);
      expect(loadConfig({ HOST: host }).AUTH).toBe('none');
    }
    expect(loadConfig({ AUTH: 'local' }).AUTH).toBe('local');
    expect(() => loadConfig({ AUTH: 'yes' })).toThrow(/AUTH: /);
  });

  it('reads ALLOWED_HOSTS as a list of names and refuses URLs', () => {
    expect(loadConfig({ ALLOWED_HOSTS: 'explorer.newsroom.example, [::1] ,intranet' }).ALLOWED_HOSTS).toEqual([
      'explorer.newsroom.example',
      '[::1]',
      'intranet',
    ]);
    expect(loadConfig({}).ALLOWED_HOSTS).toEqual([]);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'https://explorer.example' })).toThrow(
      /ALLOWED_HOSTS\.0: must be a comma-separated list of host names/,
    );
  });

  it('reads TRUST_PROXY as hops or addresses, and refuses "true"', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must name the proxies/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY: "proxy\.example" is not an address/);
  });

  it('counts rate limits per real client behind a trusted proxy, and ignores X-Forwarded-For otherwise', async () => {
    const limits = { ...DEFAULT_LIMITS, apiPerMinute: 2 };
    const logger = createLogger('silent');
    const behindProxy = createApp({ db, logger, limits, trustProxy: ['loopback'] });
    for (const client of ['203.0.113.1', '203.0.113.2']) {
      for (let i = 0; i < 2; i++) await request(behindProxy).get('/api/health/live').set('X-Forwarded-For', client).expect(200);
    }
    const third = await request(behindProxy).get('/api/health/live').set('X-Forwarded-For', '203.0.113.1').expect(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');

    // Without TRUST_PROXY a client cannot pick a new address per request to dodge the limit.
    const direct = createApp({ db, logger, limits });
    await request(direct).get('/api/health/live').set('X-Forwarded-For', '203.0.113.1').expect(200);
    await request(direct).get('/api/health/live').set('X-Forwarded-For', '203.0.113.2').expect(200);
    await request(direct).get('/api/health/live').set('X-Forwarded-For', '203.0.113.3').expect(429);
  });
});
