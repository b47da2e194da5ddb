// End-to-end helpers: the built client served by the real app over the test run's seeded Neo4j,
// driven by playwright-core in Debian's headless Chromium. Also used by the UI benchmark
// (bench/ui.ts), which passes its own Database and never calls the Vitest parts.
//
// A test file usually needs only `useExplorer()`:
//
//   const explorer = useExplorer();
//   it('finds Sandworm', async () => {
//     const { page } = explorer;
//     await page.getByRole('combobox', { name: 'Search the graph' }).fill('sandw');
//     ...
//     await waitForCanvasNodes(page, 1);
//     await doubleClickNode(page, 'threat-actor--sandworm');
//     expect(explorer.errors).toEqual([]);
//   });
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { createApp } from '../../server/app.js';
import type { AccessOptions } from '../../server/auth/access.js';
import { REPO_ROOT } from '../../server/config.js';
import { Database } from '../../server/db/database.js';
import type { SystemStatus } from '../../server/lifecycle/status.js';
import { pythonWithNetworkx } from '../support/debian.js';
import { createLogger } from '../../server/logger.js';
import { CLIENT_DIR, buildClientIfStale } from '../../scripts/client-build.js';
import { runProcess } from '../../scripts/run-process.js';

export { CLIENT_DIR };

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'e2e');
export const VIEWPORT = { width: 1440, height: 900 };
/** The search box every test waits for: the app has rendered once it is there. */
export const SEARCH_BOX = { role: 'combobox', name: 'Search the graph' } as const;
export const CANVAS_SELECTOR = '[data-testid=graph-canvas]';

const APT_TIMEOUT_MS = 600_000;

// ---- Chromium ----

let chromiumReady: Promise<string> | null = null;

/** Makes sure /usr/bin/chromium exists, installing Debian's `chromium` package with apt-get if not. */
export function ensureChromium(): Promise<string> {
  chromiumReady ??= installChromium().catch((err: unknown) => {
    chromiumReady = null;
    throw err;
  });
  return chromiumReady;
}

async function installChromium(): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  console.log(`[e2e] ${CHROMIUM_PATH} is missing: installing Chromium with "apt-get update && apt-get install -y chromium"`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH} and this process is not root, so it cannot install it. Run: sudo apt-get update && sudo apt-get install -y chromium`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    console.log(`[e2e] apt-get ${args.join(' ')}`);
    const { code, output } = await runProcess('apt-get', args, { env, timeoutMs: APT_TIMEOUT_MS, echo: true });
    if (code !== 0) {
      throw new Error(
        `"apt-get ${args.join(' ')}" failed (exit ${code}), so Chromium could not be installed at ${CHROMIUM_PATH}.\n${tail(output)}`,
      );
    }
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed "chromium" but ${CHROMIUM_PATH} is still missing`);
  console.log(`[e2e] Chromium installed at ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}

/** Headless Chromium (installed first if missing). Close it with `browser.close()`. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

// ---- the client build ----

let clientBuilt: Promise<string> | null = null;

/** Builds the client when stale (scripts/client-build.ts), at most once per process; returns the folder to serve. */
export function buildClient(): Promise<string> {
  clientBuilt ??= buildClientIfStale((line) => console.log(`[e2e] ${line}`))
    .then(() => CLIENT_DIR)
    .catch((err: unknown) => {
      clientBuilt = null;
      throw err;
    });
  return clientBuilt;
}

// ---- the explorer server ----

export interface Explorer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  db: Database;
  close(): Promise<void>;
}

/**
 * Builds the client if needed and serves it with the real app on a free loopback port.
 * Without `db`, over the test run's seeded Neo4j (`inject('neo4j')`, so only inside Vitest);
 * a `db` passed in is not closed by `close()`. A `status` plays the start-up sequence (the test
 * moves it from `seeding` to `ready`); without one the app is ready at once.
 */
export async function startExplorer(options: { db?: Database; status?: SystemStatus; auth?: AccessOptions } = {}): Promise<Explorer> {
  const clientDir = await buildClient();
  const db = options.db ?? new Database(inject('neo4j'));
  const app = createApp({
    db,
    logger: createLogger('silent'),
    clientDir,
    ...(options.status ? { status: options.status } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.db) await db.close();
    },
  };
}

// ---- pages ----

export interface ExplorerPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions of the page, as they happen. */
  errors: string[];
}

/**
 * A fresh browser context and page on the explorer (`pathAndQuery` e.g. "/?nodes=..."), waiting
 * until the app is ready: the search box shows and `window.__explorer` is there. Page console
 * errors and uncaught exceptions are collected in `errors`.
 */
export async function openExplorer(browser: Browser, url: string, pathAndQuery = '/'): Promise<ExplorerPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  // tsx (esbuild keepNames) wraps named functions in __name(...), also inside functions sent to
  // page.evaluate; give the page a no-op one so such functions run there.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await page.goto(new URL(pathAndQuery, url).href);
    await waitForApp(page);
  } catch (err) {
    await context.close();
    throw err;
  }
  return { page, context, errors };
}

/** Records console errors and uncaught exceptions of a page into the returned array. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location();
      errors.push(`console.error: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.stack ?? err.message}`));
  return errors;
}

/** Waits for the search box and the test hooks; installs the layout tracker the waits below use. */
export async function waitForApp(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.getByRole(SEARCH_BOX.role, { name: SEARCH_BOX.name }).waitFor({ state: 'visible', timeout: timeoutMs });
  await page.waitForFunction(() => Boolean((window as unknown as ExplorerWindow).__explorer?.canvas()), null, { timeout: timeoutMs });
  await page.evaluate(() => {
    const w = window as unknown as ExplorerWindow;
    if (w.__e2e) return;
    const track: E2eTracker = { renders: 0, layoutStarts: 0, layoutStops: 0, lastStartSeq: 0, lastStopSeq: 0, seq: 0 };
    w.__e2e = track;
    w.__explorer.events.addEventListener('render', () => {
      track.renders++;
    });
    // Layout events bubble from each layout to the core.
    const cy = w.__explorer.canvas()!;
    cy.on('layoutstart', () => {
      track.layoutStarts++;
      track.lastStartSeq = ++track.seq;
    });
    cy.on('layoutstop', () => {
      track.layoutStops++;
      track.lastStopSeq = ++track.seq;
    });
  });
}

/**
 * Runs `fn` on a fresh page of the explorer and closes it afterwards; on failure saves a
 * screenshot as artifacts/e2e/failed-<name>.png first. Fails if the page logged console errors
 * unless `allowErrors`.
 */
export async function withPage<T>(
  browser: Browser,
  url: string,
  fn: (page: Page, errors: string[]) => Promise<T>,
  options: { path?: string; name?: string; allowErrors?: boolean } = {},
): Promise<T> {
  const { page, context, errors } = await openExplorer(browser, url, options.path);
  try {
    const result = await fn(page, errors);
    if (!options.allowErrors && errors.length > 0) throw new Error(`The page logged errors:\n${errors.join('\n')}`);
    return result;
  } catch (err) {
    await screenshot(page, `failed-${options.name ?? 'page'}`).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

export interface ExplorerFixture {
  /** The served explorer's base URL. */
  readonly url: string;
  /** The explorer's database (the test run's seeded Neo4j), for tests that change the data. */
  readonly db: Database;
  readonly browser: Browser;
  /** A fresh page per test, already on the explorer and ready (see openExplorer). */
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions of the current test's page. */
  readonly errors: string[];
  /** Opens the current test's page again on another address (e.g. a shared view "/?nodes=..."). */
  reopen(pathAndQuery: string): Promise<Page>;
}

/**
 * Vitest hooks for a test file: one explorer server and one Chromium for the file, a fresh
 * context and page per test (closed after it), and a screenshot artifacts/e2e/failed-<test>.png
 * of a failing test. Call at the top level of the file or of a describe. `status` is passed to
 * the app (see startExplorer).
 */
export function useExplorer(options: { status?: SystemStatus } = {}): ExplorerFixture {
  let explorer: Explorer | null = null;
  let browser: Browser | null = null;
  let current: ExplorerPage | null = null;
  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`useExplorer: no ${what} (use it inside a test)`);
    return value;
  };

  beforeAll(async () => {
    [explorer, browser] = await Promise.all([startExplorer(options), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
  });
  beforeEach(async () => {
    current = await openExplorer(need(browser, 'browser'), need(explorer, 'explorer').url);
  });
  afterEach(async (ctx) => {
    const open = current;
    current = null;
    if (!open) return;
    if (ctx.task.result?.state === 'fail') {
      await screenshot(open.page, `failed-${ctx.task.name}`).catch(() => {});
      if (open.errors.length > 0) console.log(`[e2e] page errors in "${ctx.task.name}":\n${open.errors.join('\n')}`);
    }
    await open.context.close();
  });

  return {
    get url() {
      return need(explorer, 'explorer').url;
    },
    get db() {
      return need(explorer, 'explorer').db;
    },
    get browser() {
      return need(browser, 'browser');
    },
    get page() {
      return need(current, 'page').page;
    },
    get context() {
      return need(current, 'page').context;
    },
    get errors() {
      return need(current, 'page').errors;
    },
    async reopen(pathAndQuery: string) {
      const open = need(current, 'page');
      await open.page.goto(new URL(pathAndQuery, need(explorer, 'explorer').url).href);
      await waitForApp(open.page);
      return open.page;
    },
  };
}

/** Saves a PNG of the viewport as artifacts/e2e/<name>.png (name sanitised); returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const safe =
    name
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'screenshot';
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${safe}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

// ---- the canvas ----

interface E2eTracker {
  renders: number;
  layoutStarts: number;
  layoutStops: number;
  lastStartSeq: number;
  lastStopSeq: number;
  seq: number;
}

/** What App.tsx exposes on window (the parts these helpers use) and the tracker they add. */
interface ExplorerWindow {
  __explorer: {
    store: { addGraph(graph: unknown, options?: { anchor?: string; focus?: string }): string[]; getState(): unknown };
    events: EventTarget;
    status: { viewsRestored: number; workerLayouts: { draft: number; fcose: number } };
    canvas(): import('cytoscape').Core | null | undefined;
  };
  __e2e?: E2eTracker;
}

const DEFAULT_WAIT_MS = 15_000;

/**
 * Waits until the canvas holds exactly `count` nodes (or until `count(n)` is true) and returns
 * the number. With `visible`, counts only nodes not hidden (by "Hide" or a filter in hide mode).
 */
export async function waitForCanvasNodes(
  page: Page,
  count: number | ((n: number) => boolean),
  options: { visible?: boolean; timeoutMs?: number } = {},
): Promise<number> {
  const visible = options.visible ?? false;
  const check = typeof count === 'number' ? (n: number) => n === count : count;
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
  let n = -1;
  for (;;) {
    n = await page.evaluate((v) => {
      const cy = (window as unknown as ExplorerWindow).__explorer?.canvas();
      return cy ? (v ? cy.nodes(':visible') : cy.nodes()).length : -1;
    }, visible);
    if (n >= 0 && check(n)) return n;
    if (Date.now() > deadline) {
      throw new Error(
        `waitForCanvasNodes: the canvas has ${n} ${visible ? 'visible ' : ''}nodes, expected ${typeof count === 'number' ? count : count.toString()}`,
      );
    }
    await sleep(50);
  }
}

/** Ids of the nodes on the canvas (only the visible ones with `visible`), sorted. */
export async function canvasNodeIds(page: Page, options: { visible?: boolean } = {}): Promise<string[]> {
  return page.evaluate((v) => {
    const cy = (window as unknown as ExplorerWindow).__explorer.canvas()!;
    return (v ? cy.nodes(':visible') : cy.nodes()).map((n) => n.id()).sort();
  }, options.visible ?? false);
}

/** Ids of the edges on the canvas (only the visible ones with `visible`), sorted. */
export async function canvasEdgeIds(page: Page, options: { visible?: boolean } = {}): Promise<string[]> {
  return page.evaluate((v) => {
    const cy = (window as unknown as ExplorerWindow).__explorer.canvas()!;
    return (v ? cy.edges(':visible') : cy.edges()).map((e) => e.id()).sort();
  }, options.visible ?? false);
}

export interface CanvasElementState {
  id: string;
  classes: string[];
  visible: boolean;
  selected: boolean;
  locked: boolean;
  data: Record<string, unknown>;
}

/** A node's or an edge's classes (gone, faded, highlight, pinned), visibility, selection, data; null if absent. */
export async function canvasElement(page: Page, id: string): Promise<CanvasElementState | null> {
  return page.evaluate((elementId) => {
    const cy = (window as unknown as ExplorerWindow).__explorer.canvas()!;
    const el = cy.getElementById(elementId);
    if (el.empty()) return null;
    return {
      id: el.id(),
      classes: el.classes(),
      visible: el.visible(),
      selected: el.selected(),
      locked: el.isNode() ? el.locked() : false,
      data: el.data() as Record<string, unknown>,
    };
  }, id);
}

/** Layouts run so far (count of finished ones); pass it to waitForLayout to wait for a later one. */
export async function layoutCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as ExplorerWindow).__e2e?.layoutStops ?? 0);
}

/**
 * Waits until no layout is running and, with `after`, until more than `after` layouts have
 * finished (animated layouts finish when their animation ends).
 */
export async function waitForLayout(page: Page, options: { after?: number; timeoutMs?: number } = {}): Promise<void> {
  await page.waitForFunction(
    (after) => {
      const t = (window as unknown as ExplorerWindow).__e2e;
      return Boolean(t) && t!.lastStopSeq >= t!.lastStartSeq && t!.layoutStops > after;
    },
    options.after ?? -1,
    { timeout: options.timeoutMs ?? DEFAULT_WAIT_MS, polling: 50 },
  );
}

/**
 * Runs `action` (e.g. a double-click that expands a node) and waits for the layout it starts to
 * finish. Times out if the action starts no layout (nothing new was added).
 */
export async function afterLayout<T>(page: Page, action: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const before = await layoutCount(page);
  const result = await action();
  await waitForLayout(page, { after: before, ...options });
  return result;
}

/**
 * The page coordinates (for page.mouse) of a node's centre: its Cytoscape rendered position
 * plus the top-left of the canvas element. Waits until no layout runs and the node stands still;
 * fails if the node is absent, hidden or outside the canvas's visible area.
 */
export async function renderedPosition(page: Page, id: string, options: { timeoutMs?: number } = {}): Promise<{ x: number; y: number }> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
  await waitForLayout(page, { timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_MS });
  let last: { x: number; y: number; w: number; h: number; visible: boolean; animating: boolean } | null = null;
  for (;;) {
    const now = await page.evaluate((nodeId) => {
      const cy = (window as unknown as ExplorerWindow).__explorer.canvas()!;
      const node = cy.getElementById(nodeId);
      if (node.empty() || !node.isNode()) return null;
      const p = node.renderedPosition();
      return { x: p.x, y: p.y, w: cy.width(), h: cy.height(), visible: node.visible(), animating: cy.animated() || node.animated() };
    }, id);
    if (!now) throw new Error(`renderedPosition: node ${id} is not on the canvas`);
    const still = last !== null && !now.animating && Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5;
    last = now;
    if (still) break;
    if (Date.now() > deadline) throw new Error(`renderedPosition: node ${id} kept moving`);
    await sleep(80);
  }
  if (!last.visible) throw new Error(`renderedPosition: node ${id} is hidden`);
  if (last.x < 0 || last.y < 0 || last.x > last.w || last.y > last.h) {
    throw new Error(
      `renderedPosition: node ${id} is outside the visible canvas (at ${Math.round(last.x)},${Math.round(last.y)} of ${last.w}x${last.h}); fit the view first`,
    );
  }
  const box = await page.locator(CANVAS_SELECTOR).boundingBox();
  if (!box) throw new Error('renderedPosition: the canvas element is not displayed');
  return { x: box.x + last.x, y: box.y + last.y };
}

/** Clicks a node (selects it and opens the inspector). */
export async function clickNode(page: Page, id: string): Promise<void> {
  const { x, y } = await renderedPosition(page, id);
  await page.mouse.click(x, y);
}

/** Double-clicks a node (expands it); combine with afterLayout to wait for the new neighbours. */
export async function doubleClickNode(page: Page, id: string): Promise<void> {
  const { x, y } = await renderedPosition(page, id);
  await page.mouse.dblclick(x, y);
}

/** Right-clicks a node and waits for its context menu (role menu); returns the menu's locator. */
export async function rightClickNode(page: Page, id: string) {
  const { x, y } = await renderedPosition(page, id);
  await page.mouse.click(x, y, { button: 'right' });
  const menu = page.getByRole('menu');
  await menu.waitFor({ state: 'visible', timeout: DEFAULT_WAIT_MS });
  return menu;
}

/** Fits what is visible into the canvas at once (the toolbar's fit button, without its animation). */
export async function fitCanvas(page: Page): Promise<void> {
  await page.evaluate(() => {
    const cy = (window as unknown as ExplorerWindow).__explorer.canvas()!;
    cy.stop();
    cy.fit(cy.elements(':visible'), 30);
  });
}

// ---- views, snapshots, presenter mode and exports ----

export interface NodeGeometry {
  id: string;
  /** Cytoscape's model position. */
  model: { x: number; y: number };
  /** Where it is drawn on the canvas element (model × zoom + pan). */
  rendered: { x: number; y: number };
}

export interface CanvasGeometry {
  zoom: number;
  pan: { x: number; y: number };
  width: number;
  height: number;
  nodes: NodeGeometry[];
}

/**
 * Zoom, pan and every node's model and rendered position, sorted by id, of the explorer's canvas
 * or, with `selector`, of the Cytoscape drawn in that element (the presenter's, an HTML export's).
 */
export async function canvasGeometry(page: Page, selector?: string): Promise<CanvasGeometry> {
  return page.evaluate((sel) => {
    // Cytoscape keeps its instance on its container; that finds any instance on the page.
    const cy = sel
      ? (document.querySelector(sel) as unknown as { _cyreg?: { cy: import('cytoscape').Core } } | null)?._cyreg?.cy
      : (window as unknown as ExplorerWindow).__explorer.canvas();
    if (!cy) throw new Error(`canvasGeometry: no Cytoscape in ${sel ?? 'the explorer'}`);
    return {
      zoom: cy.zoom(),
      pan: { ...cy.pan() },
      width: cy.width(),
      height: cy.height(),
      nodes: cy
        .nodes()
        .map((n) => ({ id: n.id(), model: { ...n.position() }, rendered: { ...n.renderedPosition() } }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  }, selector);
}

/** Waits until the explorer has restored at least `count` saved views (a snapshot opened, a JSON imported). */
export async function waitForViewRestored(page: Page, count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  await page.waitForFunction((n) => ((window as unknown as ExplorerWindow).__explorer?.status?.viewsRestored ?? 0) >= n, count, {
    timeout: timeoutMs,
    polling: 50,
  });
}

/** The largest difference between two geometries' node positions (model and rendered); throws if the node sets differ. */
export function positionDrift(a: CanvasGeometry, b: CanvasGeometry, which: 'model' | 'rendered'): number {
  const ids = (g: CanvasGeometry) => g.nodes.map((n) => n.id).join(',');
  if (ids(a) !== ids(b)) throw new Error(`positionDrift: different nodes:\n${ids(a)}\n${ids(b)}`);
  return Math.max(0, ...a.nodes.map((n, i) => Math.hypot(n[which].x - b.nodes[i]![which].x, n[which].y - b.nodes[i]![which].y)));
}

/** Runs `action` (a click on a Download button) and returns the file the page downloads. */
export async function downloadOf(page: Page, action: () => Promise<unknown>, timeoutMs = 60_000): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: timeoutMs }), action()]);
  const file = await download.path();
  const failure = await download.failure();
  if (failure) throw new Error(`downloadOf: ${download.suggestedFilename()} failed: ${failure}`);
  return { name: download.suggestedFilename(), body: await readFile(file) };
}

/** A PNG's size from its header (signature, then IHDR: width and height, big-endian). */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error('pngSize: not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Runs a Python script with a python3 that has networkx (Debian's python3-networkx is installed
 * first if none has it; see test/support/debian.ts) and parses what it prints as JSON.
 */
export async function pythonJson<T>(script: string, args: string[] = []): Promise<T> {
  const { code, output } = await runProcess(pythonWithNetworkx(), ['-c', script, ...args], { timeoutMs: 120_000 });
  if (code !== 0) throw new Error(`python3 failed (exit ${code}):\n${tail(output)}`);
  return JSON.parse(output.trim().split('\n').pop()!) as T;
}

// ---- processes ----

function tail(text: string, lines = 40): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
