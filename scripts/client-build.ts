// Builds the client (Vite) into dist/client only when it is missing or older than its sources, one
// build at a time across processes. `npm start` runs this before the server, so a start after a
// pull rebuilds and any other start serves what is there at once; the browser tests share it.
// Run directly: `tsx scripts/client-build.ts` (exit 1 and Vite's output when the build fails).
import { existsSync } from 'node:fs';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from './run-process.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLIENT_DIR = path.join(REPO_ROOT, 'dist', 'client');
/** What the client build depends on: a newer file than dist/client/index.html means rebuild. */
const CLIENT_SOURCES = ['client', 'model', 'vite.config.ts', 'package-lock.json'];
const BUILD_TIMEOUT_MS = 240_000;
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 300_000;

export interface BuildOutcome {
  built: boolean;
  /** Why it was built: the missing index or the newest source changed since. */
  reason?: string;
  ms?: number;
}

/** Builds when stale; returns whether it did and why. Throws with Vite's output when the build fails. */
export async function buildClientIfStale(log: (line: string) => void = () => {}): Promise<BuildOutcome> {
  const reason = await staleness();
  if (reason === null) return { built: false };
  log(`building the client (${reason})`);
  const started = Date.now();
  await withBuildLock(async () => {
    // Another process may have built it while this one waited for the lock.
    if ((await staleness()) === null) return;
    const { code, output } = await runProcess('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    if (code !== 0 || !existsSync(path.join(CLIENT_DIR, 'index.html'))) {
      throw new Error(`The client build failed ("npx vite build", exit ${code}):\n${output.trim().split('\n').slice(-40).join('\n')}`);
    }
  });
  const ms = Date.now() - started;
  log(`client built in ${(ms / 1000).toFixed(1)} s`);
  return { built: true, reason, ms };
}

/** Null when dist/client is up to date, else why not. */
async function staleness(): Promise<string | null> {
  const index = path.join(CLIENT_DIR, 'index.html');
  const builtAt = existsSync(index) ? (await stat(index)).mtimeMs : 0;
  if (builtAt === 0) return 'dist/client/index.html is missing';
  const newest = await newestMtime(CLIENT_SOURCES.map((p) => path.join(REPO_ROOT, p)));
  return newest.mtimeMs > builtAt ? `${path.relative(REPO_ROOT, newest.file)} changed since the last build` : null;
}

async function newestMtime(roots: string[]): Promise<{ file: string; mtimeMs: number }> {
  let newest = { file: '', mtimeMs: 0 };
  const visit = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => null);
    if (!s) return;
    if (s.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const entry of await readdir(p)) await visit(path.join(p, entry));
    } else if (s.mtimeMs > newest.mtimeMs) {
      newest = { file: p, mtimeMs: s.mtimeMs };
    }
  };
  for (const root of roots) await visit(root);
  return newest;
}

/** One build at a time across processes (Vite empties dist/client first). */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  const lock = path.join(REPO_ROOT, 'dist', '.client-build.lock');
  await mkdir(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + BUILD_TIMEOUT_MS + 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) await rmdir(lock).catch(() => {});
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for another client build (lock ${lock})`);
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await work();
  } finally {
    await rmdir(lock).catch(() => {});
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildClientIfStale((line) => console.log(`Threat-network explorer: ${line}`)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
