// Fetches Neo4j Community's jars from Maven Central once, into <libRoot>/<version>. The copy goes
// to a temporary folder first and is renamed into place when complete, so an interrupted fetch
// never leaves a half-filled lib folder behind.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../logger.js';
import { requireMaven } from './prerequisites.js';

const POM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pom.xml');
const COMPLETE_MARKER = '.complete';

export async function neo4jVersion(): Promise<string> {
  const pom = await readFile(POM, 'utf8');
  const version = pom.match(/<neo4j\.version>([^<]+)<\/neo4j\.version>/)?.[1];
  if (!version) throw new Error(`No <neo4j.version> in ${POM}`);
  return version;
}

/** Returns the folder holding the jars, fetching them first if needed. */
export async function ensureNeo4jLib(libRoot: string, logger: Logger): Promise<string> {
  const version = await neo4jVersion();
  const libDir = path.join(libRoot, version);
  if (existsSync(path.join(libDir, COMPLETE_MARKER))) return libDir;

  await requireMaven();
  logger.info({ version, libDir }, 'fetching Neo4j Community from Maven Central (once)');
  await mkdir(libRoot, { recursive: true });
  const staging = `${libDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const args = ['-B', '-q', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'];
  const { code, output } = await runMaven(args);
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`Maven could not fetch Neo4j ${version} (exit ${code}):\n${output.slice(-2000)}`);
  }
  await writeFile(path.join(staging, COMPLETE_MARKER), `${version}\n`);
  try {
    await rename(staging, libDir);
  } catch (err) {
    // Another process (npm start beside npm test) may have finished the same fetch first.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(libDir, COMPLETE_MARKER))) throw err;
  }
  return libDir;
}

function runMaven(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
