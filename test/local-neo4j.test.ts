// The managed Neo4j as the test run started it (global-setup.ts): same code as `npm start`.
import { stat, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { requireJava17, requireMaven } from '../server/db/local-neo4j/prerequisites.js';
import { ConfigError, loadConfig } from '../server/config.js';

const instanceDir = inject('neo4jInstanceDir');
const port = Number(new URL(inject('neo4j').uri.replace('bolt:', 'http:')).port);

function connects(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('the managed Neo4j', () => {
  it('keeps its generated password readable by its owner only', async () => {
    const file = path.join(instanceDir, 'password');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(inject('neo4j').password);
    // Hex, 192 bits: never starts with '-' (neo4j-admin would read that as an option).
    expect(inject('neo4j').password).toMatch(/^[0-9a-f]{48}$/);
  });

  it('is configured for loopback only, with auth on and usage reporting off', async () => {
    const conf = await readFile(path.join(instanceDir, 'conf', 'neo4j.conf'), 'utf8');
    expect(conf).toMatch(new RegExp(`^server\\.bolt\\.listen_address=127\\.0\\.0\\.1:${port}$`, 'm'));
    expect(conf).toMatch(/^dbms\.security\.auth_enabled=true$/m);
    expect(conf).toMatch(/^dbms\.usage_report\.enabled=false$/m);
    expect(conf).toMatch(/^server\.http\.enabled=false$/m);
  });

  it('accepts connections on loopback and refuses them on other interfaces', async () => {
    expect(await connects('127.0.0.1')).toBe(true);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) expect(await connects(external.address)).toBe(false);
  });

  it('finds Java 17+ and Maven here, and names what to install when one is missing', async () => {
    await expect(requireJava17()).resolves.toBeUndefined();
    await expect(requireMaven()).resolves.toBeUndefined();
    const path_ = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(requireJava17()).rejects.toThrow(/^Java 17 or newer is required .* install it .* or set NEO4J_URI/);
      await expect(requireMaven()).rejects.toThrow(/^Maven is required .* install it .* or set NEO4J_URI/);
    } finally {
      process.env.PATH = path_;
    }
  });
});

describe('configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: /);
    expect(() => loadConfig({ NEO4J_URI: 'bolt://db:7687' })).toThrow(/NEO4J_PASSWORD: is required when NEO4J_URI is set/);
    expect(() => loadConfig({ NEO4J_URI: 'http://db:7474', NEO4J_PASSWORD: 'x' })).toThrow(/NEO4J_URI: must be a neo4j:\/\/ or bolt:\/\//);
  });

  it('listens on loopback by default', () => {
    const config = loadConfig({});
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PORT).toBe(3000);
    expect(config.NEO4J_URI).toBeUndefined();
  });
});
