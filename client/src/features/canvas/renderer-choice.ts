// Which Cytoscape renderer draws the canvas: WebGL when the browser has a hardware GPU, the 2D
// canvas otherwise (a software WebGL such as SwiftShader or llvmpipe draws slower than the 2D
// canvas). A person can force either with ?renderer=webgl|canvas (remembered in this browser;
// ?renderer=auto forgets it). Chosen once per page: Cytoscape cannot switch a live canvas.

export type RendererName = 'canvas' | 'webgl';

/** What the browser says about its WebGL 2. */
export interface GpuReport {
  /** A WebGL 2 context could be made at all. */
  webgl2: boolean;
  /** WEBGL_debug_renderer_info's UNMASKED_RENDERER_WEBGL (or RENDERER), null when not told. */
  renderer: string | null;
  /** A context asked with failIfMajorPerformanceCaveat was refused: the browser knows it is slow. */
  majorPerformanceCaveat: boolean;
}

export interface RendererChoice {
  name: RendererName;
  /** Why, in a few words, for the badge's tooltip and the tests. */
  reason: string;
  forced: boolean;
}

export const RENDERER_STORAGE_KEY = 'threat-network-explorer.renderer';

/** Renderer strings of GPUs emulated on the CPU (Chromium's SwiftShader, Mesa's llvmpipe/softpipe/lavapipe, Windows' WARP). */
const SOFTWARE_RENDERERS = /swiftshader|subzero|llvmpipe|softpipe|lavapipe|software|microsoft basic render|\bwarp\b/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

/** The decision, as a pure function of what was forced and what the browser reports. */
export function chooseRenderer(forced: RendererName | null, gpu: GpuReport): RendererChoice {
  if (forced === 'webgl' && !gpu.webgl2) return { name: 'canvas', reason: 'WebGL forced, but this browser has no WebGL 2', forced: true };
  if (forced) return { name: forced, reason: `forced (?renderer=${forced})`, forced: true };
  if (!gpu.webgl2) return { name: 'canvas', reason: 'no WebGL 2 in this browser', forced: false };
  if (gpu.majorPerformanceCaveat) return { name: 'canvas', reason: 'the browser reports a slow (software) WebGL', forced: false };
  if (!gpu.renderer) return { name: 'canvas', reason: 'the browser does not name its GPU', forced: false };
  if (isSoftwareRenderer(gpu.renderer)) return { name: 'canvas', reason: `software GPU (${gpu.renderer})`, forced: false };
  return { name: 'webgl', reason: `hardware GPU (${gpu.renderer})`, forced: false };
}

/** Key-value storage as localStorage has it; a stand-in in tests. */
export interface SmallStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The renderer a person forced: ?renderer=webgl|canvas in `search` (then remembered in `storage`),
 * ?renderer=auto forgets it; else the one remembered; else null.
 */
export function forcedRenderer(search: string, storage: SmallStorage | null): RendererName | null {
  const asked = new URLSearchParams(search).get('renderer');
  try {
    if (asked === 'webgl' || asked === 'canvas') {
      storage?.setItem(RENDERER_STORAGE_KEY, asked);
      return asked;
    }
    if (asked === 'auto') {
      storage?.removeItem(RENDERER_STORAGE_KEY);
      return null;
    }
    const kept = storage?.getItem(RENDERER_STORAGE_KEY) ?? null;
    return kept === 'webgl' || kept === 'canvas' ? kept : null;
  } catch {
    // Storage blocked (private mode, a sandboxed frame): only the URL counts.
    return asked === 'webgl' || asked === 'canvas' ? asked : null;
  }
}

/** Asks the browser about its WebGL 2 (a throwaway canvas). */
export function probeGpu(doc: Document = document): GpuReport {
  const context = (attributes: WebGLContextAttributes) => {
    try {
      return doc.createElement('canvas').getContext('webgl2', attributes);
    } catch {
      return null;
    }
  };
  const gl = context({});
  if (!gl) return { webgl2: false, renderer: null, majorPerformanceCaveat: false };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String((info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) ?? '') || null;
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const strict = context({ failIfMajorPerformanceCaveat: true });
  strict?.getExtension('WEBGL_lose_context')?.loseContext();
  return { webgl2: true, renderer, majorPerformanceCaveat: strict === null };
}

let pageChoice: RendererChoice | null = null;

/** This page's renderer, decided on first call. */
export function pageRenderer(): RendererChoice {
  if (!pageChoice) {
    let storage: SmallStorage | null = null;
    try {
      storage = window.localStorage;
    } catch {
      storage = null;
    }
    const forced = forcedRenderer(window.location.search, storage);
    // A forced canvas needs no probe (and makes no WebGL context at all).
    pageChoice = chooseRenderer(
      forced,
      forced === 'canvas' ? { webgl2: false, renderer: null, majorPerformanceCaveat: false } : probeGpu(),
    );
  }
  return pageChoice;
}

/** Cytoscape's options for a renderer (cytoscape ≥ 3.31: the canvas renderer with its WebGL mode). */
export function rendererOptions(name: RendererName): { renderer?: Record<string, unknown> } {
  return name === 'webgl' ? { renderer: { name: 'canvas', webgl: true } } : {};
}

/**
 * Cytoscape's WebGL mode (3.34) draws without emitting the 'render' event the 2D canvas emits after
 * each frame, which the canvas's own 'render' announcement (and the UI benchmark) listens to: the
 * renderer's frame function is wrapped to emit it. A no-op for the 2D canvas.
 */
export function emitRenderEvents(core: { emit(event: string): unknown }, name: RendererName): void {
  if (name !== 'webgl') return;
  // cy.renderer() is Cytoscape's, not in its typings.
  const cy = core as { emit(event: string): unknown; renderer?: () => unknown };
  const r = cy.renderer?.() as { render?: (options?: { forcedContext?: unknown }) => void } | null;
  const render = r?.render;
  if (!r || !render) return;
  r.render = function (options) {
    render.call(this, options);
    if (!options?.forcedContext) cy.emit('render');
  };
}
