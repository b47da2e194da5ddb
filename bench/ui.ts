// npm run bench:ui [-- --runs R --pan-ms MS]
//
// How fast the canvas takes a large graph, in headless Chromium: for 2,000 nodes / 5,000 edges and
// 5,000 nodes / 12,500 edges (synthetic, in the Graph shape of model/api.ts) it calls
// window.__explorer.store.addGraph(graph) in a fresh page and measures, from that call:
//   - addGraph: until the call returns (the store update; React and Cytoscape follow after it),
//   - first render: the canvas's first 'render' event,
//   - layoutstop: the layout's 'layoutstop' event,
//   - drawn: the first 'render' after layoutstop (the laid-out graph on screen);
// then, with the graph fitted, two frame-time samples of --pan-ms (2 s) each, as mean and p95 of
// the requestAnimationFrame interval (16.7 ms is 60 fps):
//   - panBy: cy.panBy every frame, back and forth; Cytoscape redraws the whole graph each frame,
//   - drag: a mouse drag on the background, as a person pans; Cytoscape moves a bitmap of the graph
//     (textureOnViewport) while the drag lasts.
//
// The canvas needs no data from Neo4j, so no Neo4j is started: the built client (rebuilt when
// older than its sources) is served by the real app over a Database whose Bolt address has nothing
// listening; the page loads and says Neo4j is unreachable, which the benchmark ignores. Everything
// stays on 127.0.0.1; Chromium is installed with apt-get if /usr/bin/chromium is missing.
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import type { Graph } from '@model/api.js';
import { Database } from '../server/db/database.js';
import { freePort } from '../server/db/local-neo4j/instance.js';
import { CANVAS_SELECTOR, launchBrowser, openExplorer, startExplorer, type Explorer } from '../test/e2e/browser.js';
import { syntheticGraph } from './synthetic-canvas-graph.js';

const SIZES = [
  { nodes: 2_000, edges: 5_000 },
  { nodes: 5_000, edges: 12_500 },
] as const;
/** Longest a single measurement (addGraph until the layout has finished) may take. */
const MEASURE_TIMEOUT_MS = 300_000;

interface Options {
  runs: number;
  panMs: number;
}

interface FrameStats {
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

interface Sample {
  addGraphMs: number;
  firstRenderMs: number;
  layoutMs: number;
  drawnMs: number;
  /** cy.panBy every frame: Cytoscape redraws the whole graph each frame. */
  panBy: FrameStats;
  /** A mouse drag on the background: what a person does; Cytoscape pans a bitmap (textureOnViewport). */
  drag: FrameStats & { movedPx: number; moves: number; dragMs: number };
  canvasNodes: number;
  canvasEdges: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: 'string' }, 'pan-ms': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const int = (value: string | undefined, fallback: number, name: string, min: number, max: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  return { runs: int(values.runs, 1, 'runs', 1, 10), panMs: int(values['pan-ms'], 2_000, 'pan-ms', 200, 30_000) };
}

// ---- measuring in the page ----

function frameStats(intervals: number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    frames: intervals.length,
    meanMs: intervals.reduce((sum, x) => sum + x, 0) / Math.max(1, intervals.length),
    p95Ms: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

interface Hooks {
  __explorer: { store: { addGraph(graph: unknown): string[] }; events: EventTarget; canvas(): import('cytoscape').Core };
  __benchGraph: unknown;
  __benchFrames?: { intervals: number[]; stop: boolean; done: Promise<void>; panned: number };
}

async function measure(browser: Browser, explorer: Explorer, graph: Graph, o: Options): Promise<Sample> {
  const { page, context } = await openExplorer(browser, explorer.url);
  try {
    // Hand the graph over first, so its transfer is not part of the timing.
    await page.evaluate((g) => {
      (window as unknown as Hooks).__benchGraph = g;
    }, graph);

    // Loading: addGraph until the laid-out graph is drawn.
    const load = await page.evaluate(async (timeoutMs) => {
      const w = window as unknown as Hooks;
      const { store, events } = w.__explorer;
      // The next event of a type once the canvas holds nodes (not a late render of the empty canvas).
      const nextEvent = (type: string) =>
        new Promise<number>((resolve) => {
          const on = (e: Event) => {
            if (((e as CustomEvent<{ nodes: number }>).detail?.nodes ?? 0) === 0) return;
            events.removeEventListener(type, on);
            resolve(performance.now());
          };
          events.addEventListener(type, on);
        });
      const firstRender = nextEvent('render');
      const layoutStop = nextEvent('layoutstop');
      const drawn = layoutStop.then(() => nextEvent('render'));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no render and layoutstop within ${timeoutMs / 1000} s`)), timeoutMs);
      });
      const t0 = performance.now();
      store.addGraph(w.__benchGraph);
      const addGraphMs = performance.now() - t0;
      const [renderAt, layoutAt, drawnAt] = await Promise.race([Promise.all([firstRender, layoutStop, drawn]), timeout]);
      clearTimeout(timer);
      const cy = w.__explorer.canvas();
      cy.stop();
      cy.fit(undefined, 30);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return {
        addGraphMs,
        firstRenderMs: renderAt - t0,
        layoutMs: layoutAt - t0,
        drawnMs: drawnAt - t0,
        canvasNodes: cy.nodes().length,
        canvasEdges: cy.edges().length,
      };
    }, MEASURE_TIMEOUT_MS);

    // Programmatic panning: back and forth, one cy.panBy a frame, for panMs.
    const panByIntervals = await page.evaluate(
      (panMs) =>
        new Promise<number[]>((resolve) => {
          const cy = (window as unknown as Hooks).__explorer.canvas();
          const out: number[] = [];
          let last = -1;
          let frame = 0;
          const start = performance.now();
          const step = (now: number) => {
            if (last >= 0) out.push(now - last);
            last = now;
            const dir = Math.floor(frame / 30) % 2 === 0 ? 1 : -1;
            cy.panBy({ x: 12 * dir, y: 6 * dir });
            frame++;
            // For panMs and at least 10 frames; at most a minute.
            const elapsed = performance.now() - start;
            if ((elapsed < panMs || out.length < 10) && elapsed < 60_000) requestAnimationFrame(step);
            else resolve(out);
          };
          requestAnimationFrame(step);
        }),
      o.panMs,
    );

    // Mouse-drag panning from an empty corner of the canvas, while the page records frame intervals.
    const box = await page.locator(CANVAS_SELECTOR).boundingBox();
    if (!box) throw new Error('the canvas element is not displayed');
    await page.evaluate(() => {
      const w = window as unknown as Hooks;
      const cy = w.__explorer.canvas();
      const rec = { intervals: [] as number[], stop: false, done: Promise.resolve(), panned: 0 };
      // How far the view moved in all (the drag goes back and forth).
      // cy.pan() is Cytoscape's own object, changed in place: copy it.
      let at = { ...cy.pan() };
      const onPan = () => {
        const now = { ...cy.pan() };
        rec.panned += Math.hypot(now.x - at.x, now.y - at.y);
        at = now;
      };
      cy.on('pan', onPan);
      rec.done = new Promise<void>((resolve) => {
        let last = -1;
        const step = (now: number) => {
          if (last >= 0) rec.intervals.push(now - last);
          last = now;
          if (rec.stop || rec.intervals.length >= 100_000) {
            cy.off('pan', onPan);
            resolve();
          } else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      w.__benchFrames = rec;
    });
    const x0 = box.x + 8;
    const y0 = box.y + 8;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    const started = Date.now();
    let moves = 0;
    // For panMs, and at least 40 moves (a move waits for the page to take it: slow when frames are).
    for (; (Date.now() - started < o.panMs || moves < 40) && moves < 10_000 && Date.now() - started < MEASURE_TIMEOUT_MS; moves++) {
      const phase = (moves + 1) % 60;
      const offset = phase < 30 ? phase : 60 - phase;
      await page.mouse.move(x0 + 6 * offset, y0 + 3 * offset);
    }
    await page.mouse.up();
    const dragMs = Date.now() - started;
    const dragged = await page.evaluate(async () => {
      const rec = (window as unknown as Hooks).__benchFrames!;
      rec.stop = true;
      await rec.done;
      return { intervals: rec.intervals, panned: rec.panned };
    });
    const drag = { ...frameStats(dragged.intervals), movedPx: Math.round(dragged.panned), moves, dragMs };
    if (drag.movedPx === 0) throw new Error(`the mouse drag (${moves} moves in ${dragMs} ms) did not pan the canvas`);
    return { ...load, panBy: frameStats(panByIntervals), drag };
  } finally {
    await context.close();
  }
}

// ---- report ----

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function printTable(rows: Array<{ size: string; samples: Sample[] }>, runs: number, panMs: number): void {
  const head = [
    'graph',
    'addGraph',
    'first render',
    'layoutstop',
    'drawn',
    'panBy frames',
    'panBy mean',
    'panBy p95',
    'drag frames',
    'drag mean',
    'drag p95',
  ];
  const ms = (x: number) => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms` : 'n/a');
  const body = rows.map(({ size, samples }) => {
    const m = (pick: (s: Sample) => number) => median(samples.map(pick));
    return [
      size,
      ms(m((s) => s.addGraphMs)),
      ms(m((s) => s.firstRenderMs)),
      ms(m((s) => s.layoutMs)),
      ms(m((s) => s.drawnMs)),
      String(Math.round(m((s) => s.panBy.frames))),
      ms(m((s) => s.panBy.meanMs)),
      ms(m((s) => s.panBy.p95Ms)),
      String(Math.round(m((s) => s.drag.frames))),
      ms(m((s) => s.drag.meanMs)),
      ms(m((s) => s.drag.p95Ms)),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(
    `\nTimes from the addGraph call${runs > 1 ? `, median of ${runs} runs` : ''}. Frame intervals while panning for ${panMs} ms ` +
      '(16.7 ms = 60 fps): "panBy" pans with cy.panBy every frame (full redraws), "drag" with a mouse drag on the background (bitmap panning).',
  );
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of body) console.log(line(r));
}

// ---- main ----

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  console.log(
    `Machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`,
  );
  // Nothing listens on this port: the app serves the client and answers 503 on the API.
  const db = new Database({ uri: `bolt://127.0.0.1:${await freePort()}`, user: 'neo4j', password: 'none' });
  let explorer: Explorer | null = null;
  let browser: Browser | null = null;
  let closing = false;
  const cleanUp = async () => {
    if (closing) return;
    closing = true;
    await browser?.close().catch(() => {});
    await explorer?.close().catch(() => {});
    await db.close().catch(() => {});
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: closing Chromium and the server…`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let t = performance.now();
    [explorer, browser] = await Promise.all([startExplorer({ db }), launchBrowser()]);
    console.log(
      `Client served at ${explorer.url}, Chromium ${browser.version()} started in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const rows: Array<{ size: string; samples: Sample[] }> = [];
    for (const size of SIZES) {
      const graph = syntheticGraph(size.nodes, size.edges);
      const label = `${size.nodes.toLocaleString('en')} nodes / ${size.edges.toLocaleString('en')} edges`;
      const samples: Sample[] = [];
      for (let run = 1; run <= o.runs; run++) {
        t = performance.now();
        const s = await measure(browser, explorer, graph, o);
        if (s.canvasNodes !== size.nodes || s.canvasEdges !== size.edges) {
          throw new Error(`${label}: the canvas shows ${s.canvasNodes} nodes and ${s.canvasEdges} edges`);
        }
        samples.push(s);
        console.log(
          `${label}, run ${run}/${o.runs}: first render ${s.firstRenderMs.toFixed(0)} ms, layoutstop ${s.layoutMs.toFixed(0)} ms; ` +
            `panBy ${s.panBy.frames} frames (mean ${s.panBy.meanMs.toFixed(1)} ms, p95 ${s.panBy.p95Ms.toFixed(1)} ms); ` +
            `drag ${s.drag.frames} frames (mean ${s.drag.meanMs.toFixed(1)} ms, p95 ${s.drag.p95Ms.toFixed(1)} ms, ${s.drag.moves} mouse moves in ${s.drag.dragMs} ms panned ${s.drag.movedPx} px); ` +
            `${((performance.now() - t) / 1000).toFixed(1)} s in all`,
        );
      }
      rows.push({ size: label, samples });
    }
    printTable(rows, o.runs, o.panMs);
    return 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
