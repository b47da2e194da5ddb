// The choice between Cytoscape's WebGL and 2D canvas renderers: WebGL only for a hardware GPU,
// and a person's forced choice (URL, then remembered) wins.
import { describe, expect, it } from 'vitest';
import {
  RENDERER_STORAGE_KEY,
  chooseRenderer,
  forcedRenderer,
  isSoftwareRenderer,
  rendererOptions,
  type GpuReport,
  type SmallStorage,
} from '../../client/src/features/canvas/renderer-choice.js';

// What headless Chromium 156 reports on this machine (probed with WEBGL_debug_renderer_info).
const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
// Illustrative strings in the shapes Mesa's software rasterizer and a hardware GPU take.
const LLVMPIPE = 'llvmpipe (LLVM 15.0.6, 256 bits)';
const HARDWARE = 'ANGLE (Vendor, Some Discrete GPU Direct3D11 vs_5_0 ps_5_0, D3D11)';

const gpu = (renderer: string | null, extra: Partial<GpuReport> = {}): GpuReport => ({
  webgl2: true,
  renderer,
  majorPerformanceCaveat: false,
  ...extra,
});

function memoryStorage(initial: Record<string, string> = {}): SmallStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => void (data[k] = v),
    removeItem: (k) => void delete data[k],
  };
}

describe('the renderer choice', () => {
  it('tells software renderers from hardware ones', () => {
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer(LLVMPIPE)).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer(HARDWARE)).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });

  it('takes WebGL for a hardware GPU only', () => {
    expect(chooseRenderer(null, gpu(HARDWARE))).toMatchObject({ name: 'webgl', forced: false });
    expect(chooseRenderer(null, gpu(SWIFTSHADER))).toMatchObject({ name: 'canvas', forced: false });
    expect(chooseRenderer(null, gpu(LLVMPIPE)).reason).toMatch(/software/);
    // The browser says its WebGL is slow, whatever it calls it.
    expect(chooseRenderer(null, gpu(HARDWARE, { majorPerformanceCaveat: true })).name).toBe('canvas');
    // No name, no WebGL 2: the canvas.
    expect(chooseRenderer(null, gpu(null)).name).toBe('canvas');
    expect(chooseRenderer(null, gpu(HARDWARE, { webgl2: false })).name).toBe('canvas');
  });

  it('lets a forced choice win, except WebGL where there is none', () => {
    expect(chooseRenderer('webgl', gpu(SWIFTSHADER))).toMatchObject({ name: 'webgl', forced: true });
    expect(chooseRenderer('canvas', gpu(HARDWARE))).toMatchObject({ name: 'canvas', forced: true });
    expect(chooseRenderer('webgl', gpu(null, { webgl2: false }))).toMatchObject({ name: 'canvas', forced: true });
  });

  it('reads ?renderer= and remembers it until ?renderer=auto', () => {
    const storage = memoryStorage();
    expect(forcedRenderer('', storage)).toBeNull();
    expect(forcedRenderer('?nodes=a&renderer=webgl', storage)).toBe('webgl');
    expect(storage.data[RENDERER_STORAGE_KEY]).toBe('webgl');
    // Remembered on the next page without the parameter.
    expect(forcedRenderer('?nodes=a', storage)).toBe('webgl');
    expect(forcedRenderer('?renderer=canvas', storage)).toBe('canvas');
    expect(forcedRenderer('', storage)).toBe('canvas');
    expect(forcedRenderer('?renderer=auto', storage)).toBeNull();
    expect(forcedRenderer('', storage)).toBeNull();
    // Nonsense is ignored; blocked storage leaves the URL.
    expect(forcedRenderer('?renderer=svg', memoryStorage())).toBeNull();
    const blocked: SmallStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(forcedRenderer('?renderer=webgl', blocked)).toBe('webgl');
    expect(forcedRenderer('', blocked)).toBeNull();
  });

  it('asks Cytoscape for its canvas renderer in WebGL mode', () => {
    expect(rendererOptions('webgl')).toEqual({ renderer: { name: 'canvas', webgl: true } });
    expect(rendererOptions('canvas')).toEqual({});
  });
});
