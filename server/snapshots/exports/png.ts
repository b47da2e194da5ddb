// PNG export: the SVG export rasterised by resvg (a prebuilt native module), `scale` pixels per
// CSS pixel. resvg is loaded on first use: if it cannot load on this platform the server still
// runs, and PNG export answers 501.
import { createRequire } from 'node:module';
import type { renderAsync as RenderAsync } from '@resvg/resvg-js';
import { InvalidInputError, NotAvailableError } from '../../errors.js';
import type { SvgImage } from './svg.js';

/** Pixels a PNG may have (about 256 MB while it is drawn). */
export const PNG_PIXELS_MAX = 64_000_000;

let renderer: typeof RenderAsync | null | undefined;

function loadRenderer(): typeof RenderAsync | null {
  if (renderer === undefined) {
    try {
      renderer = (createRequire(import.meta.url)('@resvg/resvg-js') as { renderAsync: typeof RenderAsync }).renderAsync;
    } catch {
      renderer = null;
    }
  }
  return renderer;
}

export async function toPng(image: SvgImage, scale: number): Promise<Buffer> {
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  if (width * height > PNG_PIXELS_MAX) {
    const most = Math.floor(Math.sqrt(PNG_PIXELS_MAX / (image.width * image.height)) * 10) / 10;
    throw new InvalidInputError('scale', `scale: this view would be ${width} × ${height} pixels; at most scale ${most} for it`);
  }
  const render = loadRenderer();
  if (!render) {
    throw new NotAvailableError(
      'format',
      'PNG export is not available on this server (its renderer, @resvg/resvg-js, could not load); export SVG instead.',
    );
  }
  const rendered = await render(image.svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return rendered.asPng();
}
