// Runs an fCoSE layout in a Web Worker (fcose.worker.ts), or for a draft (thousands of elements)
// the draft layout (draft.worker.ts), and applies its positions: the canvas is drawn at once with
// provisional positions and stays usable while the layout is computed.
import type cytoscape from 'cytoscape';
import { explorerStatus } from '../../shared/test-hooks.js';

export interface LayoutRequest {
  id: number;
  nodes: Array<{ id: string; x: number; y: number }>;
  edges: Array<{ id: string; source: string; target: string }>;
  /** fCoSE options: plain data only (no functions), as a message can carry. */
  options: Record<string, unknown>;
  nodeSize: number;
}

export type LayoutResponse = { id: number; positions: Record<string, { x: number; y: number }> } | { id: number; error: string };

/** Above this many nodes a layout runs in the worker; below, on the main thread (it is quick). */
export const WORKER_LAYOUT_MIN_NODES = 300;

type WorkerKind = 'fcose' | 'draft';
const workers: Record<WorkerKind, Worker | null> = { fcose: null, draft: null };
let nextId = 1;

function layoutWorker(kind: WorkerKind): Worker {
  // Literal URLs, one per worker, as the bundler needs them to build each worker.
  workers[kind] ??=
    kind === 'draft'
      ? new Worker(new URL('./draft.worker.ts', import.meta.url), { type: 'module' })
      : new Worker(new URL('./fcose.worker.ts', import.meta.url), { type: 'module' });
  return workers[kind];
}

/**
 * Starts both layout workers ahead of their first layout. A worker's module is loaded and run
 * only when the main thread has a moment for it: one created by the first large layout waited
 * for that graph's styling and first draw (2.6 s at 5,000 nodes here) before it could begin, so
 * the layout that could have run alongside ran after them. Cheap while idle (one small script,
 * and fCoSE's, parsed on the workers' own threads).
 */
export function prewarmLayoutWorkers(): void {
  layoutWorker('draft');
  layoutWorker('fcose');
}

export interface WorkerLayoutRun {
  /** Resolves once the positions are applied (or the run was cancelled or failed). */
  done: Promise<'applied' | 'cancelled' | 'failed'>;
  cancel(): void;
}

/**
 * Lays out `eles` (nodes and the edges among them) with fCoSE in the worker and applies the
 * positions to the nodes that are still there, leaving locked (pinned) nodes where they are.
 * `options` may hold fixedNodeConstraint; `fit` is honoured on the main thread. A draft
 * (`quality: 'draft'`, what layoutOptions asks for thousands of elements) is not fCoSE's but the
 * near-linear draft layout of draft-layout.ts.
 */
export function runLayoutInWorker(
  cy: cytoscape.Core,
  eles: cytoscape.Collection,
  options: Record<string, unknown>,
  nodeSize: number,
): WorkerLayoutRun {
  const id = nextId++;
  let cancelled = false;
  const request: LayoutRequest = {
    id,
    nodes: eles.nodes().map((n) => ({ id: n.id(), ...n.position() })),
    edges: eles.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
    options: { ...options, animate: false, fit: false },
    nodeSize,
  };
  const kind: WorkerKind = options.quality === 'draft' ? 'draft' : 'fcose';
  const w = layoutWorker(kind);
  let settle: (outcome: 'applied' | 'cancelled' | 'failed') => void = () => {};
  // The same events a Cytoscape layout emits, so whoever waits for layouts waits for this one too.
  cy.emit('layoutstart');
  const done = new Promise<'applied' | 'cancelled' | 'failed'>((resolve) => {
    const onMessage = (event: MessageEvent<LayoutResponse>) => {
      if (event.data.id !== id) return;
      if (cancelled || cy.destroyed()) return settle('cancelled');
      if ('error' in event.data) {
        console.error(`The layout failed: ${event.data.error}`);
        cy.emit('layoutstop');
        return settle('failed');
      }
      const positions = event.data.positions;
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          const p = positions[n.id()];
          if (p && !n.locked()) n.position(p);
        });
      });
      if (options.fit !== false) cy.fit(undefined, typeof options.padding === 'number' ? options.padding : 30);
      explorerStatus.workerLayouts[kind]++;
      cy.emit('layoutstop');
      settle('applied');
    };
    settle = (outcome) => {
      w.removeEventListener('message', onMessage);
      resolve(outcome);
    };
    w.addEventListener('message', onMessage);
    // At once: on a second core the layout runs while the main thread draws the provisional
    // positions.
    w.postMessage(request);
  });
  return {
    done,
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      // A layout the worker is still computing would hold up the next one: stop the worker.
      w.terminate();
      if (workers[kind] === w) workers[kind] = null;
      // A fresh one at once, ready for the next layout (see prewarmLayoutWorkers).
      layoutWorker(kind);
      settle('cancelled');
    },
  };
}
